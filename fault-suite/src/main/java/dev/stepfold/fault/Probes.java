package dev.stepfold.fault;

import dev.stepfold.streams.KeyPartitioning;
import java.time.Duration;
import java.util.ArrayList;

/** StartExecutions of a Pass state machine, answered once the runtime processes commands: in one partition, or in every one. */
final class Probes {
  private static final String PASS = "{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Pass\", \"End\": true}}}";
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  private final TopicWatch watch;

  Probes(TopicWatch watch) {
    this.watch = watch;
  }

  /** Starts a probe and waits for its reply. */
  void one(String name) throws Exception {
    watch.awaitReply(send(name), PATIENCE);
  }

  /** Starts a probe in every partition of the commands topic and waits for every reply: each partition is processed by some instance. */
  void everyPartition(String name) throws Exception {
    var requests = new ArrayList<String>();
    for (int partition = 0, n = 0; partition < watch.partitions(); n++) {
      var candidate = name + "-" + n;
      if (KeyPartitioning.partition(executionArn(candidate), watch.partitions()) == partition) {
        requests.add(send(candidate));
        partition++;
      }
    }
    for (var request : requests) {
      watch.awaitReply(request, PATIENCE);
    }
  }

  private String send(String name) {
    watch.send(executionArn(name), JsonCommands.startExecution("probe-" + name, executionArn(name), "fault-probe", PASS, "{}"));
    return "probe-" + name;
  }

  private static String executionArn(String name) {
    return JsonCommands.executionArn("fault-probe", name);
  }
}
