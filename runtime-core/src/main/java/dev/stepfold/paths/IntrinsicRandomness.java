package dev.stepfold.paths;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Randomness for States.UUID and unseeded States.MathRandom. runtime-core reads no entropy, so the generator is
 * seeded from what identifies this evaluation in the context object (execution, state, entry time, retry, map item)
 * plus the field's location in its template: replaying an execution yields the same values, while two fields, two
 * states or two map items get different ones. Created on first use only.
 */
final class IntrinsicRandomness {
  private final JsonNode context;
  private final String location;
  private RandomGenerator generator;

  IntrinsicRandomness(JsonNode context, String location) {
    this.context = context;
    this.location = location;
  }

  RandomGenerator generator() {
    if (generator == null) {
      generator = new SplittableRandom(seed());
    }
    return generator;
  }

  private long seed() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {
          context.path("Execution").path("Id").asText(),
          context.path("State").path("Name").asText(),
          context.path("State").path("EnteredTime").asText(),
          context.path("State").path("RetryCount").asText(),
          context.path("Map").path("Item").path("Index").asText(),
          location}) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return ByteBuffer.wrap(digest.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Expected the JDK to provide SHA-256, but it does not", e);
    }
  }
}
