package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.codec.MapRunAvro;
import dev.stepfold.engine.Command;
import dev.stepfold.maprun.MapRunEvent;
import dev.stepfold.schemas.RejectedReply;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The replies the processor writes for the API besides a command's own: the close of an execution a StartSyncExecution
 * waits on, written by whichever decision closes it (a timer's too), and an UpdateMapRun's answer from the map run.
 */
class CloseAndMapRunRepliesProcessingTest extends TopologyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAP = """
      {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 5, "Next": "Done"}, "Done": {"Type": "Pass", "Result": "rested", "End": true}}}""";

  @Test
  void shouldAnswerTheCloseRequestWhenATimerClosesTheExecution() throws Exception {
    var definition = ((ParsedDefinition.Valid) DefinitionParser.parse(NAP, ExecutionType.EXPRESS)).definition();
    var stateMachine = ArnFormat.DEFAULT.stateMachine("nap");
    var executionArn = stateMachine.expressExecution("n-1", "1");
    harness.send(new Command.StartExecution("sync-1", executionArn, stateMachine, ExecutionType.EXPRESS, definition, "{}",
        "arn:aws:iam::111111111111:role/stepfold", Optional.empty(), Optional.empty(), Optional.of("sync-1/closed")), T0);

    TopologyHarness.accepted(harness.replies.readValue(), "sync-1");
    assertThat(harness.replies.isEmpty()).as("nothing closed yet").isTrue();

    harness.driver.advanceWallClockTime(Duration.ofSeconds(6));

    var closed = JSON.readTree(TopologyHarness.accepted(harness.replies.readValue(), "sync-1/closed"));
    assertThat(closed.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(closed.path("executionArn").asText()).isEqualTo(executionArn.value());
    assertThat(closed.path("output").asText()).isEqualTo("rested");
    assertThat(harness.replies.isEmpty()).isTrue();
  }

  @Test
  void shouldAnswerAnUpdateOfAMapRunThatNeverStartedResourceNotFound() {
    var mapRun = new MapRunArn("arn:aws:states:us-east-1:123456789012:mapRun:orders/Each:00000000-0000-0000-0000-000000000000");
    harness.send(MapRunAvro.updateMapRun("update-1", mapRun,
        new MapRunEvent.Updated(OptionalInt.of(2), OptionalLong.empty(), OptionalDouble.empty())), T0);

    var reply = harness.replies.readValue();
    assertThat(TopologyHarness.rejected(reply, "update-1")).isEqualTo("ResourceNotFound");
    assertThat(((RejectedReply) reply.getOutcome()).getMessage()).contains(mapRun.value());
    assertThat(harness.deadLetters.isEmpty()).isTrue();
  }
}
