package dev.stepfold.asl;

/**
 * One state of a definition. {@code queryLanguage} is resolved: the state's own, or else the definition's.
 * {@code io} holds the data-flow fields; the parser leaves a field empty where the state type does not allow it.
 */
public sealed interface AslState
    permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, ParallelState, MapState {
  String name();

  QueryLanguage queryLanguage();

  StateIo io();

  /** The AWS name of the state type ({@code Pass}, {@code Task}, ...), as history event types start with it. */
  String typeName();
}
