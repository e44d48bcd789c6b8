package dev.stepfold.api;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The AWS SDK for JavaScript v3 ({@code @aws-sdk/client-sfn}) on the machine's Node.js, as a Node user runs it: the
 * scripts in {@code src/test/clients/js}, whose packages the Maven build installs with {@code npm ci} from that
 * folder's lock file.
 */
class JsClientTest extends ClientStackTest {
  JsClientTest() {
    super("js", "redrive.mjs", "sigv4.mjs");
  }

  @Override
  void requireClient() {
    ClientScript.require("Node.js", "Install Node.js 18 or later with npm (Debian's nodejs and npm).", "node", "--version");
    if (!Files.isRegularFile(scripts().resolve("node_modules/@aws-sdk/client-sfn/package.json"))) {
      throw new AssertionError("Expected @aws-sdk/client-sfn under " + scripts() + " for the client tests, but it is not installed. The Maven "
          + "build installs it ('npm ci' in process-test-resources); by hand: cd streams-app/" + scripts() + " && npm ci");
    }
  }

  @Override
  ClientScript script(Path file) {
    return ClientScript.of("node", file.toString());
  }
}
