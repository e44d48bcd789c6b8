package dev.stepfold.paths;

import static dev.stepfold.paths.Json.assertRuntimeFailure;
import static dev.stepfold.paths.Json.json;
import static dev.stepfold.paths.Json.roots;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntrinsicsTest {
  private static final PathRoots ROOTS = roots("""
      {"text": "HelloWorld", "number": 3, "decimal": 1.5, "flag": true, "nothing": null,
       "list": [1, 2, 3, 4, 5], "object": {"Arg1": 1, "Arg2": []}, "json": "{\\"a\\": [1, 2]}",
       "csv": "a,b,,c", "template": "Hello, my name is {}."}""");

  private static JsonNode eval(String call) {
    return Intrinsics.evaluate(call, ROOTS);
  }

  private static void assertInvalidArguments(String call, String function) {
    assertRuntimeFailure(() -> eval(call), "Invalid arguments in States." + function);
  }

  @Nested
  class Parsing {
    @Test
    void shouldTellCallsFromPathsByTheirPrefix() {
      assertThat(Intrinsics.looksLikeCall("States.Array()")).isTrue();
      assertThat(Intrinsics.looksLikeCall("$.States")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.Array()",
        "States.Array( 1 , 'two' ,true,false,null, -2.5, 1e3 )",
        "States.Format('{} \\\\ \\' \\{\\}', $.text)",
        "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(1, -1))",
        "States.Array($.list[?(@ > 2)], $['text'])",
        "  States.UUID()  "})
    void shouldAcceptWellFormedCalls(String call) {
      assertThat(Intrinsics.validate(call)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.StringToJson('{\"text\":\"An \\\"escaped double quote\\\" here\"}')",
        "States.Format('He said, \\\"Hello, {}!\\\"', 'Test \\\"Name\\\" Here')",
        "States.NoSuchFunction()",
        "States.Array(",
        "States.Array('unterminated)",
        "States.Array(1 2)",
        "States.Array() trailing",
        "States.Array(unquoted)",
        "States.Array($.a b)",
        "Format('x')"})
    void shouldRejectMalformedCalls(String call) {
      assertThat(Intrinsics.validate(call)).isPresent();
    }

    @Test
    void shouldResolveTheFourEscapesInStringLiterals() {
      assertThat(eval("States.Format('\\'quoted\\' \\{\\} back\\\\slash')")).isEqualTo(json("\"'quoted' {} back\\\\slash\""));
    }

    @Test
    void shouldKeepRealNewlinesInStringLiterals() {
      assertThat(eval("States.StringSplit('Hello\nWorld', '\n')")).isEqualTo(json("[\"Hello\", \"World\"]"));
    }

    @Test
    void shouldEvaluateNestedCalls() {
      assertThat(eval("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, 'c'), "
          + "States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, 'c')), -1))"))
          .isEqualTo(json("\"hine\""));
    }

    @Test
    void shouldFailLikeAReferencePathWhenAPathArgumentMisses() {
      assertRuntimeFailure(() -> eval("States.Array($.missing)"),
          "Invalid path '$.missing' : No results for path: $['missing']");
    }
  }

  @Nested
  class Format {
    @Test
    void shouldReplacePlaceholdersInOrder() {
      assertThat(eval("States.Format('fst={} and snd={}.', $.text, $.number)"))
          .isEqualTo(json("\"fst=HelloWorld and snd=3.\""));
    }

    @Test
    void shouldPrintValuesAsAwsDoes() {
      assertThat(eval("States.Format('{}|{}|{}|{}|{}|{}', $.nothing, $.decimal, $.flag, $.object, $.list, $.json)"))
          .isEqualTo(json("\"null|1.5|true|{Arg1=1, Arg2=[]}|[1, 2, 3, 4, 5]|{\\\"a\\\": [1, 2]}\""));
    }

    @Test
    void shouldTakeTheTemplateFromAPath() {
      assertThat(eval("States.Format($.template, $.text)")).isEqualTo(json("\"Hello, my name is HelloWorld.\""));
    }

    @Test
    void shouldNotTreatEscapedBracesAsAPlaceholder() {
      assertThat(eval("States.Format('\\{\\} and {}', 'x')")).isEqualTo(json("\"{} and x\""));
    }

    @Test
    void shouldFailWhenArgumentsAndPlaceholdersDiffer() {
      assertInvalidArguments("States.Format('{} {}', 'x')", "Format");
      assertInvalidArguments("States.Format('no placeholder', 'x')", "Format");
    }

    @Test
    void shouldFailWhenTheTemplateIsNotAString() {
      assertInvalidArguments("States.Format($.number)", "Format");
      assertInvalidArguments("States.Format()", "Format");
    }
  }

  @Nested
  class StringToJson {
    @Test
    void shouldParseJsonText() {
      assertThat(eval("States.StringToJson($.json)")).isEqualTo(json("{\"a\": [1, 2]}"));
      assertThat(eval("States.StringToJson('1.1')")).isEqualTo(json("1.1"));
      assertThat(eval("States.StringToJson('-0')")).isEqualTo(json("0"));
      assertThat(eval("States.StringToJson('{\"constant\": \"false\"}')")).isEqualTo(json("{\"constant\": \"false\"}"));
    }

    @Test
    void shouldGiveNullForBlankText() {
      assertThat(eval("States.StringToJson('')")).isEqualTo(json("null"));
      assertThat(eval("States.StringToJson(' ')")).isEqualTo(json("null"));
    }

    @Test
    void shouldFailOnTextThatIsNotJson() {
      assertInvalidArguments("States.StringToJson('{nope')", "StringToJson");
      assertInvalidArguments("States.StringToJson('1 2')", "StringToJson");
    }

    @Test
    void shouldFailOnAnythingButOneString() {
      assertInvalidArguments("States.StringToJson($.object)", "StringToJson");
      assertInvalidArguments("States.StringToJson('1', '2')", "StringToJson");
    }
  }

  @Nested
  class JsonToString {
    @Test
    void shouldPrintCompactJson() {
      assertThat(eval("States.JsonToString($.object)")).isEqualTo(json("\"{\\\"Arg1\\\":1,\\\"Arg2\\\":[]}\""));
      assertThat(eval("States.JsonToString($.text)")).isEqualTo(json("\"\\\"HelloWorld\\\"\""));
      assertThat(eval("States.JsonToString($.nothing)")).isEqualTo(json("\"null\""));
    }

    @Test
    void shouldFailOnAnythingButOneArgument() {
      assertInvalidArguments("States.JsonToString()", "JsonToString");
      assertInvalidArguments("States.JsonToString(1, 2)", "JsonToString");
    }
  }

  @Nested
  class Arrays {
    @Test
    void shouldBuildAnArrayOfItsArguments() {
      assertThat(eval("States.Array()")).isEqualTo(json("[]"));
      assertThat(eval("States.Array($.text, 1, null, $.object)")).isEqualTo(json("[\"HelloWorld\", 1, null, {\"Arg1\": 1, \"Arg2\": []}]"));
    }

    @Test
    void shouldPartitionIntoChunks() {
      assertThat(eval("States.ArrayPartition($.list, 2)")).isEqualTo(json("[[1, 2], [3, 4], [5]]"));
      assertThat(eval("States.ArrayPartition($.list, 9)")).isEqualTo(json("[[1, 2, 3, 4, 5]]"));
      assertThat(eval("States.ArrayPartition(States.Array(), 1)")).isEqualTo(json("[]"));
    }

    @Test
    void shouldFailToPartitionWithoutAPositiveChunkSize() {
      assertInvalidArguments("States.ArrayPartition($.list, 0)", "ArrayPartition");
      assertInvalidArguments("States.ArrayPartition($.list, -1)", "ArrayPartition");
      assertInvalidArguments("States.ArrayPartition($.list, 'two')", "ArrayPartition");
      assertInvalidArguments("States.ArrayPartition($.text, 2)", "ArrayPartition");
    }

    @Test
    void shouldTellWhetherAnArrayContainsAValue() {
      assertThat(eval("States.ArrayContains($.list, 3)")).isEqualTo(json("true"));
      assertThat(eval("States.ArrayContains($.list, 3.0)")).isEqualTo(json("true"));
      assertThat(eval("States.ArrayContains($.list, 9)")).isEqualTo(json("false"));
      assertThat(eval("States.ArrayContains(States.Array($.object), $.object)")).isEqualTo(json("true"));
      assertThat(eval("States.ArrayContains(States.Array(), null)")).isEqualTo(json("false"));
    }

    @Test
    void shouldFailToSearchWhatIsNotAnArray() {
      assertInvalidArguments("States.ArrayContains($.text, 'H')", "ArrayContains");
      assertInvalidArguments("States.ArrayContains($.list)", "ArrayContains");
    }

    @Test
    void shouldBuildRanges() {
      assertThat(eval("States.ArrayRange(1, 9, 2)")).isEqualTo(json("[1, 3, 5, 7, 9]"));
      assertThat(eval("States.ArrayRange(0, 10, 3)")).isEqualTo(json("[0, 3, 6, 9]"));
      assertThat(eval("States.ArrayRange(5, 1, -2)")).isEqualTo(json("[5, 3, 1]"));
      assertThat(eval("States.ArrayRange(5, 1, 1)")).isEqualTo(json("[]"));
      assertThat(eval("States.ArrayRange(1, 1000, 1)").size()).isEqualTo(1000);
    }

    @Test
    void shouldFailOnAZeroStepOrMoreThanAThousandItems() {
      assertInvalidArguments("States.ArrayRange(1, 9, 0)", "ArrayRange");
      assertInvalidArguments("States.ArrayRange(0, 1000, 1)", "ArrayRange");
      assertInvalidArguments("States.ArrayRange('a', 5, 1)", "ArrayRange");
      assertInvalidArguments("States.ArrayRange(1, 5)", "ArrayRange");
    }

    @Test
    void shouldGetAnItemByIndex() {
      assertThat(eval("States.ArrayGetItem($.list, 0)")).isEqualTo(json("1"));
      assertThat(eval("States.ArrayGetItem($.list, $.number)")).isEqualTo(json("4"));
    }

    @Test
    void shouldFailOnAnIndexOutOfBounds() {
      assertInvalidArguments("States.ArrayGetItem($.list, 5)", "ArrayGetItem");
      assertInvalidArguments("States.ArrayGetItem($.list, -1)", "ArrayGetItem");
      assertInvalidArguments("States.ArrayGetItem($.list, 'one')", "ArrayGetItem");
      assertInvalidArguments("States.ArrayGetItem($.object, 0)", "ArrayGetItem");
    }

    @Test
    void shouldCountItems() {
      assertThat(eval("States.ArrayLength($.list)")).isEqualTo(json("5"));
      assertThat(eval("States.ArrayLength(States.Array())")).isEqualTo(json("0"));
    }

    @Test
    void shouldFailToCountWhatIsNotAnArray() {
      assertInvalidArguments("States.ArrayLength($.text)", "ArrayLength");
      assertInvalidArguments("States.ArrayLength()", "ArrayLength");
    }

    @Test
    void shouldKeepTheFirstOfEachValue() {
      assertThat(eval("States.ArrayUnique(States.Array(1, 2, 1, 'a', 'a', $.object, $.object, null, null))"))
          .isEqualTo(json("[1, 2, \"a\", {\"Arg1\": 1, \"Arg2\": []}, null]"));
    }

    @Test
    void shouldFailToDeduplicateWhatIsNotAnArray() {
      assertInvalidArguments("States.ArrayUnique($.object)", "ArrayUnique");
    }
  }

  @Nested
  class Encoding {
    @Test
    void shouldEncodeAndDecodeUtf8Base64() {
      assertThat(eval("States.Base64Encode('Data to encode')")).isEqualTo(json("\"RGF0YSB0byBlbmNvZGU=\""));
      assertThat(eval("States.Base64Encode('')")).isEqualTo(json("\"\""));
      assertThat(eval("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')")).isEqualTo(json("\"Data to encode\""));
      assertThat(eval("States.Base64Decode(States.Base64Encode('héllo ✓'))")).isEqualTo(json("\"héllo ✓\""));
    }

    @Test
    void shouldAcceptMissingPaddingWhenDecoding() {
      assertThat(eval("States.Base64Decode('RGF0YSB0byBlbmNvZGU')")).isEqualTo(json("\"Data to encode\""));
    }

    @Test
    void shouldFailOnTextLongerThanTenThousandCharacters() {
      String limit = "a".repeat(10_000);
      assertThat(eval("States.Base64Encode('" + limit + "')").textValue()).hasSize(13_336);
      assertInvalidArguments("States.Base64Encode('" + limit + "a')", "Base64Encode");
      assertInvalidArguments("States.Base64Decode('" + "QUFB".repeat(2_500) + "A')", "Base64Decode");
    }

    @Test
    void shouldFailOnInvalidArguments() {
      assertInvalidArguments("States.Base64Decode('not base64!')", "Base64Decode");
      assertInvalidArguments("States.Base64Encode($.number)", "Base64Encode");
      assertInvalidArguments("States.Base64Decode($.list)", "Base64Decode");
    }

    @ParameterizedTest
    @CsvSource({
        "MD5, 812f45842bc6d66ee14572ce20db8e86",
        "SHA-1, aaff4a450a104cd177d28d18d74485e8cae074b7",
        "SHA-256, b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
        "SHA-384, d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562",
        "SHA-512, 6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4"})
    void shouldHashWithEveryAlgorithm(String algorithm, String hex) {
      assertThat(eval("States.Hash('input data', '" + algorithm + "')").textValue()).isEqualTo(hex);
    }

    @Test
    void shouldFailToHashWithAnUnknownAlgorithmOrTooMuchData() {
      assertInvalidArguments("States.Hash('input data', 'SHA256')", "Hash");
      assertInvalidArguments("States.Hash('input data', 'md5')", "Hash");
      assertInvalidArguments("States.Hash('" + "a".repeat(10_001) + "', 'MD5')", "Hash");
      assertInvalidArguments("States.Hash($.object, 'MD5')", "Hash");
      assertInvalidArguments("States.Hash('input data')", "Hash");
    }
  }

  @Nested
  class JsonMerge {
    @Test
    void shouldMergeShallowlyWithTheSecondWinning() {
      PathRoots roots = roots("""
          {"fst": {"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3}, "snd": {"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}}""");
      assertThat(Intrinsics.evaluate("States.JsonMerge($.fst, $.snd, false)", roots))
          .isEqualTo(json("{\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3, \"d\": 4}"));
      assertThat(roots.input().get("fst")).isEqualTo(json("{\"a\": {\"a1\": 1, \"a2\": 2}, \"b\": 2, \"d\": 3}"));
    }

    @Test
    void shouldRejectDeepMerging() {
      assertInvalidArguments("States.JsonMerge($.object, $.object, true)", "JsonMerge");
    }

    @Test
    void shouldFailOnArgumentsThatAreNotObjects() {
      assertInvalidArguments("States.JsonMerge($.list, $.object, false)", "JsonMerge");
      assertInvalidArguments("States.JsonMerge($.object, $.object, 'false')", "JsonMerge");
      assertInvalidArguments("States.JsonMerge($.object, $.object)", "JsonMerge");
    }
  }

  @Nested
  class Math {
    @ParameterizedTest
    @CsvSource({"-9, 3, -6", "1.49, 1.5, 3", "1.5, 1.51, 4", "-1.5, -1.51, -3", "-0.5, 0.5, 1", "-2.5, 0, -2",
        "2.5, 0, 3", "2147483647, 0, 2147483647"})
    void shouldAddArgumentsRoundedHalfUp(String first, String second, int sum) {
      PathRoots roots = roots("{\"fst\": " + first + ", \"snd\": " + second + "}");
      assertThat(Intrinsics.evaluate("States.MathAdd($.fst, $.snd)", roots)).isEqualTo(json(String.valueOf(sum)));
    }

    @Test
    void shouldFailToAddWhatIsNotANumberOrOutOfIntegerRange() {
      assertInvalidArguments("States.MathAdd(1, 'NOT A NUMBER')", "MathAdd");
      assertInvalidArguments("States.MathAdd(2147483648, 0)", "MathAdd");
      assertInvalidArguments("States.MathAdd(1)", "MathAdd");
    }

    @Test
    void shouldPickARandomNumberInRange() {
      for (int i = 0; i < 50; i++) {
        JsonNode value = Intrinsics.evaluate("States.MathRandom(12.5, 44.51)", ROOTS, "", "/n" + i);
        assertThat(value.isIntegralNumber()).isTrue();
        assertThat(value.intValue()).isBetween(13, 44);
      }
    }

    @Test
    void shouldPickTheSameNumberForTheSameSeed() {
      JsonNode first = eval("States.MathRandom(0, 999, 3)");
      assertThat(Intrinsics.evaluate("States.MathRandom(0, 999, 3)", roots("{}"), "", "/elsewhere")).isEqualTo(first);
    }

    @Test
    void shouldFailOnAnEmptyRangeOrNonNumbers() {
      assertInvalidArguments("States.MathRandom(5, 5)", "MathRandom");
      assertInvalidArguments("States.MathRandom(9, 1)", "MathRandom");
      assertInvalidArguments("States.MathRandom('a', 1)", "MathRandom");
      assertInvalidArguments("States.MathRandom(1)", "MathRandom");
    }
  }

  @Nested
  class StringSplit {
    @Test
    void shouldSplitOnEveryDelimiterCharacterDroppingEmptyTokens() {
      assertThat(eval("States.StringSplit($.csv, ',')")).isEqualTo(json("[\"a\", \"b\", \"c\"]"));
      assertThat(eval("States.StringSplit('This.is+a,test=string', '.+,=')"))
          .isEqualTo(json("[\"This\", \"is\", \"a\", \"test\", \"string\"]"));
      assertThat(eval("States.StringSplit(', , ,', ',')")).isEqualTo(json("[\" \", \" \"]"));
      assertThat(eval("States.StringSplit(',,,,', ',')")).isEqualTo(json("[]"));
    }

    @Test
    void shouldFailOnArgumentsThatAreNotStrings() {
      assertInvalidArguments("States.StringSplit($.list, ',')", "StringSplit");
      assertInvalidArguments("States.StringSplit('a,b')", "StringSplit");
    }
  }

  @Nested
  class Uuid {
    @Test
    void shouldGenerateAVersion4Uuid() {
      String uuid = eval("States.UUID()").textValue();
      assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void shouldGenerateTheSameUuidWhenTheSameEvaluationIsReplayed() {
      assertThat(Intrinsics.evaluate("States.UUID()", roots("{}"), "id.$", "/id"))
          .isEqualTo(Intrinsics.evaluate("States.UUID()", roots("{\"other\": 1}"), "id.$", "/id"));
    }

    @Test
    void shouldGenerateDifferentUuidsForDifferentFieldsStatesAndCalls() {
      Set<JsonNode> uuids = new HashSet<>();
      uuids.add(Intrinsics.evaluate("States.UUID()", ROOTS, "a.$", "/a"));
      uuids.add(Intrinsics.evaluate("States.UUID()", ROOTS, "b.$", "/b"));
      PathRoots otherState = new PathRoots(ROOTS.input(), json("{\"State\": {\"Name\": \"Other\"}}"));
      uuids.add(Intrinsics.evaluate("States.UUID()", otherState, "a.$", "/a"));
      JsonNode pair = eval("States.Array(States.UUID(), States.UUID())");
      uuids.add(pair.get(0));
      uuids.add(pair.get(1));
      assertThat(uuids).hasSize(5);
    }

    @Test
    void shouldFailWithArguments() {
      assertInvalidArguments("States.UUID(1)", "UUID");
    }
  }
}
