package dev.stepfold.streams;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** A topic's full name (prefix included) with the serdes of its keys and values. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }
}
