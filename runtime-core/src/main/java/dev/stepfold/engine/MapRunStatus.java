package dev.stepfold.engine;

/** A map run's status, as DescribeMapRun reports it. */
public enum MapRunStatus { RUNNING, SUCCEEDED, FAILED, ABORTED }
