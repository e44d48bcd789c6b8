package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/** Routing by Kafka Streams' metadata: an execution's owner is the active host of its partition; instances are found by their {@code application.server}. */
final class StreamsRouting implements ReadRouting {
  private final KafkaStreams streams;
  private final HostInfo self;
  private final InstanceReads local;
  private final HttpClient http;
  private final Duration timeout;
  private final int partitions;

  StreamsRouting(KafkaStreams streams, HostInfo self, InstanceReads local, Duration timeout, int partitions) {
    this.streams = streams;
    this.self = self;
    this.local = local;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.timeout = timeout;
    this.partitions = partitions;
  }

  @Override
  public InstanceReads owner(ExecutionArn executionArn) {
    return ownerOf(executionArn.value());
  }

  @Override
  public InstanceReads ownerOf(String key) {
    return reads(StreamsStoreAccess.owner(streams, key).activeHost());
  }

  @Override
  public Map<InstanceReads, List<ExecutionArn>> owners(List<ExecutionArn> executionArns) {
    var byHost = new LinkedHashMap<HostInfo, List<ExecutionArn>>();
    for (var executionArn : executionArns) {
      byHost.computeIfAbsent(StreamsStoreAccess.owner(streams, executionArn).activeHost(), host -> new ArrayList<>()).add(executionArn);
    }
    var owners = new LinkedHashMap<InstanceReads, List<ExecutionArn>>();
    byHost.forEach((host, owned) -> owners.put(reads(host), owned));
    return owners;
  }

  @Override
  public List<InstanceReads> everyInstance() {
    var instances = new ArrayList<InstanceReads>();
    try {
      streams.streamsMetadataForStore(StepfoldTopology.EXECUTIONS_STORE).forEach(instance -> instances.add(reads(instance.hostInfo())));
    } catch (IllegalStateException e) {
      throw new StoreUnavailable("Kafka Streams is " + streams.state() + ": " + e.getMessage(), e);
    }
    return instances;
  }

  @Override
  public int partitions() {
    return partitions;
  }

  private InstanceReads reads(HostInfo host) {
    return host.equals(self) ? local : new RemoteReads(http, host, timeout);
  }
}
