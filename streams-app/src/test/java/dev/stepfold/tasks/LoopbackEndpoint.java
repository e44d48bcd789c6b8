package dev.stepfold.tasks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server on loopback that plays the services tasks call: each path answers from a script of answers (the last
 * one again once the others are used), and every request is kept for the test to look at.
 */
final class LoopbackEndpoint implements AutoCloseable {
  /** One answer: its status, headers and body, given at once or, when {@code release} is set, only once it opens. */
  record Answer(int status, Map<String, String> headers, String body, CountDownLatch release) {
    static Answer json(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "application/json"), body, null);
    }

    /** The same answer, held back until {@code release} opens: a service slower than any time-out of the test. */
    Answer heldUntil(CountDownLatch release) {
      return new Answer(status, headers, body, release);
    }

    Answer with(String header, String value) {
      var more = new java.util.LinkedHashMap<>(headers);
      more.put(header, value);
      return new Answer(status, more, body, release);
    }
  }

  /** A request as the endpoint received it. */
  record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  /** Opened when the endpoint closes: what holds the answers of a service slower than any time-out. */
  private final CountDownLatch closing = new CountDownLatch(1);

  private LoopbackEndpoint(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  static LoopbackEndpoint start() throws IOException {
    return new LoopbackEndpoint(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
  }

  /** A server on {@code port}, for a test that brings an unreachable endpoint up. */
  static LoopbackEndpoint startOn(int port) throws IOException {
    return new LoopbackEndpoint(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0));
  }

  /** A loopback port nothing listens on (it was free a moment ago). */
  static int closedPort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The answers of {@code path}, in order; the last is given again to every later request. */
  void script(String path, Answer... answers) {
    scripts.put(path, new ArrayDeque<>(List.of(answers)));
  }

  /** {@code path} answers, but not before the endpoint closes: a service slower than any time-out of the test. */
  void hold(String path) {
    script(path, Answer.json(200, "{}").heldUntil(closing));
  }

  List<Request> requests(String path) {
    return requests.stream().filter(request -> request.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    var path = exchange.getRequestURI().getPath();
    requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
    Answer answer;
    var script = scripts.get(path);
    if (script == null) {
      answer = Answer.json(404, "{\"message\": \"no script for " + path + "\"}");
    } else {
      synchronized (script) {
        answer = script.size() > 1 ? script.poll() : script.peek();
      }
    }
    try {
      if (answer.release() != null) {
        answer.release().await(120, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    var bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    try {
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    } catch (IOException clientGone) {
      // the runner gave up waiting
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
