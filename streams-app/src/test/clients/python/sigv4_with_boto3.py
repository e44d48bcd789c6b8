"""SigV4 with boto3: the configured credentials pass; a wrong secret, a wrong region, a wrong service name and a
signature from 20 minutes ago are refused. Each case is ListStateMachines signed by botocore's own signer; the service
name and the clock are changed where botocore lets a user change them (the before-sign event's signing context, the
clock the signer reads). Prints one line of JSON: for each case, the HTTP status and the error code and message that
botocore read, or "ok".
"""
import datetime
import json
import os

import boto3
import botocore.auth
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = os.environ["STEPFOLD_ENDPOINT"]
KEY = os.environ["AWS_ACCESS_KEY_ID"]
SECRET = os.environ["AWS_SECRET_ACCESS_KEY"]
REGION = os.environ["AWS_DEFAULT_REGION"]


def client(secret=SECRET, region=REGION):
    return boto3.client("stepfunctions", endpoint_url=ENDPOINT, region_name=region, aws_access_key_id=KEY,
                        aws_secret_access_key=secret, config=Config(retries={"mode": "standard", "max_attempts": 1}))


def sign_for_service(service):
    def handler(request, **kwargs):
        request.context.setdefault("signing", {})["signing_name"] = service
    return handler


def outcome(sfn):
    try:
        sfn.list_state_machines()
        return "ok"
    except ClientError as e:
        return {"status": e.response["ResponseMetadata"]["HTTPStatusCode"], "code": e.response["Error"]["Code"],
                "message": e.response["Error"]["Message"]}


results = {"right": outcome(client()), "wrongSecret": outcome(client(secret=SECRET + "x")),
           "wrongRegion": outcome(client(region="eu-west-1"))}

wrong_service = client()
wrong_service.meta.events.register("before-sign.sfn.ListStateMachines", sign_for_service("lambda"))
results["wrongService"] = outcome(wrong_service)

now = botocore.auth.get_current_datetime
botocore.auth.get_current_datetime = lambda: now() - datetime.timedelta(minutes=20)
try:
    results["expired"] = outcome(client())
finally:
    botocore.auth.get_current_datetime = now
results["rightAgain"] = outcome(client())
print(json.dumps(results))
