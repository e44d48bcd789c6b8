package dev.stepfold.api.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Members;
import dev.stepfold.api.Wire;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.error.ApiError;
import dev.stepfold.schemas.CommandRecord;

/**
 * What the three answers share: the token says which execution the task is in, so the command is keyed by that
 * execution's ARN; a token stepfold did not make is {@code InvalidToken}, and one of an execution that does not exist
 * {@code TaskDoesNotExist}, the errors these operations declare. The engine answers {@code TaskTimedOut} for a task
 * that is no longer running.
 */
final class TaskAnswer {
  static final int TOKEN_LENGTH = 2048;

  private TaskAnswer() {}

  static TaskToken token(Members in) {
    return new TaskToken(in.requiredString("taskToken", 1, TOKEN_LENGTH));
  }

  static ObjectNode send(ApiServices services, String requestId, TaskToken token, Object command) {
    var executionArn = token.executionArn()
        .orElseThrow(() -> ApiException.of(ApiError.INVALID_TOKEN, "Invalid Token: '" + token.value() + "'"));
    try {
      services.commands().accepted(CommandRecord.newBuilder()
          .setRequestId(requestId)
          .setExecutionArn(executionArn.value())
          .setCommand(command)
          .build());
    } catch (ApiException e) {
      if (e.errorType().equals(ApiError.EXECUTION_DOES_NOT_EXIST.awsName())) {
        throw ApiException.of(ApiError.TASK_DOES_NOT_EXIST, "Task Does Not Exist: '" + token.value() + "'");
      }
      throw e;
    }
    return Wire.object();
  }
}
