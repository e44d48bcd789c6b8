package dev.stepfold.paths;

import dev.stepfold.asl.ChoiceRule;

/** Evaluates the JSONPath Choice rules (comparisons, And/Or/Not, Is* tests). JSONata conditions are the engine's. */
public final class ChoiceRules {
  private ChoiceRules() {}

  public static boolean matches(ChoiceRule rule, PathRoots roots) {
    throw new UnsupportedOperationException("not built yet");
  }
}
