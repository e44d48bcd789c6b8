"""Waiting through boto3, for the scripts beside this one: for an activity task, for an execution's status."""
import time

PATIENCE_SECONDS = 60


def poll_task(sfn, activity_arn, worker):
    """The next task of the activity, polled as worker; exits when none comes within the patience."""
    deadline = time.monotonic() + PATIENCE_SECONDS
    while time.monotonic() < deadline:
        task = sfn.get_activity_task(activityArn=activity_arn, workerName=worker)
        if task.get("taskToken"):
            return task
    raise SystemExit(f"no task for {activity_arn} within {PATIENCE_SECONDS} s")


def await_status(sfn, execution_arn, status):
    """DescribeExecution once the execution has the status, without its response metadata."""
    deadline = time.monotonic() + PATIENCE_SECONDS
    while True:
        described = sfn.describe_execution(executionArn=execution_arn)
        if described["status"] == status:
            described.pop("ResponseMetadata")
            return described
        if time.monotonic() > deadline:
            raise SystemExit(f"{execution_arn} is {described['status']}, not {status}, after {PATIENCE_SECONDS} s")
        time.sleep(0.1)
