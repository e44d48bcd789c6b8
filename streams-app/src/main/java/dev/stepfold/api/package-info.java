/**
 * The AWS Step Functions API (AWS JSON 1.0) of a running stepfold: {@link dev.stepfold.api.StepfoldApi} wires it,
 * {@link dev.stepfold.api.AwsJsonServer} is the wire format, {@link dev.stepfold.api.SigV4Verifier} checks signatures.
 *
 * <p>To add an operation: a class implementing {@link dev.stepfold.api.Operation}, in the list of its
 * {@link dev.stepfold.api.OperationGroup}; a new group is one line in
 * {@code META-INF/services/dev.stepfold.api.OperationGroup}. The operation reads every member through
 * {@link dev.stepfold.api.Members} (AWS's {@code ValidationException} wording, sensitive values kept out of messages),
 * ARNs through {@link dev.stepfold.api.ApiArns}, and either sends one command through
 * {@link dev.stepfold.api.CommandGateway} (keyed by the ARN of the entity it is for, the request id as its
 * {@code requestId}) and shapes the reply, or reads ({@link dev.stepfold.api.ApiServices}), with {@link dev.stepfold.api.Wire}
 * turning a read's AWS error into the answer. An AWS error is an {@link dev.stepfold.api.ApiException}; anything else
 * thrown is a bug, logged and answered {@code InternalFailure}. stepfold's own operations override
 * {@link dev.stepfold.api.Operation#target()} with a target prefix of their own.
 */
package dev.stepfold.api;
