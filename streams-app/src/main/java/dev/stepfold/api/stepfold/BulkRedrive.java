package dev.stepfold.api.stepfold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Members;
import dev.stepfold.api.Wire;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.codec.BulkRedriveAvro;
import dev.stepfold.engine.Reply;
import dev.stepfold.redrive.BulkRedriveFilter;
import dev.stepfold.schemas.BulkRedriveCommand;
import dev.stepfold.schemas.CommandRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code Stepfold.BulkRedrive}: the BulkRedrive command, keyed by the state machine's ARN, and its report. Its
 * {@code clientToken} is the command's request id — by default the one the command line derives from the state
 * machine and the filter — so the same request sent again redrives nothing twice and is answered with the same report.
 * A report that takes longer than the API's reply timeout is answered {@code ServiceUnavailable}; the SDKs send the
 * request again, and it is answered once the report is there. stepfold's redrive after a fix in bulk:
 * {@code stateMachineVersionArn} keeps the executions that run that version, {@code ontoVersion} (a version or alias
 * ARN) redrives each onto it.
 */
final class BulkRedrive implements StepfoldOperation {
  private static final List<String> STATUSES = List.of("FAILED", "TIMED_OUT", "ABORTED");
  private static final Pattern CLIENT_TOKEN = Pattern.compile("[!-~]+");
  private static final int CLIENT_TOKEN_LENGTH = 128;
  private static final int DEFAULT_PER_SECOND = 100;
  private final ApiServices services;

  BulkRedrive(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "BulkRedrive";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var stateMachineArn = ApiArns.stateMachine(in.requiredArn("stateMachineArn"));
    var statuses = statuses(in);
    var closedAfter = timestamp(in, "closedAfter");
    var closedBefore = timestamp(in, "closedBefore");
    var error = in.optionalString("error", 1, Members.ERROR_LENGTH);
    var redriveCountBelow = in.optionalInt("redriveCountBelow", 1, Integer.MAX_VALUE);
    int maxPerSecond = in.optionalInt("maxPerSecond", 1, Integer.MAX_VALUE).orElse(DEFAULT_PER_SECOND);
    var clientToken = in.optionalPattern("clientToken", 1, CLIENT_TOKEN_LENGTH, CLIENT_TOKEN);
    var version = in.optionalArn("stateMachineVersionArn");
    var ontoVersion = in.optionalArn("ontoVersion");
    var bulk = BulkRedriveCommand.newBuilder()
        .setStatuses(statuses)
        .setClosedAfter(closedAfter.map(Instant::toEpochMilli).orElse(null))
        .setClosedBefore(closedBefore.map(Instant::toEpochMilli).orElse(null))
        .setError(error.orElse(null))
        .setRedriveCountBelow(redriveCountBelow.isPresent() ? redriveCountBelow.getAsInt() : null)
        .setMaxPerSecond(maxPerSecond)
        .setStateMachineVersionArn(version.orElse(null))
        .setOntoVersion(ontoVersion.orElse(null))
        .build();
    BulkRedriveFilter filter;
    try {
      filter = BulkRedriveAvro.filter(bulk);
    } catch (IllegalArgumentException e) {
      throw ApiException.validation(e.getMessage());
    }
    var requestId = clientToken.orElseGet(() -> filter.requestId(stateMachineArn, ontoVersion));
    var reply = AvroCodec.parsingDefinitions().reply(services.commands().send(CommandRecord.newBuilder()
        .setRequestId(requestId)
        .setExecutionArn(stateMachineArn.value())
        .setCommand(bulk)
        .build()));
    if (reply instanceof Reply.Rejected rejected) {
      throw ApiException.of(rejected.error(), rejected.message());
    }
    return report(requestId, ((Reply.Accepted) reply).data());
  }

  /** The report with its request id, its dates as AWS JSON writes timestamps (epoch seconds). */
  private static ObjectNode report(String requestId, JsonNode data) {
    var json = Wire.object().put("requestId", requestId);
    var redriven = json.putArray("redriven");
    for (var execution : data.path("redriven")) {
      redriven.addObject()
          .put("executionArn", execution.path("executionArn").asText())
          .put("redriveCount", execution.path("redriveCount").asInt())
          .put("redriveDate", Wire.timestamp(Wire.instant(execution.path("redriveDate"))));
    }
    var skipped = json.putArray("skipped");
    for (var execution : data.path("skipped")) {
      skipped.addObject().put("executionArn", execution.path("executionArn").asText()).put("reason", execution.path("reason").asText());
    }
    return json;
  }

  private static List<String> statuses(Members in) {
    var statuses = new ArrayList<String>();
    in.optionalList("statuses").ifPresent(list -> list.forEach(status -> {
      if (!status.isTextual() || !STATUSES.contains(status.textValue())) {
        throw Members.violation("statuses", status.toString(), "Member must satisfy enum value set: " + STATUSES);
      }
      statuses.add(status.textValue());
    }));
    return statuses;
  }

  /** A timestamp member, as AWS JSON writes them: epoch seconds. */
  private static Optional<Instant> timestamp(Members in, String member) {
    var seconds = in.optionalNumber(member, 0, Long.MAX_VALUE / 1000.0);
    if (seconds.isEmpty()) {
      return Optional.empty();
    }
    long millis = BigDecimal.valueOf(seconds.getAsDouble()).movePointRight(3).longValue();
    return Optional.of(Instant.ofEpochMilli(millis));
  }
}
