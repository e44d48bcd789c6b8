package dev.stepfold.asl.parse;

import static dev.stepfold.asl.parse.Definitions.single;
import static dev.stepfold.asl.parse.Definitions.singleJsonata;
import static dev.stepfold.asl.parse.Definitions.valid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.stepfold.asl.ChoiceRule;
import dev.stepfold.asl.ChoiceState;
import dev.stepfold.asl.ComparisonOperator;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.MapState;
import dev.stepfold.asl.PassState;
import dev.stepfold.asl.QueryLanguage;
import dev.stepfold.asl.Retrier;
import dev.stepfold.asl.TaskState;
import dev.stepfold.asl.Transition;
import dev.stepfold.asl.ValueSource;
import dev.stepfold.asl.WaitState;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ModelBuildingTest {
  /** State {@code S} followed by a Succeed state {@code Done}. */
  private static String withDone(String state, boolean jsonata) {
    return "{" + (jsonata ? "\"QueryLanguage\":\"JSONata\"," : "") + "\"StartAt\":\"S\",\"States\":{\"S\":" + state
        + ",\"Done\":{\"Type\":\"Succeed\"}}}";
  }

  @Test
  void shouldKeepTopLevelFieldsAndTheDocument() {
    var text = "{\"Comment\":\"c\",\"TimeoutSeconds\":60,\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Succeed\"}}}";

    var definition = valid(text);

    assertThat(definition.comment()).contains("c");
    assertThat(definition.timeoutSeconds()).isEqualTo(OptionalLong.of(60));
    assertThat(definition.queryLanguage()).isEqualTo(QueryLanguage.JSONPATH);
    assertThat(definition.document().toString()).isEqualTo(text);
    assertThat(definition.graph().start().typeName()).isEqualTo("Succeed");
  }

  @Test
  void shouldFillPathDefaultsAndKeepNullAsEmpty() {
    var io = valid(single("{\"Type\":\"Pass\",\"InputPath\":null,\"ResultPath\":\"$.r\",\"End\":true}"))
        .graph().state("S").io();

    assertThat(io.inputPath()).isEmpty();
    assertThat(io.resultPath()).contains("$.r");
    assertThat(io.outputPath()).contains("$");
  }

  @Test
  void shouldFillRetrierDefaults() {
    var task = (TaskState) valid(withDone("""
        {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"Done",
         "Retry":[{"ErrorEquals":["E"]},{"ErrorEquals":["States.ALL"],"IntervalSeconds":2,"MaxAttempts":0,
           "BackoffRate":1.5,"MaxDelaySeconds":10,"JitterStrategy":"FULL"}],
         "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done","ResultPath":null}]}
        """, false)).graph().state("S");

    assertThat(task.retry()).containsExactly(
        new Retrier(List.of("E"), 1, 3, 2.0, OptionalLong.empty(), Retrier.JitterStrategy.NONE),
        new Retrier(List.of("States.ALL"), 2, 0, 1.5, OptionalLong.of(10), Retrier.JitterStrategy.FULL));
    assertThat(task.catchers().get(0).resultPath()).isEmpty();
    assertThat(task.catchers().get(0).next()).isEqualTo("Done");
    assertThat(task.transition()).isEqualTo(Transition.to("Done"));
  }

  @Test
  void shouldResolveEachStatesQueryLanguageFromItselfElseTheDefinition() {
    var definition = valid("""
        {"StartAt":"M","States":{"M":{"Type":"Map","QueryLanguage":"JSONata","Items":"{% [1, 2] %}","End":true,
          "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Next":"Q"},
            "Q":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $states.input %}","End":true}}}}}}
        """);

    var map = (MapState) definition.graph().state("M");
    assertThat(map.queryLanguage()).isEqualTo(QueryLanguage.JSONATA);
    assertThat(map.itemProcessor().state("P").queryLanguage()).isEqualTo(QueryLanguage.JSONPATH);
    assertThat(map.itemProcessor().state("Q").queryLanguage()).isEqualTo(QueryLanguage.JSONATA);
    assertThat(map.items()).map(Object::toString).contains("\"{% [1, 2] %}\"");
  }

  @Test
  void shouldReadValuesGivenDirectlyByPathOrAsJsonata() {
    var wait = (WaitState) valid(single("{\"Type\":\"Wait\",\"SecondsPath\":\"$.s\",\"End\":true}")).graph().state("S");
    var task = (TaskState) valid(singleJsonata("""
        {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":"{% $t %}","HeartbeatSeconds":5,"End":true}
        """)).graph().state("S");

    assertThat(wait.seconds()).contains(new ValueSource.Path("$.s"));
    assertThat(wait.timestamp()).isEmpty();
    assertThat(task.timeoutSeconds()).contains(new ValueSource.Jsonata("$t"));
    assertThat(task.heartbeatSeconds()).contains(new ValueSource.Literal(IntNode.valueOf(5)));
  }

  @Test
  void shouldBuildNestedChoiceRules() {
    var choice = (ChoiceState) valid(withDone("""
        {"Type":"Choice","Default":"Done","Choices":[{"And":[{"Variable":"$.a","NumericGreaterThanPath":"$.b"},
          {"Not":{"Variable":"$.c","IsNull":true}}],"Next":"Done"}]}
        """, false)).graph().state("S");

    var rule = (ChoiceRule.And) choice.choices().get(0).rule();
    var comparison = (ChoiceRule.Comparison) rule.rules().get(0);
    assertThat(comparison.variable()).isEqualTo("$.a");
    assertThat(comparison.operator()).isEqualTo(ComparisonOperator.NUMERIC_GREATER_THAN_PATH);
    assertThat(comparison.operand().textValue()).isEqualTo("$.b");
    assertThat(rule.rules().get(1)).isInstanceOf(ChoiceRule.Not.class);
    assertThat(choice.defaultState()).contains("Done");
  }

  @Test
  void shouldBuildJsonataConditionsWithoutTheirDelimiters() {
    var choice = (ChoiceState) valid(withDone("""
        {"Type":"Choice","Choices":[{"Condition":"{% $states.input.x > 1 %}","Next":"Done","Output":{"a":1}},
          {"Condition":true,"Next":"Done"}]}
        """, true)).graph().state("S");

    assertThat(choice.choices().get(0).rule()).isEqualTo(new ChoiceRule.Condition("$states.input.x > 1"));
    assertThat(choice.choices().get(0).output()).isPresent();
    assertThat(choice.choices().get(1).rule()).isEqualTo(new ChoiceRule.Condition("true"));
    assertThat(choice.defaultState()).isEmpty();
  }

  @Test
  void shouldReadTheOlderIteratorAndParametersOfAMap() {
    var map = (MapState) valid(single("""
        {"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"Parameters":{"v.$":"$$.Map.Item.Value"},"End":true,
         "Iterator":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}
        """)).graph().state("S");

    assertThat(map.mode()).isEqualTo(MapState.ProcessorMode.INLINE);
    assertThat(map.itemSelector()).isPresent();
    assertThat(map.io().parameters()).isEmpty();
    assertThat(map.itemsPath()).contains("$.items");
    assertThat(map.maxConcurrency()).contains(new ValueSource.Literal(IntNode.valueOf(2)));
    assertThat(map.itemProcessor().startAt()).isEqualTo("P");
  }

  @Test
  void shouldReadADistributedMapsExecutionType() {
    var map = (MapState) valid(single("""
        {"Type":"Map","End":true,"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
          "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}
        """)).graph().state("S");

    assertThat(map.mode()).isEqualTo(MapState.ProcessorMode.DISTRIBUTED);
    assertThat(map.executionType()).contains(ExecutionType.EXPRESS);
  }

  @Test
  void shouldKeepAPassResultAndParameters() {
    var pass = (PassState) valid(single("{\"Type\":\"Pass\",\"Result\":null,\"Parameters\":{\"a\":1},\"End\":true}"))
        .graph().state("S");

    assertThat(pass.result()).map(Object::toString).isEqualTo(Optional.of("null"));
    assertThat(pass.io().parameters()).isPresent();
    assertThat(pass.transition().isEnd()).isTrue();
  }
}
