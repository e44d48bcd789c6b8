package dev.stepfold.streams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The stable name of one stepfold process (a server or a worker): the static group membership
 * ({@code group.instance.id}) it joins its consumer groups with, so that, restarted after a crash, it takes its
 * partitions back at once instead of waiting for the group to notice the old process has gone. Set, or kept in a file
 * of the data directory, made on first use.
 */
public final class InstanceName {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  /** The locks of the names {@link #claim} took; held for the life of the process. */
  private static final java.util.List<java.nio.channels.FileLock> CLAIMED = new java.util.concurrent.CopyOnWriteArrayList<>();

  private InstanceName() {}

  /**
   * A name kept in {@code dir} that no other live process on this directory holds: the first of
   * {@code <file>}, {@code <file>.2}, ... whose lock is free, so that several workers started in one directory each keep
   * a name of their own across restarts (two members with one {@code group.instance.id} would fence each other).
   */
  public static String claim(Path dir, String file) throws IOException {
    Files.createDirectories(dir);
    for (int slot = 1; slot <= 64; slot++) {
      var name = dir.resolve(slot == 1 ? file : file + "." + slot);
      var channel = java.nio.channels.FileChannel.open(name.resolveSibling(name.getFileName() + ".lock"),
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
      java.nio.channels.FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException heldHere) {
        lock = null;   // taken by this process already
      }
      if (lock != null) {
        CLAIMED.add(lock);
        return resolve(Optional.empty(), name);
      }
      channel.close();
    }
    throw new IOException("Expected a free instance name in " + dir + ", but 64 processes hold one");
  }

  /** {@code configured} when given; otherwise the name in {@code file}, written there with a new name when missing. */
  public static String resolve(Optional<String> configured, Path file) throws IOException {
    if (configured.isPresent()) {
      return checked(configured.get(), "the configured instance name");
    }
    if (Files.exists(file)) {
      return checked(Files.readString(file, StandardCharsets.UTF_8).trim(), "the instance name in " + file);
    }
    var name = UUID.randomUUID().toString().substring(0, 8);
    Files.createDirectories(file.toAbsolutePath().getParent());
    var written = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), name + "\n", StandardCharsets.UTF_8);
    Files.move(written, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return name;
  }

  private static String checked(String name, String what) {
    if (!VALID.matcher(name).matches()) {
      throw new IllegalArgumentException("Expected " + what + " to be 1 to 200 letters, digits, '.', '_' or '-', but it is '" + name + "'");
    }
    return name;
  }
}
