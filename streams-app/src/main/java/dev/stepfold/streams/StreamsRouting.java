package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    return reads(StreamsStoreAccess.owner(streams, executionArn).activeHost());
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
