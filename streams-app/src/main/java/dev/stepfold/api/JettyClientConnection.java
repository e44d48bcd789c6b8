package dev.stepfold.api;

import io.javalin.http.Context;
import java.io.IOException;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;

/**
 * The connection of a request to Jetty, probed without blocking: a client that closed its end (an SDK giving up on its
 * read timeout closes the socket) has sent a FIN, which a non-blocking read on the connection sees as the end of input.
 * A client that is waiting for the answer sends nothing, so the read finds nothing and the client counts as there.
 *
 * A client that only shuts down its sending side (no AWS SDK does) counts as gone too.
 *
 * <p>What no probe can see: a client whose network went away without closing (no FIN reaches the server), and a client
 * behind a proxy that keeps its own connection to stepfold open. Such a poll is ended by its hold time only.
 *
 * <p>Should the read find bytes (a client pipelining its next request on the connection, which the AWS SDKs do not),
 * they are consumed: the answer then closes the connection, and the client sends its next request again on a new one.
 */
final class JettyClientConnection implements ClientConnection {
  private final Context ctx;
  private final EndPoint endPoint;
  private boolean gone;

  private JettyClientConnection(Context ctx, EndPoint endPoint) {
    this.ctx = ctx;
    this.endPoint = endPoint;
  }

  /** The connection of the request; {@link ClientConnection#UNKNOWN} when the request is not one of Jetty's. */
  static ClientConnection of(Context ctx) {
    var request = Request.getBaseRequest(ctx.req());
    if (request == null || request.getHttpChannel() == null || request.getHttpChannel().getEndPoint() == null) {
      return ClientConnection.UNKNOWN;
    }
    return new JettyClientConnection(ctx, request.getHttpChannel().getEndPoint());
  }

  @Override
  public boolean gone() {
    if (gone) {
      return true;
    }
    if (!endPoint.isOpen() || endPoint.isInputShutdown()) {
      gone = true;
      return true;
    }
    try {
      var buffer = BufferUtil.allocate(64);
      int read = endPoint.fill(buffer);
      if (read < 0) {
        gone = true;
      } else if (read > 0) {
        ctx.header("Connection", "close");
      }
    } catch (IOException broken) {
      gone = true;
    }
    return gone;
  }
}
