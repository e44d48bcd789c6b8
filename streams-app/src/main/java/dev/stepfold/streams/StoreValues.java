package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.schemas.HistoryEventRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The values of the history store. An event is its Avro {@link HistoryEventRecord} in Avro's single-object encoding
 * (marker, the schema's 8-byte fingerprint, the body), so a stored event says which schema wrote it. The executions
 * store's snapshots are {@link ExecutionSnapshots}'.
 */
final class StoreValues {
  private StoreValues() {}

  static byte[] event(HistoryEventRecord event) {
    try {
      ByteBuffer encoded = HistoryEventRecord.getEncoder().encode(event);
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
}
