package dev.stepfold.schemas.serde;

import org.apache.avro.Schema;

/**
 * The part of a Confluent-compatible schema registry the wire-format serde needs: register a schema under a subject
 * (or find the id it already has) and fetch a schema by its id. Implementations are safe for concurrent use.
 */
public interface SchemaRegistryClient {
  /** The id of {@code schema} under {@code subject}, registering it as the subject's next version if it is new there. */
  int register(String subject, Schema schema);

  /** The schema with this id; {@link SchemaRegistryException} (40403) when there is none. */
  Schema schemaById(int id);
}
