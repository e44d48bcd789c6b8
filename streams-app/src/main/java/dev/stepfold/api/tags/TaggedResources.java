package dev.stepfold.api.tags;

import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.ResourceErrors;
import dev.stepfold.api.Wire;
import dev.stepfold.api.statemachines.StateMachineWrites;
import dev.stepfold.arn.ActivityArn;
import dev.stepfold.statemachine.StateMachine;
import dev.stepfold.statemachine.StateMachineDecider;
import dev.stepfold.statemachine.StateMachineTarget;
import dev.stepfold.tags.Tags;
import java.util.function.Predicate;

/**
 * The resources that have tags, and where each keeps them: with the resource itself. A state machine's tags are on its
 * current revision (changed by TagResource and UntagResource commands on its key, read from the global store); a
 * version or alias has none of its own ({@code ResourceNotFound}, as AWS answers). An activity keeps its tags with it
 * too; until activities are kept, an activity ARN is answered {@code ResourceNotFound}, here and by the processor.
 */
final class TaggedResources {
  private TaggedResources() {}

  /** The resource ARN as the key of its tag commands: a state machine's or an activity's; {@code InvalidArn} otherwise. */
  static String key(String resourceArn) {
    if (isActivity(resourceArn)) {
      return resourceArn;
    }
    return ApiArns.stateMachine(resourceArn).value();
  }

  /** The resource's tags, where it keeps them. */
  static Tags read(ApiServices services, String resourceArn) {
    if (isActivity(resourceArn)) {
      throw notFound(resourceArn);
    }
    var arn = ApiArns.stateMachine(resourceArn);
    if (!(StateMachineTarget.of(arn) instanceof StateMachineTarget.Latest)) {
      throw notFound(resourceArn);
    }
    return Wire.read(() -> services.stateMachines().find(arn.value())).map(StateMachine::tags).orElseThrow(() -> notFound(resourceArn));
  }

  /** Read your own writes on this instance: waits until the global store shows tags that satisfy {@code shown}. */
  static void awaitShown(ApiServices services, String resourceArn, Predicate<Tags> shown) {
    if (!isActivity(resourceArn)) {
      StateMachineWrites.awaitShown(services, resourceArn, found -> found.map(StateMachine::tags).filter(shown).isPresent());
    }
  }

  static dev.stepfold.api.ApiException notFound(String resourceArn) {
    return ResourceErrors.notFound(StateMachineDecider.resourceNotFoundMessage(resourceArn), resourceArn);
  }

  private static boolean isActivity(String resourceArn) {
    try {
      new ActivityArn(resourceArn);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
