package dev.stepfold.maprun;

/** A map run's status, as DescribeMapRun reports it. */
public enum MapRunStatus { RUNNING, SUCCEEDED, FAILED, ABORTED }
