package dev.stepfold.asl.parse;

import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.QueryLanguage;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The fields only a Map has: its item processor, where items come from, concurrency, tolerated failures. */
final class MapValidator {
  private static final Pattern ITEM_READER_RESOURCE = Pattern.compile("arn:[a-z-]+:states:::s3:(getObject|listObjectsV2)");
  private static final Pattern RESULT_WRITER_RESOURCE = Pattern.compile("arn:[a-z-]+:states:::s3:putObject");

  private MapValidator() {}

  static void validate(Fields map, QueryLanguage language, ValidationContext context) {
    var jsonata = language == QueryLanguage.JSONATA;
    if (map.exactlyOne("ItemProcessor", "Iterator")) {
      var key = map.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
      if (map.object(key)) {
        validateItemProcessor(map.child(key), context);
      }
    }
    map.atMostOne("ItemSelector", "Parameters");
    if (map.object("ItemSelector") && !jsonata) {
      map.template("ItemSelector");
    }
    if (!jsonata) {
      map.template("Parameters");
      map.referencePath("ItemsPath", false);
    } else {
      map.ofType("Items", value -> value.isArray() || Jsonata.isExpression(value), "ARRAY");
    }
    map.atMostOne("MaxConcurrency", "MaxConcurrencyPath");
    map.integer("MaxConcurrency", 0, Long.MAX_VALUE, jsonata);
    map.atMostOne("ToleratedFailurePercentage", "ToleratedFailurePercentagePath");
    map.number("ToleratedFailurePercentage", 0, 100, jsonata);
    map.atMostOne("ToleratedFailureCount", "ToleratedFailureCountPath");
    map.integer("ToleratedFailureCount", 0, Long.MAX_VALUE, jsonata);
    if (!jsonata) {
      for (var path : List.of("MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath")) {
        map.referencePath(path, false);
      }
    }
    map.string("Label");
    if (map.has("ItemReader") && map.object("ItemReader")) {
      validateItemReader(map.child("ItemReader"), language);
    }
    if (map.has("ItemBatcher") && map.object("ItemBatcher")) {
      validateItemBatcher(map.child("ItemBatcher"), language);
    }
    if (map.has("ResultWriter") && map.object("ResultWriter")) {
      validateResultWriter(map.child("ResultWriter"), language);
    }
    ErrorHandlerValidator.validate(map, language);
  }

  private static void validateItemProcessor(Fields processor, ValidationContext context) {
    var childType = context.executionType();
    if (processor.has("ProcessorConfig") && processor.object("ProcessorConfig")) {
      var config = processor.child("ProcessorConfig");
      config.onlySupported(Set.of("Mode", "ExecutionType")::contains);
      if (enumValue(config, "Mode", List.of("INLINE", "DISTRIBUTED"))
          && config.has("Mode") && config.get("Mode").textValue().equals("DISTRIBUTED")) {
        if (config.required("ExecutionType") && enumValue(config, "ExecutionType", List.of("STANDARD", "EXPRESS"))) {
          childType = ExecutionType.valueOf(config.get("ExecutionType").textValue());
        }
      } else if (config.has("ExecutionType")) {
        config.error(Messages.notSupported("ExecutionType"));
      }
    }
    StateValidator.validateNestedGraph(processor, context.runningAs(childType), true);
  }

  private static void validateItemReader(Fields reader, QueryLanguage language) {
    reader.onlySupported(Set.of("Resource", "ReaderConfig", "Parameters", "Arguments")::contains);
    languageSpecificArguments(reader, language);
    if (reader.required("Resource") && reader.string("Resource")
        && !ITEM_READER_RESOURCE.matcher(reader.get("Resource").textValue()).matches()) {
      reader.error(Messages.ITEM_READER_RESOURCE, "Resource");
    }
    if (reader.has("ReaderConfig") && reader.object("ReaderConfig")) {
      var config = reader.child("ReaderConfig");
      config.onlySupported(Set.of("InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter", "MaxItems",
          "MaxItemsPath", "ManifestType", "Transformation")::contains);
      enumValue(config, "InputType", List.of("CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"));
      enumValue(config, "CSVHeaderLocation", List.of("FIRST_ROW", "GIVEN"));
      config.array("CSVHeaders");
      config.integer("MaxItems", 0, Long.MAX_VALUE, language == QueryLanguage.JSONATA);
      if (language == QueryLanguage.JSONPATH) {
        config.referencePath("MaxItemsPath", false);
      }
    }
  }

  private static void validateItemBatcher(Fields batcher, QueryLanguage language) {
    batcher.onlySupported(Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
        "MaxInputBytesPerBatchPath", "BatchInput")::contains);
    var jsonata = language == QueryLanguage.JSONATA;
    batcher.integer("MaxItemsPerBatch", 0, Long.MAX_VALUE, jsonata);
    batcher.integer("MaxInputBytesPerBatch", 0, 262_144, jsonata);
    if (!jsonata) {
      batcher.referencePath("MaxItemsPerBatchPath", false);
      batcher.referencePath("MaxInputBytesPerBatchPath", false);
    }
    batcher.object("BatchInput");
  }

  private static void validateResultWriter(Fields writer, QueryLanguage language) {
    writer.onlySupported(Set.of("Resource", "Parameters", "Arguments", "WriterConfig")::contains);
    languageSpecificArguments(writer, language);
    if (!writer.has("Resource") && !writer.has("WriterConfig")) {
      writer.error(Messages.required(List.of("Resource")));
      return;
    }
    var arguments = language == QueryLanguage.JSONPATH ? "Parameters" : "Arguments";
    if (writer.has("Resource")) {
      if (writer.get("Resource").isNull() || !writer.string("Resource")
          || !RESULT_WRITER_RESOURCE.matcher(writer.get("Resource").textValue()).matches()) {
        writer.error(Messages.ITEM_READER_RESOURCE, "Resource");
      } else if (!writer.has(arguments)) {
        writer.error(Messages.required(List.of(arguments)));
      }
    }
    if (writer.has("WriterConfig") && writer.object("WriterConfig")) {
      var config = writer.child("WriterConfig");
      config.onlySupported(Set.of("Transformation", "OutputType")::contains);
      if (config.required("Transformation", "OutputType")) {
        enumValue(config, "Transformation", List.of("NONE", "COMPACT", "FLATTEN"));
        enumValue(config, "OutputType", List.of("JSON", "JSONL"));
      }
    }
  }

  /** ItemReader and ResultWriter take Parameters in JSONPath and Arguments in JSONata, reported at the field. */
  private static void languageSpecificArguments(Fields fields, QueryLanguage language) {
    var wrong = language == QueryLanguage.JSONPATH ? "Arguments" : "Parameters";
    if (fields.has(wrong)) {
      fields.error(Messages.onlyForLanguage(language.aslName(), wrong, QueryLanguages.other(language)), wrong);
    }
    if (language == QueryLanguage.JSONPATH) {
      fields.template("Parameters");
    }
  }

  /** Absent, or one of the values; true when present and valid. */
  private static boolean enumValue(Fields fields, String field, List<String> values) {
    if (!fields.has(field) || !fields.string(field)) {
      return false;
    }
    if (!values.contains(fields.get(field).textValue())) {
      fields.error(Messages.oneOf(values), field);
      return false;
    }
    return true;
  }
}
