package dev.stepfold.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.Diagnostic;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.engine.ActivityDirectory;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.local.LocalRun;
import dev.stepfold.local.LocalRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays corpus cases through the parser and the engine and judges each against what AWS recorded. A case that
 * throws fails with the exception's message; it never stops the run.
 */
public final class ConformanceRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ConformanceRunner.class);

  /** The account the corpus's recordings were normalized to (its README): literal in their ARNs. */
  static final ArnFormat ARNS = new ArnFormat("aws", "us-east-1", "111111111111");
  static final String STATE_MACHINE_NAME = "ConformanceMachine";
  static final String EXECUTION_NAME = "conformance-execution";
  static final String EXPRESS_EXECUTION_ID = "conformance-express-id";
  static final String ROLE_ARN = "arn:aws:iam::111111111111:role/stepfold-conformance";
  static final Instant START_TIME = Instant.parse("2024-01-01T00:00:00Z");

  private final BiFunction<String, ExecutionType, ParsedDefinition> parser;
  private final Function<ActivityDirectory, ExecutionDecider> deciders;

  /** stepfold's parser and engine. */
  public ConformanceRunner() {
    this(DefinitionParser::parse, StepfoldDecider::new);
  }

  /** {@code deciders} makes the engine for a case, given the activities that exist when it starts. */
  public ConformanceRunner(BiFunction<String, ExecutionType, ParsedDefinition> parser, Function<ActivityDirectory, ExecutionDecider> deciders) {
    this.parser = parser;
    this.deciders = deciders;
  }

  public ConformanceReport run(Path corpusDir) {
    var results = new ArrayList<CaseResult>();
    for (var corpusCase : Corpus.load(corpusDir)) {
      results.add(run(corpusCase));
    }
    return new ConformanceReport(results);
  }

  public CaseResult run(CorpusCase corpusCase) {
    try {
      var failure = switch (corpusCase.kind()) {
        case EXECUTION -> runExecution(corpusCase.dir());
        case INVALID_DEFINITION -> runInvalidDefinition(corpusCase.dir());
      };
      return failure.map(reason -> CaseResult.failed(corpusCase, reason)).orElseGet(() -> CaseResult.passed(corpusCase));
    } catch (RuntimeException | StackOverflowError e) {
      LOG.debug("Case {} threw", corpusCase.id(), e);
      return CaseResult.failed(corpusCase, "threw " + describe(e));
    }
  }

  private Optional<String> runExecution(Path dir) {
    var meta = Corpus.readJson(dir.resolve("meta.json"));
    var expected = Corpus.readJson(dir.resolve("expected.json"));
    var type = executionType(meta);
    var parsed = parser.apply(definitionText(dir), type);
    if (parsed instanceof ParsedDefinition.Invalid invalid) {
      return Optional.of("definition rejected: " + invalid.message());
    }
    var definition = ((ParsedDefinition.Valid) parsed).definition();
    var stateMachineArn = ARNS.stateMachine(STATE_MACHINE_NAME);
    var executionArn = type == ExecutionType.EXPRESS
        ? stateMachineArn.expressExecution(EXECUTION_NAME, EXPRESS_EXECUTION_ID) : stateMachineArn.execution(EXECUTION_NAME);
    var start = new Command.StartExecution("conformance-start", executionArn, stateMachineArn, type, definition,
        Corpus.readText(dir.resolve("input.json")), ROLE_ARN);
    var matcher = new ValueMatcher(tokens(expected, "placeholders"), tokens(expected, "wildcards"));
    var tasksFile = dir.resolve("tasks.json");
    var tasks = Files.isRegularFile(tasksFile) ? Corpus.readJson(tasksFile) : Corpus.MAPPER.createArrayNode();
    var run = new LocalRunner(deciders.apply(activities(meta))).run(start, START_TIME, new RecordedTaskAnswers(OrderFreeOutcomes.fill(tasks, expected.path("events")), matcher));
    if (run.rejection().isPresent()) {
      var rejection = run.rejection().get();
      return Optional.of("StartExecution rejected: " + rejection.error().awsName() + ": " + rejection.message());
    }
    var difference = new ExecutionComparison(matcher).compare(expected, actual(run));
    if (difference.isPresent() && run.stuck().isPresent()) {
      return Optional.of("stuck: " + run.stuck().get() + " (" + difference.get() + ")");
    }
    return difference;
  }

  /** The case's {@code activities}, where it lists them; otherwise every activity exists. */
  private static ActivityDirectory activities(JsonNode meta) {
    if (!meta.has("activities")) {
      return ActivityDirectory.ANY;
    }
    var existing = new HashSet<String>();
    meta.path("activities").forEach(arn -> existing.add(arn.asText()));
    return existing::contains;
  }

  private Optional<String> runInvalidDefinition(Path dir) {
    var metaFile = dir.resolve("meta.json");
    var meta = Files.isRegularFile(metaFile) ? Corpus.readJson(metaFile) : Corpus.MAPPER.createObjectNode();
    var expected = Corpus.readJson(dir.resolve("expected.json"));
    var parsed = parser.apply(definitionText(dir), executionType(meta));
    if (parsed instanceof ParsedDefinition.Valid) {
      return Optional.of("definition accepted, but AWS rejected it: " + expected.path("message").asText());
    }
    var invalid = (ParsedDefinition.Invalid) parsed;
    // The message is compared by the rules of executions: a token the case declares matches what it stands for.
    var matcher = new ValueMatcher(tokens(expected, "placeholders"), tokens(expected, "wildcards"));
    var message = expected.path("message");
    if (!expected.path("api").asText().equals("ValidateStateMachineDefinition")) {
      return matcher.compare("message", message, TextNode.valueOf(invalid.message()));
    }
    var first = matcher.compare("message", message, TextNode.valueOf(invalid.errors().get(0).message()));
    if (first.isPresent()) {
      return first;
    }
    return compareDiagnostics(matcher, expected.path("diagnostics"), invalid.errors());
  }

  private static Optional<String> compareDiagnostics(ValueMatcher matcher, JsonNode expected, List<Diagnostic> actual) {
    if (expected.size() != actual.size()) {
      return Optional.of("diagnostics: expected " + expected.size() + ", but got " + actual.size() + ": " + actual);
    }
    for (var i = 0; i < actual.size(); i++) {
      var wanted = expected.get(i);
      var got = actual.get(i);
      var fields = new LinkedHashMap<String, String>();
      fields.put("severity", got.severity().name());
      fields.put("code", got.code());
      fields.put("message", got.message());
      fields.put("location", got.location());
      for (var field : fields.entrySet()) {
        var difference = matcher.compare("diagnostics[" + i + "]." + field.getKey(),
            TextNode.valueOf(wanted.path(field.getKey()).asText()), TextNode.valueOf(field.getValue()));
        if (difference.isPresent()) {
          return difference;
        }
      }
    }
    return Optional.empty();
  }

  static ExecutionComparison.Actual actual(LocalRun run) {
    var events = new ArrayList<ObjectNode>();
    for (var event : run.events()) {
      var json = HistoryJson.toJson(event);
      json.remove("timestamp");
      events.add(json);
    }
    return new ExecutionComparison.Actual(run.status().name(), run.error(), run.cause(), run.output(), events);
  }

  /** The definition as sent to CreateStateMachine: the file's text, or the text a JSON string holds. */
  static String definitionText(Path dir) {
    var file = dir.resolve("definition.json");
    var json = Corpus.readJson(file);
    return json.isTextual() ? json.asText() : Corpus.readText(file);
  }

  private static ExecutionType executionType(JsonNode meta) {
    return meta.path("stateMachineType").asText("STANDARD").equals("EXPRESS") ? ExecutionType.EXPRESS : ExecutionType.STANDARD;
  }

  private static Set<String> tokens(JsonNode expected, String field) {
    var tokens = new HashSet<String>();
    expected.path(field).forEach(token -> tokens.add(token.asText()));
    return tokens;
  }

  private static String describe(Throwable e) {
    var where = e.getStackTrace().length > 0 ? " at " + e.getStackTrace()[0] : "";
    return e.getClass().getSimpleName() + ": " + e.getMessage() + where;
  }
}
