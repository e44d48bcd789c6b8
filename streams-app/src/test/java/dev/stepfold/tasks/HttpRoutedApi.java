package dev.stepfold.tasks;

import dev.stepfold.api.RunningApi;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A running stepfold whose HTTP tasks its runners do, with a loopback endpoint to call and the runners' tests' SDK helper. */
final class HttpRoutedApi implements AutoCloseable {
  final LoopbackEndpoint endpoint;
  final RunningApi api;
  final Executions executions;

  private HttpRoutedApi(LoopbackEndpoint endpoint, RunningApi api) {
    this.endpoint = endpoint;
    this.api = api;
    this.executions = new Executions(api.client());
  }

  static HttpRoutedApi start(Path dataDir) throws Exception {
    return start(dataDir, Map.of());
  }

  /** The same, with {@code settings} besides the route. */
  static HttpRoutedApi start(Path dataDir, Map<String, String> settings) throws Exception {
    var endpoint = LoopbackEndpoint.start();
    try {
      var all = new HashMap<>(settings);
      all.put("stepfold.tasks.route.http.resource", HttpInvokeRunner.RESOURCE);
      all.put("stepfold.tasks.route.http.runner", "http");
      return new HttpRoutedApi(endpoint, RunningApi.start(dataDir, all));
    } catch (Exception | Error e) {
      endpoint.close();
      throw e;
    }
  }

  @Override
  public void close() {
    api.close();
    endpoint.close();
  }
}
