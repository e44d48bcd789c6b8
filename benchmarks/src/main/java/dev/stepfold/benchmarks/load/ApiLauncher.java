package dev.stepfold.benchmarks.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.StepfoldApi;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.streams.StepfoldRuntime;
import java.net.URI;

/**
 * The API mode: stepfold's AWS Step Functions API on a free port, CreateStateMachine and StartExecution over HTTP as an
 * SDK sends them, and the task answered over HTTP by {@link ApiChargeWorker}. The workflow and the tasks are the
 * Kafka mode's; only the way in and the answers differ.
 */
final class ApiLauncher implements Launcher {
  private final StepfoldApi api;
  private final AwsJsonClient starts;
  private final AwsJsonClient answers;
  private final ApiChargeWorker worker;

  ApiLauncher(StepfoldRuntime runtime, int clients) {
    this.api = StepfoldApi.start(runtime);
    var endpoint = URI.create("http://localhost:" + api.port());
    this.starts = new AwsJsonClient(endpoint, clients, "api-start");
    this.answers = new AwsJsonClient(endpoint, clients, "api-answer");
    this.worker = ApiChargeWorker.start(runtime, answers);
  }

  @Override
  public void createStateMachine(StateMachineArn stateMachine, String definition) throws Exception {
    starts.call("CreateStateMachine", AwsJsonClient.MAPPER.createObjectNode()
        .put("name", stateMachine.name()).put("definition", definition).put("roleArn", LoadDriver.ROLE));
  }

  @Override
  public void start(StateMachineArn stateMachine, String executionName, String input, Runnable refused) {
    starts.submit("StartExecution", startExecution(stateMachine, executionName, input), refusal -> refused.run());
  }

  static ObjectNode startExecution(StateMachineArn stateMachine, String executionName, String input) {
    return AwsJsonClient.MAPPER.createObjectNode().put("stateMachineArn", stateMachine.value()).put("name", executionName).put("input", input);
  }

  /** Calls that did not succeed: starts and answers. */
  long refusals() {
    return starts.refusals() + answers.refusals();
  }

  @Override
  public void close() {
    starts.close();
    worker.close();
    answers.close();
    api.close();
  }
}
