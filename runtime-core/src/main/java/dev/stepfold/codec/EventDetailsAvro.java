package dev.stepfold.codec;

import static dev.stepfold.codec.AvroValues.executionType;
import static dev.stepfold.codec.AvroValues.json;
import static dev.stepfold.codec.AvroValues.jsonText;
import static dev.stepfold.codec.AvroValues.optional;
import static dev.stepfold.codec.AvroValues.orNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.history.EventDetails;
import dev.stepfold.schemas.ActivityScheduledDetails;
import dev.stepfold.schemas.ActivityStartedDetails;
import dev.stepfold.schemas.AssignedVariable;
import dev.stepfold.schemas.EvaluationFailedDetails;
import dev.stepfold.schemas.ExecutionRedrivenDetails;
import dev.stepfold.schemas.ExecutionStartedDetails;
import dev.stepfold.schemas.StartedByMapRun;
import dev.stepfold.schemas.StartedByParentTask;
import dev.stepfold.history.StartedBy;
import dev.stepfold.schemas.FailureDetails;
import dev.stepfold.schemas.LambdaFunctionScheduledDetails;
import dev.stepfold.schemas.MapIterationDetails;
import dev.stepfold.schemas.MapRunRedrivenDetails;
import dev.stepfold.schemas.MapRunStartedDetails;
import dev.stepfold.schemas.MapStateStartedDetails;
import dev.stepfold.schemas.ParallelStateStartedDetails;
import dev.stepfold.schemas.OutputDetails;
import dev.stepfold.schemas.StateEnteredDetails;
import dev.stepfold.schemas.StateExitedDetails;
import dev.stepfold.schemas.TaskFailureDetails;
import dev.stepfold.schemas.TaskOutputDetails;
import dev.stepfold.schemas.TaskScheduledDetails;
import dev.stepfold.schemas.TaskStartedDetails;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link EventDetails} ⇄ the branches of {@code HistoryEventRecord.details}: one Avro record per details record,
 * field for field; {@link EventDetails.None} is null.
 */
final class EventDetailsAvro {
  private final DefinitionReader definitions;
  private final RedriveFixAvro fixes;

  EventDetailsAvro(DefinitionReader definitions) {
    this.definitions = definitions;
    this.fixes = new RedriveFixAvro(definitions);
  }

