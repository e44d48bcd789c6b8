package dev.stepfold.api.aliases;

import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.Members;
import dev.stepfold.api.ResourceErrors;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.schemas.RoutingConfigurationItem;
import dev.stepfold.statemachine.StateMachineTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The members the alias operations share: a {@code routingConfiguration} (one or two items of a version ARN and a
 * weight of 0 to 100), read with AWS's ValidationException wording, and alias ARNs. Whether the routing makes sense
 * (versions of one state machine, distinct, weights summing to 100) is the state machine's key to decide; the API
 * answers those refusals with {@code reason: INVALID_ROUTING_CONFIGURATION}.
 */
final class AliasMembers {
  static final String ROUTING = "routingConfiguration";
  static final int DESCRIPTION_LENGTH = 256;

  private AliasMembers() {}

  static Optional<List<RoutingConfigurationItem>> routing(Members in) {
    var list = in.optionalList(ROUTING);
    if (list.isEmpty()) {
      return Optional.empty();
    }
    var items = new ArrayList<RoutingConfigurationItem>();
    int index = 0;
    for (var item : list.get()) {
      index++;
      var at = ROUTING + "." + index + ".member";
      if (!item.isObject()) {
        throw Members.violation(at, item.toString(), "Member must be a structure");
      }
      var fields = new Members((com.fasterxml.jackson.databind.node.ObjectNode) item);
      var versionArn = fields.optionalString("stateMachineVersionArn", 1, Members.ARN_LENGTH);
      var weight = fields.optionalInt("weight", Integer.MIN_VALUE, Integer.MAX_VALUE);
      if (versionArn.isEmpty()) {
        throw Members.violation(at + ".stateMachineVersionArn", null, "Member must not be null");
      }
      if (weight.isEmpty()) {
        throw Members.violation(at + ".weight", null, "Member must not be null");
      }
      if (weight.getAsInt() < 0 || weight.getAsInt() > 100) {
        throw Members.violation(at + ".weight", Integer.toString(weight.getAsInt()), weight.getAsInt() < 0
            ? "Member must have value greater than or equal to 0" : "Member must have value less than or equal to 100");
      }
      items.add(new RoutingConfigurationItem(versionArn.get(), weight.getAsInt()));
    }
    if (items.isEmpty() || items.size() > 2) {
      throw Members.violation(ROUTING, shown(items), items.isEmpty()
          ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 2");
    }
    return Optional.of(items);
  }

  /** The state machine a routing configuration's versions belong to: that of its first item. */
  static StateMachineArn stateMachineOf(List<RoutingConfigurationItem> routing) {
    try {
      return StateMachineTarget.of(new StateMachineArn(routing.get(0).getStateMachineVersionArn())).stateMachineArn();
    } catch (IllegalArgumentException e) {
      throw new ApiException(dev.stepfold.api.ErrorTypes.VALIDATION_EXCEPTION, "Routing configuration must contain state machine version ARNs. "
          + "Received: [" + String.join(", ", routing.stream().map(RoutingConfigurationItem::getStateMachineVersionArn).toList()) + "]",
          Map.of("reason", ResourceErrors.INVALID_ROUTING_CONFIGURATION));
    }
  }

  /** An alias ARN member: {@code InvalidArn} when it names no alias. */
  static StateMachineTarget.Alias alias(String value) {
    var arn = ApiArns.stateMachine(value);
    ApiArns.refuseLabelled(arn);
    if (!(StateMachineTarget.of(arn) instanceof StateMachineTarget.Alias alias)) {
      throw ApiArns.invalid(value);
    }
    return alias;
  }

  /** A routing list as AWS prints it in a message. */
  private static String shown(List<RoutingConfigurationItem> items) {
    return "[" + String.join(", ", items.stream().map(item -> "RoutingConfigurationListItem(stateMachineVersionArn="
        + item.getStateMachineVersionArn() + ", weight=" + item.getWeight() + ")").toList()) + "]";
  }
}
