package dev.stepfold.api.tags;

import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.ResourceErrors;
import dev.stepfold.api.Wire;
import dev.stepfold.api.statemachines.StateMachineWrites;
import dev.stepfold.streams.ActivityReads;
import dev.stepfold.statemachine.StateMachine;
import dev.stepfold.statemachine.StateMachineDecider;
import dev.stepfold.statemachine.StateMachineTarget;
import dev.stepfold.tags.Tags;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The resources that have tags, and where each kind keeps them: with the resource itself, changed by TagResource and
 * UntagResource commands keyed by the resource's ARN (decided with {@link Tags}) and read where the resource is read.
 * A state machine's tags are on its current revision; a version or alias has none of its own ({@code ResourceNotFound},
 * as AWS answers). An activity's tags are on the activity, read from the directory of activities.
 */
final class TaggedResources {
  /** What the tag operations need of one kind of resource. */
  interface Kind {
    /** Nothing when a tag command can be sent for the resource; {@code ResourceNotFound} when it cannot have tags. */
    void requireKept(String resourceArn);

    /** The resource's tags as this instance reads them; {@code ResourceNotFound} when it does not exist. */
    Tags read(ApiServices services, String resourceArn);

    /** Read your own writes on this instance: waits (up to the reads timeout) until the tags read satisfy {@code shown}. */
    void awaitShown(ApiServices services, String resourceArn, Predicate<Tags> shown);
  }

  /** The kinds of resource by the resource type of their ARNs ({@code arn:aws:states:<region>:<account>:<type>:...}). */
  private static final Map<String, Kind> KINDS = Map.of(
      "stateMachine", new StateMachines(),
      "activity", new Activities());

  private TaggedResources() {}

  /** The kind of resource an ARN names; {@code InvalidArn} for an ARN of nothing that can have tags. */
  static Kind of(String resourceArn) {
    var parts = resourceArn.split(":", -1);
    var kind = parts.length >= 7 && parts[0].equals("arn") && parts[2].equals("states") ? KINDS.get(parts[5]) : null;
    if (kind == null) {
      throw ApiArns.invalid(resourceArn);
    }
    return kind;
  }

  static ApiException notFound(String resourceArn) {
    return ResourceErrors.notFound(StateMachineDecider.resourceNotFoundMessage(resourceArn), resourceArn);
  }

  /** State machines: tags on the current revision, read from the global store. */
  private static final class StateMachines implements Kind {
    @Override
    public void requireKept(String resourceArn) {
      ApiArns.stateMachine(resourceArn);
    }

    @Override
    public Tags read(ApiServices services, String resourceArn) {
      var arn = ApiArns.stateMachine(resourceArn);
      if (!(StateMachineTarget.of(arn) instanceof StateMachineTarget.Latest)) {
        throw notFound(resourceArn);
      }
      return Wire.read(() -> services.stateMachines().find(arn.value())).map(StateMachine::tags).orElseThrow(() -> notFound(resourceArn));
    }

    @Override
    public void awaitShown(ApiServices services, String resourceArn, Predicate<Tags> shown) {
      StateMachineWrites.awaitShown(services, resourceArn, found -> found.map(StateMachine::tags).filter(shown).isPresent());
    }
  }

  /** Activities: tags on the activity, read from this instance's directory of activities. */
  private static final class Activities implements Kind {
    @Override
    public void requireKept(String resourceArn) {
      ApiArns.activity(resourceArn);
    }

    @Override
    public Tags read(ApiServices services, String resourceArn) {
      var arn = ApiArns.activity(resourceArn);
      return Wire.read(() -> services.activities().find(arn.value())).map(ActivityReads::tags).orElseThrow(() -> notFound(resourceArn));
    }

    @Override
    public void awaitShown(ApiServices services, String resourceArn, Predicate<Tags> shown) {
      Wire.read(() -> services.activities().await(resourceArn, found -> found.map(ActivityReads::tags).filter(shown).isPresent(),
          services.readsTimeout()));
    }
  }
}
