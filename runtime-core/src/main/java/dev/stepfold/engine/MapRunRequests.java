package dev.stepfold.engine;

/**
 * The request ids of the messages an execution sends its map runs: one per map run and kind of work (and redrive, for a
 * redrive), and one per end of a child, so that a message delivered twice is recognised by its receiver.
 */
final class MapRunRequests {
  private MapRunRequests() {}

  static String requestId(MapRunWork work) {
    var mapRun = work.mapRunArn().value();
    if (work instanceof MapRunWork.Start) {
      return mapRun + "#start";
    } else if (work instanceof MapRunWork.Redrive redrive) {
      return mapRun + "#redrive-" + redrive.redriveCount();
    } else if (work instanceof MapRunWork.Abort) {
      return mapRun + "#abort";
    } else if (work instanceof MapRunWork.RedriveParentWhenClosed waiting) {
      return mapRun + "#parent-redrive#" + waiting.redrive().requestId();
    }
    throw new IllegalStateException("Expected work a parent sends its map run, but got " + work.getClass().getSimpleName());
  }
}
