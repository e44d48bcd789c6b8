package dev.stepfold.asl;

/** {@code QueryLanguage}: set at the top of a definition and overridable per state. */
public enum QueryLanguage {
  JSONPATH("JSONPath"),
  JSONATA("JSONata");

  private final String aslName;

  QueryLanguage(String aslName) {
    this.aslName = aslName;
  }

  public String aslName() {
    return aslName;
  }
}
