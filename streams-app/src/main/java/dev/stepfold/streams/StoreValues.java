package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.engine.ExecutionSummary;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.schemas.HistoryEventRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The values of the history and executions stores. An event is its Avro {@link HistoryEventRecord} in Avro's
 * single-object encoding (marker, the schema's 8-byte fingerprint, the body), so a stored event says which schema wrote
 * it. A summary is {@link ReadJson} text.
 */
final class StoreValues {
  private StoreValues() {}

  static byte[] event(AvroCodec codec, ExecutionArn executionArn, HistoryEvent event) {
    try {
      ByteBuffer encoded = HistoryEventRecord.getEncoder().encode(codec.avro(executionArn, event));
      var bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HistoryEvent event(AvroCodec codec, String key, byte[] stored) {
    try {
      return codec.event(HistoryEventRecord.getDecoder().decode(stored));
    } catch (IOException e) {
      throw new IllegalStateException("Expected the stored event " + key + " to be readable, but " + e.getMessage(), e);
    }
  }

  static byte[] summary(ExecutionSummary summary) {
    try {
      return ReadJson.MAPPER.writeValueAsBytes(summary);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ExecutionSummary summary(String executionArn, byte[] stored) {
    try {
      return ReadJson.MAPPER.readValue(stored, ExecutionSummary.class);
    } catch (IOException e) {
      throw new IllegalStateException("Expected the stored summary of " + executionArn + " to be readable, but " + e.getMessage(), e);
    }
  }
}
