"""A Parallel whose branch fails on an activity, redriven once its worker is fixed, all through boto3.

The endpoint comes from STEPFOLD_ENDPOINT and the credentials and region from the usual AWS variables. The worker is
written here too: it polls GetActivityTask and answers SendTaskFailure the first time, SendTaskSuccess after the fix.
Prints one line of JSON: the execution as DescribeExecution saw it failed and succeeded, RedriveExecution's answer and
the history.
"""
import json
import os
import sys

import boto3
from botocore.config import Config

from boto3_waits import await_status, poll_task

ROLE = "arn:aws:iam::123456789012:role/stepfold"
WORKER = "boto3-worker"

name = sys.argv[1] if len(sys.argv) > 1 else "boto3"
sfn = boto3.client("stepfunctions", endpoint_url=os.environ["STEPFOLD_ENDPOINT"],
                   config=Config(read_timeout=70, retries={"mode": "standard", "max_attempts": 1}))


activity_arn = sfn.create_activity(name=f"{name}-work")["activityArn"]
definition = {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": True, "Branches": [
    {"StartAt": "Quick", "States": {"Quick": {"Type": "Pass", "Result": "quick", "End": True}}},
    {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": activity_arn, "End": True}}}]}}}
machine_arn = sfn.create_state_machine(name=name, roleArn=ROLE, definition=json.dumps(definition))["stateMachineArn"]
execution_arn = sfn.start_execution(stateMachineArn=machine_arn, name=f"{name}-1", input='{"order": 7}')["executionArn"]

task = poll_task(sfn, activity_arn, WORKER)
sfn.send_task_failure(taskToken=task["taskToken"], error="Worker.Broken", cause="the worker was broken")
failed = await_status(sfn, execution_arn, "FAILED")

redrive = sfn.redrive_execution(executionArn=execution_arn)
redrive.pop("ResponseMetadata")
task = poll_task(sfn, activity_arn, WORKER)
sfn.send_task_success(taskToken=task["taskToken"], output='{"fixed": true}')
succeeded = await_status(sfn, execution_arn, "SUCCEEDED")

events = [event for page in sfn.get_paginator("get_execution_history").paginate(executionArn=execution_arn)
          for event in page["events"]]
print(json.dumps({"executionArn": execution_arn, "failed": failed, "redrive": redrive, "succeeded": succeeded,
                  "history": {"events": events}, "worker": WORKER}, default=str))
