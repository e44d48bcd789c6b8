package dev.stepfold.api.mapruns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.codec.MapRunAvro;
import dev.stepfold.maprun.MapRunEvent;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * {@code UpdateMapRun}: an UpdateMapRun command to the map run's key. The map run decides: a running one takes the
 * new MaxConcurrency and tolerated failures at once; one that has ended is refused {@code ValidationException} with
 * reason {@code CANNOT_UPDATE_COMPLETED_MAP_RUN}; one that never started is {@code ResourceNotFound}.
 */
final class UpdateMapRun implements Operation {
  private final ApiServices services;

  UpdateMapRun(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "UpdateMapRun";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var mapRunArn = MapRunMembers.mapRunArn(in);
    var maxConcurrency = in.optionalInt("maxConcurrency", 0, Integer.MAX_VALUE);
    var percentage = in.optionalNumber("toleratedFailurePercentage", 0, 100);
    var count = in.optionalLong("toleratedFailureCount", 0, Long.MAX_VALUE);
    var update = new MapRunEvent.Updated(maxConcurrency.isPresent() ? OptionalInt.of(maxConcurrency.getAsInt()) : OptionalInt.empty(), count,
        percentage.isPresent() ? OptionalDouble.of(percentage.getAsDouble()) : OptionalDouble.empty());
    services.commands().accepted(MapRunAvro.updateMapRun(request.requestId(), mapRunArn, update));
    return Wire.object();
  }
}
