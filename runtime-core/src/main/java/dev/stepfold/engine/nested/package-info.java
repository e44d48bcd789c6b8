/**
 * Nested executions: a Task state that calls Step Functions' own StartExecution ({@code arn:aws:states:::states:startExecution},
 * {@code .sync}, {@code .sync:2}, {@code .waitForTaskToken}). What the call starts ({@link NestedStart}) and what the
 * parent's task is told when the child started, was refused or closed ({@link ParentReports}) — pure, for the runtime
 * to carry out on the child's own key.
 */
package dev.stepfold.engine.nested;
