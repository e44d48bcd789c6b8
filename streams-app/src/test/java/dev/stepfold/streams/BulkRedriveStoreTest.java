package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.redrive.BulkRedriveFilter;
import dev.stepfold.redrive.BulkRedriveReport;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bulk redrive store's JSON: a shard's work stored before a bulk redrive could name versions reads as one that names none. */
class BulkRedriveStoreTest {
  @Test
  void shouldReadAShardStoredBeforeVersionsAsOneOfNoVersion() throws Exception {
    var orders = ArnFormat.DEFAULT.stateMachine("orders");
    var current = new BulkRedriveStore.ShardWork(2, 10, BulkRedriveFilter.ALL_UNSUCCESSFUL, List.of(orders.execution("o-1")),
        new BulkRedriveReport("bulk-1", orders, List.of(), List.of(), false), Optional.empty());
    var stored = (ObjectNode) ReadJson.MAPPER.valueToTree(current);
    stored.remove("ontoVersion");
    ((ObjectNode) stored.get("filter")).remove("stateMachineVersionArn");

    var read = ReadJson.MAPPER.treeToValue(stored, BulkRedriveStore.ShardWork.class);

    assertThat(read).isEqualTo(current);
  }
}
