package dev.stepfold.api.tags;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.ResourceErrors;
import dev.stepfold.api.Wire;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.UntagResourceCommand;

/** {@code UntagResource}: an UntagResource command keyed by the resource's ARN; keys the resource does not have are ignored. */
final class UntagResource implements Operation {
  private final ApiServices services;

  UntagResource(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "UntagResource";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var resourceArn = in.requiredArn("resourceArn");
    var keys = TagMembers.tagKeys(in, "tagKeys");
    var kind = TaggedResources.of(resourceArn);
    kind.requireKept(resourceArn);
    try {
      services.commands().accepted(CommandRecord.newBuilder()
          .setRequestId(request.requestId())
          .setExecutionArn(resourceArn)
          .setCommand(new UntagResourceCommand(keys))
          .build());
    } catch (ApiException e) {
      throw ResourceErrors.withResourceName(e, resourceArn);
    }
    kind.awaitShown(services, resourceArn, shown -> shown.list().stream().noneMatch(tag -> keys.contains(tag.key())));
    return Wire.object();
  }
}
