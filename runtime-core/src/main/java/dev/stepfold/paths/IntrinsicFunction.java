package dev.stepfold.paths;

import java.util.Arrays;
import java.util.Optional;

/** Every intrinsic function, by its name after {@code States.}. */
enum IntrinsicFunction {
  FORMAT("Format"),
  STRING_TO_JSON("StringToJson"),
  JSON_TO_STRING("JsonToString"),
  ARRAY("Array"),
  ARRAY_PARTITION("ArrayPartition"),
  ARRAY_CONTAINS("ArrayContains"),
  ARRAY_RANGE("ArrayRange"),
  ARRAY_GET_ITEM("ArrayGetItem"),
  ARRAY_LENGTH("ArrayLength"),
  ARRAY_UNIQUE("ArrayUnique"),
  BASE64_ENCODE("Base64Encode"),
  BASE64_DECODE("Base64Decode"),
  HASH("Hash"),
  JSON_MERGE("JsonMerge"),
  MATH_RANDOM("MathRandom"),
  MATH_ADD("MathAdd"),
  STRING_SPLIT("StringSplit"),
  UUID("UUID");

  private final String name;

  IntrinsicFunction(String name) {
    this.name = name;
  }

  String qualifiedName() {
    return "States." + name;
  }

  static Optional<IntrinsicFunction> byName(String name) {
    return Arrays.stream(values()).filter(function -> function.name.equals(name)).findFirst();
  }
}
