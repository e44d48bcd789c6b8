package dev.stepfold.api.tags;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;

/** {@code ListTagsForResource}: the resource's tags, in the order their keys were first set, read where the resource keeps them. */
final class ListTagsForResource implements Operation {
  private final ApiServices services;

  ListTagsForResource(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "ListTagsForResource";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var resourceArn = request.members().requiredArn("resourceArn");
    var json = Wire.object();
    var items = json.putArray("tags");
    TaggedResources.of(resourceArn).read(services, resourceArn).list().forEach(tag -> items.addObject().put("key", tag.key()).put("value", tag.value()));
    return json;
  }
}