  /** The Avro branch for these details, or null for {@link EventDetails.None}. */
  Object avro(EventDetails details) {
    if (details instanceof EventDetails.None) {
      return null;
    }
    if (details instanceof EventDetails.ExecutionStarted d) {
      return ExecutionStartedDetails.newBuilder()
          .setInput(jsonText(d.input()))
          .setRoleArn(d.roleArn())
          .setStateMachineAliasArn(orNull(d.stateMachineAliasArn()))
          .setStateMachineVersionArn(orNull(d.stateMachineVersionArn()))
          .setExecutionArn(d.executionArn().value())
          .setStateMachineArn(d.stateMachineArn().value())
          .setExecutionType(d.executionType().name())
          .setDefinition(jsonText(d.definition().document()))
          .setCloseRequestId(orNull(d.closeRequestId()))
          .setStartedByParentTask(d.startedBy().filter(StartedBy.ParentTask.class::isInstance).map(StartedBy.ParentTask.class::cast)
              .map(EventDetailsAvro::avro).orElse(null))
          .setStartedByMapRun(d.startedBy().filter(StartedBy.MapRunChild.class::isInstance).map(StartedBy.MapRunChild.class::cast)
              .map(child -> new StartedByMapRun(child.mapRunArn().value(), child.index())).orElse(null))
          .build();
    }
    if (details instanceof EventDetails.StateEntered d) {
      return StateEnteredDetails.newBuilder().setName(d.name()).setInput(jsonText(d.input())).build();
    }
    if (details instanceof EventDetails.StateExited d) {
      return StateExitedDetails.newBuilder()
          .setName(d.name())
          .setOutput(jsonText(d.output()))
          .setAssignedVariables(d.assignedVariables().map(EventDetailsAvro::assignedVariables).orElse(null))
          .build();
    }
    if (details instanceof EventDetails.Output d) {
      return OutputDetails.newBuilder().setOutput(jsonText(d.output())).build();
    }
    if (details instanceof EventDetails.Failure d) {
      return FailureDetails.newBuilder().setError(orNull(d.error())).setCause(orNull(d.cause())).build();
    }
    if (details instanceof EventDetails.TaskScheduled d) {
      return TaskScheduledDetails.newBuilder()
          .setResourceType(d.resourceType())
          .setResource(d.resource())
          .setRegion(d.region())
          .setParameters(jsonText(d.parameters()))
          .setTimeoutInSeconds(orNull(d.timeoutInSeconds()))
          .setHeartbeatInSeconds(orNull(d.heartbeatInSeconds()))
          .setTaskCredentialsRoleArn(orNull(d.taskCredentialsRoleArn()))
          .build();
    }
    if (details instanceof EventDetails.TaskStarted d) {
      return TaskStartedDetails.newBuilder().setResourceType(d.resourceType()).setResource(d.resource()).build();
    }
    if (details instanceof EventDetails.TaskOutput d) {
      return TaskOutputDetails.newBuilder()
          .setResourceType(d.resourceType())
          .setResource(d.resource())
          .setOutput(jsonText(d.output()))
          .build();
    }
    if (details instanceof EventDetails.TaskFailure d) {
      return TaskFailureDetails.newBuilder()
          .setResourceType(d.resourceType())
          .setResource(d.resource())
          .setError(orNull(d.error()))
          .setCause(orNull(d.cause()))
          .build();
    }
    if (details instanceof EventDetails.ActivityScheduled d) {
      return ActivityScheduledDetails.newBuilder()
          .setResource(d.resource())
          .setInput(jsonText(d.input()))
          .setTimeoutInSeconds(orNull(d.timeoutInSeconds()))
          .setHeartbeatInSeconds(orNull(d.heartbeatInSeconds()))
          .build();
    }
    if (details instanceof EventDetails.ActivityStarted d) {
      return ActivityStartedDetails.newBuilder().setWorkerName(orNull(d.workerName())).build();
    }
    if (details instanceof EventDetails.LambdaFunctionScheduled d) {
      return LambdaFunctionScheduledDetails.newBuilder()
          .setResource(d.resource())
          .setInput(jsonText(d.input()))
          .setTimeoutInSeconds(orNull(d.timeoutInSeconds()))
          .setTaskCredentialsRoleArn(orNull(d.taskCredentialsRoleArn()))
          .build();
    }
    if (details instanceof EventDetails.MapIteration d) {
      return MapIterationDetails.newBuilder().setName(d.name()).setIndex(d.index()).build();
    }
    if (details instanceof EventDetails.MapStateStarted d) {
      return MapStateStartedDetails.newBuilder().setLength(d.length()).setRetriedError(d.retriedError().orElse(null)).build();
    }
    if (details instanceof EventDetails.ParallelStateStarted d) {
      return ParallelStateStartedDetails.newBuilder().setRetriedError(d.retriedError().orElse(null)).build();
    }
    if (details instanceof EventDetails.MapRunStarted d) {
      return MapRunStartedDetails.newBuilder().setMapRunArn(d.mapRunArn()).build();
    }
    if (details instanceof EventDetails.ExecutionRedriven d) {
      return ExecutionRedrivenDetails.newBuilder().setRedriveCount(d.redriveCount()).setClientToken(d.clientToken().orElse(null))
          .setParentTask(d.parentTask().map(EventDetailsAvro::avro).orElse(null)).setFix(d.fix().map(RedriveFixAvro::details).orElse(null)).build();
    }
    if (details instanceof EventDetails.MapRunRedriven d) {
      return MapRunRedrivenDetails.newBuilder().setMapRunArn(d.mapRunArn()).setRedriveCount(d.redriveCount()).build();
    }
    if (details instanceof EventDetails.EvaluationFailed d) {
      return EvaluationFailedDetails.newBuilder()
          .setError(orNull(d.error()))
          .setCause(orNull(d.cause()))
          .setLocation(orNull(d.location()))
          .setState(d.state())
          .build();
    }
    throw new IllegalStateException("Expected details the Avro codec knows, but got " + details.getClass().getName());
  }

  private static StartedByParentTask avro(StartedBy.ParentTask parent) {
    return new StartedByParentTask(parent.executionArn().value(), parent.taskToken(), CommandAvro.startExecution(parent.pattern()));
  }

  private static StartedBy.ParentTask parentTask(StartedByParentTask avro) {
    return new StartedBy.ParentTask(new ExecutionArn(avro.getExecutionArn()), avro.getTaskToken(), CommandAvro.startExecutionPattern(avro.getResource()));
  }

  private static Optional<StartedBy> startedBy(ExecutionStartedDetails avro) {
    if (avro.getStartedByParentTask() != null) {
      return Optional.of(parentTask(avro.getStartedByParentTask()));
    }
    if (avro.getStartedByMapRun() != null) {
      var child = avro.getStartedByMapRun();
      return Optional.of(new StartedBy.MapRunChild(new MapRunArn(child.getMapRunArn()), child.getIndex()));
    }
    return Optional.empty();
  }

