package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A client stack missing from the machine fails its tests, saying how to get it: it is never skipped. */
class ClientScriptTest {
  @Test
  void shouldFailSayingHowToGetAClientThatIsNotThere() {
    assertThatThrownBy(() -> ClientScript.require("the frobnicator", "Install it with 'apt-get install frobnicator'.", "frobnicate-not-here"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected the frobnicator on this machine for the client tests")
        .hasMessageContaining("Install it with 'apt-get install frobnicator'.");
  }

  @Test
  void shouldFailSayingHowToGetAClientThatAnswersWithAnError() {
    assertThatThrownBy(() -> ClientScript.require("python3 with a module", "Install it with pip.", "python3", "-c", "import no_such_module_here"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("answered 1")
        .hasMessageContaining("No module named 'no_such_module_here'")
        .hasMessageContaining("Install it with pip.");
  }
}
