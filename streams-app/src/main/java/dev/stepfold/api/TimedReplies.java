package dev.stepfold.api;

import dev.stepfold.schemas.ReplyRecord;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Replies whose wait is timed: from the moment a command's reply is expected (just before it is sent) to its coming. */
final class TimedReplies implements CommandGateway.Replies {
  private final CommandGateway.Replies replies;
  private final Timer timer;

  TimedReplies(CommandGateway.Replies replies, Timer timer) {
    this.replies = replies;
    this.timer = timer;
  }

  @Override
  public CompletableFuture<ReplyRecord> expect(String requestId) {
    long sent = System.nanoTime();
    var reply = replies.expect(requestId);
    reply.thenRun(() -> timer.record(System.nanoTime() - sent, TimeUnit.NANOSECONDS));
    return reply;
  }

  @Override
  public void forget(String requestId) {
    replies.forget(requestId);
  }
}
