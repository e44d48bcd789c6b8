package dev.stepfold.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * How much {@code stepfold server} logs, set before the first logger exists. stepfold logs through slf4j-simple, whose
 * settings are {@code org.slf4j.simpleLogger.*} keys: by default ({@code simplelogger.properties}) warnings and errors
 * of stepfold, and only errors of Kafka, the embedded broker and the HTTP server, all on standard error; {@code --verbose}
 * logs everything at INFO; a {@code --log-config} file of those keys wins over both.
 */
final class ServerLogging {
  static final String PREFIX = "org.slf4j.simpleLogger.";

  private ServerLogging() {}

  static void configure(boolean verbose, Path logConfig) throws IOException {
    if (verbose) {
      System.setProperty(PREFIX + "defaultLogLevel", "info");
      for (var logger : new String[] {"org.apache.kafka", "kafka", "org.eclipse.jetty", "io.javalin"}) {
        System.setProperty(PREFIX + "log." + logger, "info");
      }
      System.setProperty(PREFIX + "showDateTime", "true");
      System.setProperty(PREFIX + "dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    }
    if (logConfig != null) {
      var settings = new Properties();
      try (Reader reader = Files.newBufferedReader(logConfig)) {
        settings.load(reader);
      }
      settings.stringPropertyNames().forEach(key -> System.setProperty(key, settings.getProperty(key)));
    }
  }
}
