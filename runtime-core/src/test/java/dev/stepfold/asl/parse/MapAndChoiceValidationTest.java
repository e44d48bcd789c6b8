package dev.stepfold.asl.parse;

import static dev.stepfold.asl.parse.Definitions.firstError;
import static dev.stepfold.asl.parse.Definitions.single;
import static dev.stepfold.asl.parse.Definitions.singleJsonata;
import static dev.stepfold.asl.parse.Definitions.valid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MapAndChoiceValidationTest {
  private static final String PROCESSOR = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";

  private static String map(String fields) {
    return single("{\"Type\":\"Map\",\"End\":true," + fields + "}");
  }

  @Test
  void shouldRequireAnItemProcessorOrAnIterator() {
    assertThat(firstError(map("\"ItemsPath\":\"$.items\""))).isEqualTo("SCHEMA_VALIDATION_FAILED: "
        + "This object should have only one of the following fields: [ItemProcessor, Iterator] at /States/S");
    assertThat(firstError(map("\"ItemProcessor\":" + PROCESSOR + ",\"Iterator\":" + PROCESSOR))).isEqualTo(
        "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [ItemProcessor, Iterator] at /States/S/ItemProcessor");
  }

  @Test
  void shouldRequireAnExecutionTypeInDistributedMode() {
    var processor = PROCESSOR.replace("{\"StartAt\"", "{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\"},\"StartAt\"");

    assertThat(firstError(map("\"ItemProcessor\":" + processor))).isEqualTo(
        "SCHEMA_VALIDATION_FAILED: These fields are required: [ExecutionType] at /States/S/ItemProcessor/ProcessorConfig");
  }

  @Test
  void shouldRejectANegativeMaxConcurrency() {
    assertThat(firstError(map("\"MaxConcurrency\":-1,\"ItemProcessor\":" + PROCESSOR)))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/S/MaxConcurrency");
  }

  @Test
  void shouldRejectAToleratedFailurePercentageAboveAHundred() {
    assertThat(firstError(map("\"ToleratedFailurePercentage\":101,\"ItemProcessor\":" + PROCESSOR)))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Maximum value is 100 at /States/S/ToleratedFailurePercentage");
  }

  @Test
  void shouldRejectAnItemReaderResourceOtherThanS3Reads() {
    assertThat(firstError(map("\"ItemReader\":{\"Resource\":\"arn:aws:states:::s3:unknownOperation\"},"
        + "\"ItemProcessor\":" + PROCESSOR))).isEqualTo(
        "SCHEMA_VALIDATION_FAILED: The field 'Resource' does not match any of the allowed values at /States/S/ItemReader/Resource");
  }

  @Test
  void shouldAcceptADistributedMapWithReaderBatcherAndWriter() {
    valid(map("""
        "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV",
          "CSVHeaderLocation":"FIRST_ROW"},"Parameters":{"Bucket":"b","Key.$":"$.key"}},
        "ItemBatcher":{"MaxItemsPerBatch":10},
        "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"b","Prefix":"p"}},
        "ToleratedFailureCount":5,"Label":"run",
        "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
          "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}
        """));
  }

  @Test
  void shouldRejectNextInsideANestedChoiceRule() {
    assertThat(firstError(single("""
        {"Type":"Choice","Default":"S","Choices":[{"Not":{"Variable":"$.x","IsNull":true,"Next":"S"},"Next":"S"}]}
        """))).isEqualTo("SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported at /States/S/Choices[0]/Not");
  }

  @Test
  void shouldRequireNextOnAChoiceRule() {
    assertThat(firstError(single("{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.x\",\"IsNull\":true}]}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at /States/S/Choices[0]");
  }

  @Test
  void shouldRequireOneComparisonOfTheRightType() {
    assertThat(firstError(single("{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.x\",\"NumericEquals\":\"1\",\"Next\":\"S\"}]}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Expected value of type [NUMBER] at /States/S/Choices[0]/NumericEquals");
    assertThat(firstError(single("{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.x\",\"Next\":\"S\"}]}")))
        .startsWith("SCHEMA_VALIDATION_FAILED: This object should have only one of the following fields: [StringEquals, ");
  }

  @Test
  void shouldRejectAVariableRuleInAJsonataChoice() {
    assertThat(firstError(singleJsonata("{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.x\",\"IsNull\":true,\"Next\":\"S\"}]}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'Variable' is only "
            + "supported for the 'JSONPath' QueryLanguage at /States/S/Choices[0]");
  }
}
