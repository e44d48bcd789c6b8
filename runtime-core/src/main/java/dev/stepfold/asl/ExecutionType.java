package dev.stepfold.asl;

/** A state machine's type, and a Distributed Map's child execution type. */
public enum ExecutionType { STANDARD, EXPRESS }
