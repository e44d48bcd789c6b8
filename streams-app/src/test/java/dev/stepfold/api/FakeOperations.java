package dev.stepfold.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;

/** Operations that answer without a runtime, to test the endpoint and the member reading alone. */
final class FakeOperations {
  private FakeOperations() {}

  static Operation of(String name, Function<ApiRequest, ObjectNode> call) {
    return new Operation() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ObjectNode call(ApiRequest request) {
        return call.apply(request);
      }
    };
  }

  /**
   * DescribeExecution reading its members as the real one does; ListStateMachines answering an empty page; StopExecution
   * failing with a bug.
   */
  static Operations someOperations() {
    return Operations.of(List.of(
        of("DescribeExecution", request -> {
          var in = request.members();
          var arn = in.requiredArn("executionArn");
          in.includesData();
          return Wire.object().put("executionArn", arn).put("requestId", request.requestId());
        }),
        of("ListStateMachines", request -> {
          request.members().pageSize();
          request.members().nextToken(Members.PAGE_TOKEN_LENGTH);
          var json = Wire.object();
          json.putArray("stateMachines");
          return json;
        }),
        of("StartExecution", request -> {
          request.members().requiredArn("stateMachineArn");
          request.members().optionalName("name");
          request.members().optionalSensitive("input", 0, Members.PAYLOAD_LENGTH);
          return Wire.object().put("executionArn", "arn:aws:states:us-east-1:123456789012:execution:M:e").put("startDate", 1.7e9);
        }),
        of("StopExecution", request -> {
          throw new IllegalStateException("Expected a test to fail here, and it did");
        })));
  }
}
