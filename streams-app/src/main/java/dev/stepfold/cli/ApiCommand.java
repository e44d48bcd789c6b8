package dev.stepfold.cli;

import dev.stepfold.api.SigV4Signer;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * A command that talks to a running stepfold over its AWS API ({@code --endpoint}); it turns what the API answers into
 * the exit codes of {@link ExitCodes}: an error answer is said on standard error as {@code <Type>: <message>}.
 */
abstract class ApiCommand implements Callable<Integer> {
  @Option(names = "--endpoint", paramLabel = "URL", defaultValue = "${env:STEPFOLD_ENDPOINT:-http://localhost:8083}",
      description = "the stepfold API (default: $STEPFOLD_ENDPOINT, else ${DEFAULT-VALUE})")
  URI endpoint;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "how long to wait for an answer (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Option(names = "--region", paramLabel = "REGION", description = "the region requests are signed for (default: $AWS_REGION, "
      + "else $AWS_DEFAULT_REGION, else us-east-1); they are signed when AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set")
  String region;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Does the command's work; returns its exit code. An error answer of the API may be thrown. */
  abstract int run(ApiClient api) throws Exception;

  @Override
  public final Integer call() throws Exception {
    try {
      return run(new ApiClient(endpoint, Duration.ofSeconds(timeoutSeconds), signer(System.getenv())));
    } catch (ApiRefusal refusal) {
      err().println(refusal.line());
      err().flush();
      return exitCode(refusal);
    } catch (ApiUnreachable unreachable) {
      err().println("stepfold: " + unreachable.getMessage());
      err().flush();
      return ExitCodes.UNREACHABLE;
    }
  }

  /** A signer of the environment's credentials, as the AWS CLI reads them; none without them. */
  Optional<SigV4Signer> signer(Map<String, String> environment) {
    var accessKeyId = environment.get("AWS_ACCESS_KEY_ID");
    var secret = environment.get("AWS_SECRET_ACCESS_KEY");
    if (accessKeyId == null || accessKeyId.isBlank() || secret == null || secret.isBlank()) {
      return Optional.empty();
    }
    var signingRegion = Optional.ofNullable(region).or(() -> Optional.ofNullable(environment.get("AWS_REGION")))
        .or(() -> Optional.ofNullable(environment.get("AWS_DEFAULT_REGION"))).orElse("us-east-1");
    return Optional.of(new SigV4Signer(accessKeyId, secret, signingRegion));
  }

  static int exitCode(ApiRefusal refusal) {
    if (refusal.notFound()) {
      return ExitCodes.NOT_FOUND;
    }
    return refusal.unavailable() ? ExitCodes.UNREACHABLE : ExitCodes.REFUSED;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  ExecutionArn executionArn(String text) {
    try {
      return new ExecutionArn(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid EXECUTION_ARN: " + e.getMessage());
    }
  }

  /**
   * A state machine named by its ARN (of a version or an alias too) or by its name, which ListStateMachines resolves;
   * an unknown name is StateMachineDoesNotExist, as the API words it.
   */
  String stateMachineArn(ApiClient api, String arnOrName) {
    if (arnOrName.startsWith("arn:")) {
      return arnOrName;
    }
    var found = new String[1];
    api.everyPage("ListStateMachines", CliJson.MAPPER.createObjectNode(), "stateMachines", stateMachine -> {
      if (stateMachine.path("name").asText().equals(arnOrName)) {
        found[0] = stateMachine.path("stateMachineArn").asText();
      }
    });
    if (found[0] == null) {
      throw new ApiRefusal("StateMachineDoesNotExist", "State Machine Does Not Exist: no state machine is named '" + arnOrName + "'", 400);
    }
    return new StateMachineArn(found[0]).value();
  }
}
