package dev.stepfold.api;

import java.nio.file.Path;

/** boto3, as a Python user runs it (python3 on the PATH): the scripts in {@code src/test/clients/python}. */
class BotoClientTest extends ClientStackTest {
  BotoClientTest() {
    super("python", "redrive_with_boto3.py", "sigv4_with_boto3.py");
  }

  @Override
  void requireClient() {
    ClientScript.require("python3 with boto3", "Install it with 'pip install boto3' (or Debian's python3-boto3, with a current model as the spec's "
        + "section 3.4 says).", "python3", "-c", "import boto3");
  }

  @Override
  ClientScript script(Path file) {
    return ClientScript.of("python3", file.toString());
  }
}
