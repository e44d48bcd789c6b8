package dev.stepfold.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.error.StatesError;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which map runs a redrive redrives and which it replaces (R42–R44), and when a Parallel or Map reruns in full (R37). */
class RedriveRulesTest {
  private static final MapRunArn MAP_RUN = MapRunArn.of(ArnFormat.DEFAULT.stateMachine("orders").execution("e"), "Each", 3);

  private static MapRunRecord failedWith(String error) {
    return MapRunRecord.started(MAP_RUN).ended(MapRunStatus.FAILED, Optional.of(new StatesError(error, "")));
  }

  @Test
  void R42_aMapRunThatFailedOrWasAbortedIsRedriven() {
    assertThat(RedriveRules.redrivesSameMapRun(failedWith(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD))).isTrue();
    assertThat(RedriveRules.redrivesSameMapRun(failedWith(StatesError.RESULT_WRITER_FAILED))).isTrue();
    assertThat(RedriveRules.redrivesSameMapRun(MapRunRecord.started(MAP_RUN).ended(MapRunStatus.ABORTED, Optional.empty()))).isTrue();
  }

  @Test
  void R43_aMapRunWhoseItemReaderFailedNeverStartedItsChildrenAndStartsAfresh() {
    assertThat(RedriveRules.redrivesSameMapRun(failedWith(StatesError.ITEM_READER_FAILED))).isFalse();
  }

  @Test
  void R44_aMapRunThatFailedWithStatesRuntimeOrDataLimitExceededOrWhoseResultsFailedTheMapIsReplaced() {
    assertThat(RedriveRules.redrivesSameMapRun(failedWith(StatesError.RUNTIME))).isFalse();
    assertThat(RedriveRules.redrivesSameMapRun(failedWith(StatesError.DATA_LIMIT_EXCEEDED))).isFalse();
    assertThat(RedriveRules.redrivesSameMapRun(MapRunRecord.started(MAP_RUN).ended(MapRunStatus.SUCCEEDED, Optional.empty()))).isFalse();
  }

  @Test
  void R37_onlyStatesDataLimitExceededRerunsInFull() {
    assertThat(RedriveRules.rerunsInFull(Optional.of(StatesError.DATA_LIMIT_EXCEEDED))).isTrue();
    assertThat(RedriveRules.rerunsInFull(Optional.of(StatesError.RUNTIME))).isFalse();
    assertThat(RedriveRules.rerunsInFull(Optional.empty())).isFalse();
  }
}
