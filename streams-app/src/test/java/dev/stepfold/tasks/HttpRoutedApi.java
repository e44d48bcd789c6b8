package dev.stepfold.tasks;

import dev.stepfold.api.RunningApi;
import java.nio.file.Path;
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
    var endpoint = LoopbackEndpoint.start();
    try {
      return new HttpRoutedApi(endpoint, RunningApi.start(dataDir, Map.of(
          "stepfold.tasks.route.http.resource", HttpInvokeRunner.RESOURCE,
          "stepfold.tasks.route.http.runner", "http")));
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
