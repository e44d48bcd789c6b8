package dev.stepfold.api.stepfold;

import dev.stepfold.api.Operation;

/**
 * One of stepfold's own operations, beyond AWS's: on the same endpoint and wire format (AWS JSON 1.0, SigV4), under
 * {@code X-Amz-Target: Stepfold.<name>}.
 */
interface StepfoldOperation extends Operation {
  String TARGET_PREFIX = "Stepfold.";

  @Override
  default String target() {
    return TARGET_PREFIX + name();
  }
}
