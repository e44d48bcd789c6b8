package dev.stepfold.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.streams.StepfoldConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router's settings: which route takes a task, and a wrong setting stopping the start with its name. */
class TaskRunnerSettingsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static TaskRunnerSettings settings(Map<String, String> values) {
    return TaskRunnerSettings.of(StepfoldConfig.of(values));
  }

  private static Optional<String> routeOf(TaskRunnerSettings settings, String resource, String parameters) throws Exception {
    return settings.route(resource, MAPPER.readTree(parameters)).map(TaskRoute::name);
  }

  @Test
  void shouldTakeTheMostSpecificRouteThatMatches() throws Exception {
    var settings = settings(Map.of(
        "stepfold.tasks.route.http.resource", "arn:aws:states:::http:invoke", "stepfold.tasks.route.http.runner", "http",
        "stepfold.tasks.route.all-lambdas.resource", "arn:aws:lambda:*", "stepfold.tasks.route.all-lambdas.runner", "lambda",
        "stepfold.tasks.route.all-lambdas.url", "http://localhost:9000/any",
        "stepfold.tasks.route.charge.function", "charge-*", "stepfold.tasks.route.charge.runner", "lambda",
        "stepfold.tasks.route.charge.url", "http://localhost:9000/charge",
        "stepfold.tasks.route.audit.function", "charge-audit", "stepfold.tasks.route.audit.runner", "kafka"));

    assertThat(routeOf(settings, "arn:aws:states:::http:invoke", "{}")).contains("http");
    assertThat(routeOf(settings, "arn:aws:lambda:us-east-1:123456789012:function:ship", "{}")).contains("all-lambdas");
    assertThat(routeOf(settings, "arn:aws:lambda:us-east-1:123456789012:function:charge-card:prod", "{}")).contains("charge");
    assertThat(routeOf(settings, "arn:aws:states:::lambda:invoke", "{\"FunctionName\": \"arn:aws:lambda:us-east-1:123456789012:function:charge-card\"}"))
        .contains("charge");
    assertThat(routeOf(settings, "arn:aws:states:::lambda:invoke", "{\"FunctionName\": \"charge-audit\"}")).contains("audit");
    assertThat(routeOf(settings, "arn:aws:states:::sqs:sendMessage", "{}")).isEmpty();
    assertThat(settings.anyRunner()).isTrue();
  }

  @Test
  void shouldRunNothingInTheServerWithoutRoutes() {
    assertThat(settings(Map.of()).anyRunner()).isFalse();
    assertThat(settings(Map.of("stepfold.tasks.route.w.resource", "arn:aws:states:::sqs:*", "stepfold.tasks.route.w.runner", "kafka")).anyRunner())
        .isFalse();
  }

  @Test
  void shouldNameTheWrongSetting() {
    assertRefused(Map.of("stepfold.tasks.route.a.resource", "arn:aws:lambda:*", "stepfold.tasks.route.a.runner", "lamda"),
        "stepfold.tasks.route.a.runner");
    assertRefused(Map.of("stepfold.tasks.route.a.resource", "arn:aws:lambda:*", "stepfold.tasks.route.a.runner", "lambda"),
        "stepfold.tasks.route.a.url");
    assertRefused(Map.of("stepfold.tasks.route.a.resource", "arn:aws:lambda:*", "stepfold.tasks.route.a.runner", "lambda",
        "stepfold.tasks.route.a.url", "localhost:9000"), "stepfold.tasks.route.a.url");
    assertRefused(Map.of("stepfold.tasks.route.a.resource", "arn:aws:states:::sqs:sendMessage", "stepfold.tasks.route.a.runner", "http"),
        "stepfold.tasks.route.a.resource");
    assertRefused(Map.of("stepfold.tasks.route.a.runner", "kafka"), "stepfold.tasks.route.a.resource");
    assertRefused(Map.of("stepfold.tasks.route.a.resource", "x", "stepfold.tasks.route.a.runner", "kafka", "stepfold.tasks.route.a.endpoint", "x"),
        "stepfold.tasks.route.a.endpoint");
    assertRefused(Map.of("stepfold.tasks.route.a.function", "f", "stepfold.tasks.route.a.runner", "mock", "stepfold.tasks.route.a.response", "R"),
        "stepfold.tasks.mock.config");
    assertRefused(Map.of("stepfold.tasks.threads", "0"), "stepfold.tasks.threads");
    assertRefused(Map.of("stepfold.tasks.thread", "2"), "stepfold.tasks.thread");
    assertRefused(Map.of("stepfold.tasks.connection.c.arn", "arn:aws:events:us-east-1:123456789012:connection/c/1",
        "stepfold.tasks.connection.c.auth", "API_KEY", "stepfold.tasks.connection.c.api.key.name", "x-api-key"),
        "stepfold.tasks.connection.c.api.key.value");
    assertRefused(Map.of("stepfold.tasks.connection.c.arn", "a", "stepfold.tasks.connection.c.auth", "DIGEST"), "stepfold.tasks.connection.c.auth");
  }

  @Test
  void shouldReadTheMockConfigurationNamedBySfnMockConfig(@TempDir Path dir) throws Exception {
    var file = dir.resolve("mocks.json");
    Files.writeString(file, """
        {"StateMachines": {"Order": {"TestCases": {"Happy": {"Charge": "Ok"}}}}, "MockedResponses": {"Ok": {"0": {"Return": {"id": 1}}}}}""");
    var config = StepfoldConfig.load(Optional.empty(), Map.of("SFN_MOCK_CONFIG", file.toString()));

    var settings = TaskRunnerSettings.of(config);

    assertThat(settings.mockConfig()).isPresent();
    assertThat(settings.anyRunner()).isTrue();
    assertRefused(Map.of("stepfold.tasks.mock.config", dir.resolve("missing.json").toString()), "stepfold.tasks.mock.config");
    assertRefused(Map.of("stepfold.tasks.mock.config", file.toString(), "stepfold.tasks.route.a.function", "f", "stepfold.tasks.route.a.runner", "mock",
        "stepfold.tasks.route.a.response", "Missing"), "stepfold.tasks.route.a.response");
  }

  private static void assertRefused(Map<String, String> values, String setting) {
    assertThatThrownBy(() -> settings(values)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(setting);
  }
}
