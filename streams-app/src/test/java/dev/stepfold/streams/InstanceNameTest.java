package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceNameTest {
  @TempDir
  Path dir;

  @Test
  void shouldKeepTheNameMadeOnFirstUseAcrossRestarts() throws Exception {
    var first = InstanceName.resolve(Optional.empty(), dir.resolve("instance-name"));

    assertThat(InstanceName.resolve(Optional.empty(), dir.resolve("instance-name"))).isEqualTo(first);
  }

  @Test
  void shouldPreferTheConfiguredName() throws Exception {
    InstanceName.resolve(Optional.empty(), dir.resolve("instance-name"));

    assertThat(InstanceName.resolve(Optional.of("eu-1"), dir.resolve("instance-name"))).isEqualTo("eu-1");
    assertThatThrownBy(() -> InstanceName.resolve(Optional.of("no spaces"), dir.resolve("instance-name")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldGiveTwoLiveProcessesOfOneDirectoryTwoNames() throws Exception {
    var first = InstanceName.claim(dir, "worker-instance-name");
    var second = InstanceName.claim(dir, "worker-instance-name");

    assertThat(second).isNotEqualTo(first);
  }
}
