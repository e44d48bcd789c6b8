package dev.stepfold.api;

import java.nio.file.Path;

/** The AWS CLI ({@code aws} on the PATH, v1 or v2), as a shell user runs it: the scripts in {@code src/test/clients/cli}. */
class AwsCliClientTest extends ClientStackTest {
  AwsCliClientTest() {
    super("cli", "redrive_with_aws_cli.sh", "sigv4_with_aws_cli.sh");
  }

  @Override
  void requireClient() {
    ClientScript.require("the AWS CLI", "Install it with 'pip install awscli' or AWS's installer of AWS CLI v2 (Debian's awscli 2.9.19 needs a "
        + "current model, as the spec's section 3.4 says).", "aws", "--version");
  }

  @Override
  ClientScript script(Path file) {
    return ClientScript.of("bash", file.toString());
  }
}
