package dev.stepfold.codec;

import static dev.stepfold.codec.CodecFixtures.DEFINITION_TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepfold.asl.ExecutionType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionReaderTest {
  private final List<String> reads = new ArrayList<>();
  private final DefinitionReader counting = (document, type) -> {
    reads.add(type + " " + document);
    return CodecFixtures.definition(document, type);
  };

  @Test
  void shouldReadEachDefinitionOnceWhileItIsRemembered() {
    var cached = counting.cached(2);

    var first = cached.read(DEFINITION_TEXT, ExecutionType.STANDARD);
    var again = cached.read(DEFINITION_TEXT, ExecutionType.STANDARD);

    assertThat(again).isSameAs(first);
    assertThat(reads).hasSize(1);
  }

  @Test
  void shouldReadTheSameTextAgainForTheOtherExecutionType() {
    var cached = counting.cached(2);

    var standard = cached.read(DEFINITION_TEXT, ExecutionType.STANDARD);
    var express = cached.read(DEFINITION_TEXT, ExecutionType.EXPRESS);

    assertThat(express).isNotEqualTo(standard);
    assertThat(reads).hasSize(2);
  }

  @Test
  void shouldForgetTheLeastRecentlyUsedDefinitionBeyondItsCapacity() {
    var cached = counting.cached(2);

    cached.read("{\"n\":1}", ExecutionType.STANDARD);
    cached.read("{\"n\":2}", ExecutionType.STANDARD);
    cached.read("{\"n\":1}", ExecutionType.STANDARD);   // 1 is now the most recently used
    cached.read("{\"n\":3}", ExecutionType.STANDARD);   // forgets 2
    cached.read("{\"n\":1}", ExecutionType.STANDARD);
    cached.read("{\"n\":2}", ExecutionType.STANDARD);

    assertThat(reads).containsExactly(
        "STANDARD {\"n\":1}", "STANDARD {\"n\":2}", "STANDARD {\"n\":3}", "STANDARD {\"n\":2}");
  }

  @Test
  void shouldRefuseACapacityBelowOne() {
    assertThatThrownBy(() -> counting.cached(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Expected a capacity of 1 or more, but got 0");
  }
}
