package dev.stepfold.statemachine;

/** AWS's {@code StateMachineStatus}: a state machine is ACTIVE until DeleteStateMachine makes it DELETING. */
public enum StateMachineStatus { ACTIVE, DELETING }
