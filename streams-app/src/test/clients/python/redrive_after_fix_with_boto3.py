"""A redrive after a fix through boto3: stepfold's own Stepfold. operations, signed by botocore's own signer.

Version 1 of the state machine reads the amount from a path the input does not have, so the execution fails; version 2
reads the right path. The script asks Stepfold.GetRedrivePlan what a redrive onto version 2 would run, redrives onto
it with Stepfold.RedriveExecution, answers the activity task (its worker is written here), and then fails a second
execution's task and redrives it with a corrected input (inputMerge). It also tries a redrive onto a version that does
not exist and one of an execution that succeeded. Prints one line of JSON: the plan, the answers, the task inputs the
worker got, the histories as boto3 reads them (AWS's shape) and as stepfold shows them when asked
(stepfoldExtensions), and DescribeStateMachineForExecution after the redrive.
"""
import json
import os

import boto3
import botocore.auth
import botocore.awsrequest
import botocore.httpsession
from botocore.config import Config

from boto3_waits import await_status, poll_task

ROLE = "arn:aws:iam::123456789012:role/stepfold"
ENDPOINT = os.environ["STEPFOLD_ENDPOINT"]
REGION = os.environ["AWS_DEFAULT_REGION"]

session = boto3.session.Session()
sfn = session.client("stepfunctions", endpoint_url=ENDPOINT, config=Config(read_timeout=70, retries={"mode": "standard", "max_attempts": 1}))


def stepfold(target, body):
    """A call of one of stepfold's own operations: AWS JSON 1.0 under X-Amz-Target, signed as boto3 signs its calls."""
    request = botocore.awsrequest.AWSRequest(method="POST", url=ENDPOINT + "/", data=json.dumps(body), headers={
        "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": target})
    botocore.auth.SigV4Auth(session.get_credentials(), "states", REGION).add_auth(request)
    prepared = request.prepare()
    response = botocore.httpsession.URLLib3Session().send(prepared)
    return {"status": response.status_code, "body": json.loads(response.content or b"{}")}


def history(execution_arn):
    return [event for page in sfn.get_paginator("get_execution_history").paginate(executionArn=execution_arn) for event in page["events"]]


def charge(activity_arn, amount_path):
    return {"StartAt": "Validate", "States": {
        "Validate": {"Type": "Pass", "Result": True, "ResultPath": "$.valid", "Next": "Charge"},
        "Charge": {"Type": "Task", "Resource": activity_arn, "Parameters": {"amount.$": amount_path, "card.$": "$.card"},
                   "ResultPath": "$.charge", "End": True}}}


activity_arn = sfn.create_activity(name="fix-charge")["activityArn"]
created = sfn.create_state_machine(name="fix-orders", roleArn=ROLE, publish=True,
                                   definition=json.dumps(charge(activity_arn, "$.order.amount")))
machine_arn = created["stateMachineArn"]
version_1 = created["stateMachineVersionArn"]
execution_arn = sfn.start_execution(stateMachineArn=version_1, name="order-1", input='{"order": {"total": 12}, "card": "4242"}')["executionArn"]
failed = await_status(sfn, execution_arn, "FAILED")

version_2 = sfn.update_state_machine(stateMachineArn=machine_arn, publish=True,
                                     definition=json.dumps(charge(activity_arn, "$.order.total")))["stateMachineVersionArn"]
plan = stepfold("Stepfold.GetRedrivePlan", {"executionArn": execution_arn, "ontoVersion": version_2})
unknown_version = stepfold("Stepfold.RedriveExecution", {"executionArn": execution_arn, "ontoVersion": machine_arn + ":9"})
redrive = stepfold("Stepfold.RedriveExecution", {"executionArn": execution_arn, "ontoVersion": version_2, "clientToken": "fix-1"})
task = poll_task(sfn, activity_arn, "fix-worker")
sfn.send_task_success(taskToken=task["taskToken"], output='{"charged": true}')
succeeded = await_status(sfn, execution_arn, "SUCCEEDED")
after_success = stepfold("Stepfold.RedriveExecution", {"executionArn": execution_arn, "ontoVersion": version_2})
for_execution = sfn.describe_state_machine_for_execution(executionArn=execution_arn)

second_arn = sfn.start_execution(stateMachineArn=version_2, name="order-2", input='{"order": {"total": 5}, "card": "0000"}')["executionArn"]
declined_task = poll_task(sfn, activity_arn, "fix-worker")
sfn.send_task_failure(taskToken=declined_task["taskToken"], error="Card.Invalid", cause="no card 0000")
await_status(sfn, second_arn, "FAILED")
corrected = stepfold("Stepfold.RedriveExecution", {"executionArn": second_arn, "inputMerge": '{"card": "4242"}'})
corrected_task = poll_task(sfn, activity_arn, "fix-worker")
sfn.send_task_success(taskToken=corrected_task["taskToken"], output='{"charged": true}')
await_status(sfn, second_arn, "SUCCEEDED")

extended = stepfold("AWSStepFunctions.GetExecutionHistory", {"executionArn": execution_arn, "stepfoldExtensions": True})
print(json.dumps({
    "failed": {"status": failed["status"], "error": failed.get("error"), "stateMachineVersionArn": failed.get("stateMachineVersionArn")},
    "version2": version_2, "plan": plan, "unknownVersion": unknown_version, "redrive": redrive,
    "succeeded": {"status": succeeded["status"], "stateMachineVersionArn": succeeded.get("stateMachineVersionArn")},
    "afterSuccess": after_success, "definitionForExecution": json.loads(for_execution["definition"]),
    "taskInputs": [json.loads(task["input"]), json.loads(declined_task["input"]), json.loads(corrected_task["input"])],
    "corrected": corrected, "history": history(execution_arn), "extendedHistory": extended,
}, default=str))
