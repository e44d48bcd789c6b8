package dev.stepfold.api.tags;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Members;
import dev.stepfold.api.Operation;
import dev.stepfold.api.ResourceErrors;
import dev.stepfold.api.Wire;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.TagResourceCommand;
import dev.stepfold.tags.Tag;
import java.util.LinkedHashMap;

/**
 * {@code TagResource}: a TagResource command keyed by the resource's ARN, decided with the resource (at most 50 tags,
 * {@code TooManyTags} beyond); {@code ResourceNotFound} for a resource that does not exist, a version or an alias.
 */
final class TagResource implements Operation {
  private final ApiServices services;

  TagResource(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "TagResource";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var resourceArn = in.requiredArn("resourceArn");
    if (!in.has("tags")) {
      throw Members.missing("tags");
    }
    var tags = TagMembers.tags(in, "tags");
    var kind = TaggedResources.of(resourceArn);
    kind.requireKept(resourceArn);
    try {
      services.commands().accepted(CommandRecord.newBuilder()
          .setRequestId(request.requestId())
          .setExecutionArn(resourceArn)
          .setCommand(new TagResourceCommand(tags))
          .build());
    } catch (ApiException e) {
      throw ResourceErrors.withResourceName(e, resourceArn);
    }
    var expected = new LinkedHashMap<String, String>();
    tags.forEach(tag -> expected.put(tag.getKey(), tag.getValue()));
    kind.awaitShown(services, resourceArn, shown -> expected.entrySet().stream()
        .allMatch(tag -> shown.list().contains(new Tag(tag.getKey(), tag.getValue()))));
    return Wire.object();
  }
}
