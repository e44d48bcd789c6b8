"""Executions started with stateMachineArn#TestCase, as against AWS Step Functions Local, all through boto3.

The server runs with SFN_MOCK_CONFIG naming examples/order/mock.json. This script makes the state machine "Order"
(ChargeCard retried while the payment service is busy, a declined card caught, then ShipOrder), starts it with the
test cases RetryPath and DeclinedPath and once without a test case, and prints one line of JSON: for each execution
its status, error and the task events of its history (the unmocked one while it waits for a worker, before it is stopped).
"""
import json
import os
import time

import boto3
from botocore.config import Config

ROLE = "arn:aws:iam::123456789012:role/stepfold"
PATIENCE_SECONDS = 60

sfn = boto3.client("stepfunctions", endpoint_url=os.environ["STEPFOLD_ENDPOINT"],
                   config=Config(retries={"mode": "standard", "max_attempts": 1}))

definition = {"StartAt": "ChargeCard", "States": {
    "ChargeCard": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "ShipOrder",
                   "Parameters": {"FunctionName": "charge-card", "Payload.$": "$"},
                   "ResultSelector": {"chargeId.$": "$.Payload.chargeId"}, "ResultPath": "$.payment",
                   "Retry": [{"ErrorEquals": ["Payments.Unavailable"], "IntervalSeconds": 1, "MaxAttempts": 3, "BackoffRate": 1}],
                   "Catch": [{"ErrorEquals": ["Payments.CardDeclined"], "ResultPath": "$.error", "Next": "PaymentDeclined"}]},
    "ShipOrder": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "ResultPath": "$.shipment", "End": True,
                  "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/111111111111/shipments", "MessageBody.$": "$"}},
    "PaymentDeclined": {"Type": "Fail", "Error": "PaymentDeclined", "Cause": "The card was declined."}}}
machine_arn = sfn.create_state_machine(name="Order", roleArn=ROLE, definition=json.dumps(definition))["stateMachineArn"]


def await_closed(execution_arn):
    deadline = time.monotonic() + PATIENCE_SECONDS
    while True:
        described = sfn.describe_execution(executionArn=execution_arn)
        if described["status"] != "RUNNING":
            return described
        if time.monotonic() > deadline:
            raise SystemExit(f"{execution_arn} is still RUNNING after {PATIENCE_SECONDS} s")
        time.sleep(0.1)


def task_events(execution_arn):
    events = []
    for event in sfn.get_execution_history(executionArn=execution_arn, maxResults=1000)["events"]:
        if event["type"] in ("TaskScheduled", "TaskSucceeded", "TaskFailed"):
            details = event.get("taskSucceededEventDetails") or event.get("taskFailedEventDetails") or event["taskScheduledEventDetails"]
            events.append({"type": event["type"], "resource": details.get("resource"), "error": details.get("error"),
                           "cause": details.get("cause"), "output": json.loads(details["output"]) if "output" in details else None})
    return events


report = {}
for test_case in ("RetryPath", "DeclinedPath"):
    execution_arn = sfn.start_execution(stateMachineArn=f"{machine_arn}#{test_case}", name=f"order-{test_case}",
                                        input='{"orderId": "o-1", "amount": 42}')["executionArn"]
    described = await_closed(execution_arn)
    report[test_case] = {"executionArn": execution_arn, "status": described["status"], "error": described.get("error"),
                         "output": json.loads(described["output"]) if "output" in described else None,
                         "tasks": task_events(execution_arn)}

plain_arn = sfn.start_execution(stateMachineArn=machine_arn, name="order-unmocked", input='{"orderId": "o-2", "amount": 1}')["executionArn"]
deadline = time.monotonic() + PATIENCE_SECONDS
while not task_events(plain_arn):
    if time.monotonic() > deadline:
        raise SystemExit("the unmocked execution scheduled no task")
    time.sleep(0.1)
report["unmocked"] = {"status": sfn.describe_execution(executionArn=plain_arn)["status"], "tasks": task_events(plain_arn)}
sfn.stop_execution(executionArn=plain_arn)

try:
    sfn.start_execution(stateMachineArn=f"{machine_arn}#NoSuchCase")
    report["unknownTestCase"] = None
except sfn.exceptions.ClientError as e:
    report["unknownTestCase"] = e.response["Error"]["Code"]
print(json.dumps(report))
