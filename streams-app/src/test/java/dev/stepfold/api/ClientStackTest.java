package dev.stepfold.api;

import static dev.stepfold.api.ClientStackAssertions.assertRedriven;
import static dev.stepfold.api.ClientStackAssertions.assertSigV4Refusals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One non-Java client stack against a running stepfold that checks signatures (one server for the class): its redrive
 * script and its SigV4 script, from {@code src/test/clients/<folder>}, each run as that stack's users run it.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClientStackTest {
  private final String folder;
  private final String redriveScript;
  private final String sigV4Script;
  private RunningApi api;

  /** The stack's scripts in {@code src/test/clients/<folder>}: the redrive story and the SigV4 cases. */
  ClientStackTest(String folder, String redriveScript, String sigV4Script) {
    this.folder = folder;
    this.redriveScript = redriveScript;
    this.sigV4Script = sigV4Script;
  }

  /** Fails, saying how to get it, when the client is not on this machine. */
  abstract void requireClient();

  /** The command that runs one of the stack's scripts. */
  abstract ClientScript script(Path file);

  @BeforeAll
  void start(@TempDir Path dataDir) {
    requireClient();
    api = ClientStackAssertions.startSigningApi(dataDir);
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  Path scripts() {
    return ClientScript.DIR.resolve(folder);
  }

  private ClientScript run(String file) {
    return script(scripts().resolve(file)).against(api, RunningApi.ACCESS_KEY_ID, RunningApi.SECRET, "us-east-1");
  }

  @Test
  void shouldRedriveAParallelWhoseActivityBranchFailedOnceTheWorkerIsFixed() throws Exception {
    assertRedriven(run(redriveScript).run(folder).json());
  }

  @Test
  void shouldPassTheRightSignatureAndRefuseWrongOnes() {
    assertSigV4Refusals(run(sigV4Script).run().json());
  }
}
