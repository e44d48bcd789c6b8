"""An AWS CLI plugin for the SigV4 tests: makes the CLI sign for another service name (STEPFOLD_SIGNING_NAME) or with
a clock that is off by STEPFOLD_CLOCK_OFFSET_MINUTES, through the CLI's own hooks; without those variables it does
nothing."""
import datetime
import os

import botocore.auth


def awscli_initialize(cli):
    offset = os.environ.get("STEPFOLD_CLOCK_OFFSET_MINUTES")
    if offset:
        now = botocore.auth.get_current_datetime
        botocore.auth.get_current_datetime = lambda: now() + datetime.timedelta(minutes=int(offset))
    service = os.environ.get("STEPFOLD_SIGNING_NAME")
    if service:
        def sign_for(request, **kwargs):
            request.context.setdefault("signing", {})["signing_name"] = service
        cli.register("before-sign.sfn", sign_for)
