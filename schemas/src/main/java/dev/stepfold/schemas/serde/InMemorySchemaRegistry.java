package dev.stepfold.schemas.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * A schema registry in memory, with the Confluent semantics the serde relies on: ids are global and start at 1, the
 * same schema gets the same id under every subject, registering a schema a subject already has returns its id and adds
 * no version. Compatibility is not checked. Used directly by tests and served over HTTP in embedded mode.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {
  /** One version of a subject. */
  public record Version(String subject, int version, int id, Schema schema) {}

  private final Map<Integer, Schema> byId = new HashMap<>();
  private final Map<String, Integer> idByCanonical = new HashMap<>();
  private final Map<String, List<Integer>> versionIds = new TreeMap<>();

  @Override
  public synchronized int register(String subject, Schema schema) {
    var canonical = schema.toString();
    var id = idByCanonical.get(canonical);
    if (id == null) {
      id = byId.size() + 1;
      byId.put(id, schema);
      idByCanonical.put(canonical, id);
    }
    var versions = versionIds.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!versions.contains(id)) {
      versions.add(id);
    }
    return id;
  }

  @Override
  public synchronized Schema schemaById(int id) {
    var schema = byId.get(id);
    if (schema == null) {
      throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }
    return schema;
  }

  public synchronized List<String> subjects() {
    return List.copyOf(versionIds.keySet());
  }

  /** The subject's version numbers, from 1; {@link SchemaRegistryException} (40401) for an unknown subject. */
  public synchronized List<Integer> versions(String subject) {
    var ids = idsOf(subject);
    var numbers = new ArrayList<Integer>();
    for (int i = 1; i <= ids.size(); i++) {
      numbers.add(i);
    }
    return numbers;
  }

  /** A version of a subject; {@code -1} is the latest. */
  public synchronized Version version(String subject, int version) {
    var ids = idsOf(subject);
    var number = version == -1 ? ids.size() : version;
    if (number < 1 || number > ids.size()) {
      throw new SchemaRegistryException(SchemaRegistryException.VERSION_NOT_FOUND, "Version " + version + " not found.");
    }
    var id = ids.get(number - 1);
    return new Version(subject, number, id, byId.get(id));
  }

  /** The version of the subject that holds this schema, if any. */
  public synchronized Optional<Version> lookup(String subject, Schema schema) {
    var ids = idsOf(subject);
    var id = idByCanonical.get(schema.toString());
    if (id == null || !ids.contains(id)) {
      return Optional.empty();
    }
    return Optional.of(new Version(subject, ids.indexOf(id) + 1, id, byId.get(id)));
  }

  private List<Integer> idsOf(String subject) {
    var ids = versionIds.get(subject);
    if (ids == null) {
      throw new SchemaRegistryException(SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }
    return ids;
  }
}
