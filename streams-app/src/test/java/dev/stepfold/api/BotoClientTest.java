package dev.stepfold.api;

import static dev.stepfold.api.ClientStackAssertions.assertRedriven;
import static dev.stepfold.api.ClientStackAssertions.assertSigV4Refusals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * boto3, as a Python user runs it (python3 on the PATH), against a running stepfold that checks signatures: the
 * scripts in {@code src/test/clients/python}.
 */
@Timeout(300)
class BotoClientTest {
  private static final Path SCRIPTS = ClientScript.DIR.resolve("python");

  @TempDir
  static Path dataDir;
  static RunningApi api;

  @BeforeAll
  static void start() {
    ClientScript.require("python3 with boto3", "Install it with 'pip install boto3' (or Debian's python3-boto3, with a current model as the spec's "
        + "section 3.4 says).", "python3", "-c", "import boto3");
    api = ClientStackAssertions.startSigningApi(dataDir);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  private static ClientScript python(String script) {
    return ClientScript.of("python3", SCRIPTS.resolve(script).toString()).against(api, RunningApi.ACCESS_KEY_ID, RunningApi.SECRET, "us-east-1");
  }

  @Test
  void shouldRedriveAParallelWhoseActivityBranchFailedOnceTheWorkerIsFixed() throws Exception {
    assertRedriven(python("redrive_with_boto3.py").run("boto3").json());
  }

  @Test
  void shouldPassTheRightSignatureAndRefuseWrongOnes() {
    assertSigV4Refusals(python("sigv4_with_boto3.py").run().json());
  }
}
