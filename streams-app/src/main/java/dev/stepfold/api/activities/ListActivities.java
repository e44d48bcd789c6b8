package dev.stepfold.api.activities;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Members;
import dev.stepfold.api.Operation;
import dev.stepfold.api.PageToken;
import dev.stepfold.api.Wire;

/** {@code ListActivities}: the activities of this instance's directory in ARN order, in pages with an opaque {@code nextToken}. */
final class ListActivities implements Operation {
  private static final PageToken TOKENS = new PageToken("ListActivities");
  private final ApiServices services;

  ListActivities(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "ListActivities";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    int pageSize = in.pageSize();
    var after = in.nextToken(Members.PAGE_TOKEN_LENGTH).map(TOKENS::read);
    var found = Wire.read(() -> services.activities().page(after, pageSize));
    var json = Wire.object();
    var items = json.putArray("activities");
    found.stream().limit(pageSize).forEach(activity -> ActivityJson.item(items.addObject(), activity));
    if (found.size() > pageSize) {
      json.put("nextToken", TOKENS.write(found.get(pageSize - 1).getActivityArn()));
    }
    return json;
  }
}