  /** The details a {@code HistoryEventRecord.details} branch holds; null is {@link EventDetails.None}. */
  EventDetails details(Object avro) {
    if (avro == null) {
      return EventDetails.None.INSTANCE;
    }
    if (avro instanceof ExecutionStartedDetails a) {
      var executionType = executionType(a.getExecutionType());
      return new EventDetails.ExecutionStarted(
          json(a.getInput(), "ExecutionStarted input"),
          a.getRoleArn(),
          optional(a.getStateMachineAliasArn()),
          optional(a.getStateMachineVersionArn()),
          new ExecutionArn(a.getExecutionArn()),
          new StateMachineArn(a.getStateMachineArn()),
          executionType,
          definitions.read(a.getDefinition(), executionType),
          optional(a.getCloseRequestId()),
          startedBy(a));
    }
    if (avro instanceof StateEnteredDetails a) {
      return new EventDetails.StateEntered(a.getName(), json(a.getInput(), "StateEntered input"));
    }
    if (avro instanceof StateExitedDetails a) {
      return new EventDetails.StateExited(
          a.getName(),
          json(a.getOutput(), "StateExited output"),
          Optional.ofNullable(a.getAssignedVariables()).map(EventDetailsAvro::assignedVariables));
    }
    if (avro instanceof OutputDetails a) {
      return new EventDetails.Output(json(a.getOutput(), "output"));
    }
    if (avro instanceof FailureDetails a) {
      return new EventDetails.Failure(optional(a.getError()), optional(a.getCause()));
    }
    if (avro instanceof TaskScheduledDetails a) {
      return new EventDetails.TaskScheduled(
          a.getResourceType(),
          a.getResource(),
          a.getRegion(),
          json(a.getParameters(), "TaskScheduled parameters"),
          optional(a.getTimeoutInSeconds()),
          optional(a.getHeartbeatInSeconds()),
          optional(a.getTaskCredentialsRoleArn()));
    }
    if (avro instanceof TaskStartedDetails a) {
      return new EventDetails.TaskStarted(a.getResourceType(), a.getResource());
    }
    if (avro instanceof TaskOutputDetails a) {
      return new EventDetails.TaskOutput(a.getResourceType(), a.getResource(), json(a.getOutput(), "task output"));
    }
    if (avro instanceof TaskFailureDetails a) {
      return new EventDetails.TaskFailure(a.getResourceType(), a.getResource(), optional(a.getError()), optional(a.getCause()));
    }
    if (avro instanceof ActivityScheduledDetails a) {
      return new EventDetails.ActivityScheduled(
          a.getResource(),
          json(a.getInput(), "ActivityScheduled input"),
          optional(a.getTimeoutInSeconds()),
          optional(a.getHeartbeatInSeconds()));
    }
    if (avro instanceof ActivityStartedDetails a) {
      return new EventDetails.ActivityStarted(optional(a.getWorkerName()));
    }
    if (avro instanceof LambdaFunctionScheduledDetails a) {
      return new EventDetails.LambdaFunctionScheduled(
          a.getResource(),
          json(a.getInput(), "LambdaFunctionScheduled input"),
          optional(a.getTimeoutInSeconds()),
          optional(a.getTaskCredentialsRoleArn()));
    }
    if (avro instanceof MapIterationDetails a) {
      return new EventDetails.MapIteration(a.getName(), a.getIndex());
    }
    if (avro instanceof MapStateStartedDetails a) {
      return new EventDetails.MapStateStarted(a.getLength(), optional(a.getRetriedError()));
    }
    if (avro instanceof ParallelStateStartedDetails a) {
      return new EventDetails.ParallelStateStarted(optional(a.getRetriedError()));
    }
    if (avro instanceof MapRunStartedDetails a) {
      return new EventDetails.MapRunStarted(a.getMapRunArn());
    }
    if (avro instanceof ExecutionRedrivenDetails a) {
      return new EventDetails.ExecutionRedriven(a.getRedriveCount(), optional(a.getClientToken()),
          Optional.ofNullable(a.getParentTask()).map(EventDetailsAvro::parentTask), Optional.ofNullable(a.getFix()).map(fixes::fix));
    }
    if (avro instanceof MapRunRedrivenDetails a) {
      return new EventDetails.MapRunRedriven(a.getMapRunArn(), a.getRedriveCount());
    }
    if (avro instanceof EvaluationFailedDetails a) {
      return new EventDetails.EvaluationFailed(
          optional(a.getError()), optional(a.getCause()), optional(a.getLocation()), a.getState());
    }
    throw new IllegalStateException("Expected a details record the Avro codec knows, but got " + avro.getClass().getName());
  }

  private static List<AssignedVariable> assignedVariables(Map<String, JsonNode> variables) {
    var avro = new ArrayList<AssignedVariable>(variables.size());
    variables.forEach((name, value) -> avro.add(new AssignedVariable(name, jsonText(value))));
    return avro;
  }

  private static Map<String, JsonNode> assignedVariables(List<AssignedVariable> avro) {
    var variables = new LinkedHashMap<String, JsonNode>();
    for (var variable : avro) {
      variables.put(variable.getName(), json(variable.getValue(), "assigned variable " + variable.getName()));
    }
    return variables;
  }
}
