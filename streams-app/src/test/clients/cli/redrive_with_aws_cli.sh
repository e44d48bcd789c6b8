#!/usr/bin/env bash
# A Parallel whose branch fails on an activity, redriven once its worker is fixed, all through the AWS CLI.
# The endpoint comes from STEPFOLD_ENDPOINT and the credentials and region from the usual AWS variables. The worker is
# written here too: it polls get-activity-task and answers send-task-failure the first time, send-task-success after
# the fix. Prints one JSON document: the execution as describe-execution saw it failed and succeeded,
# redrive-execution's answer and the history.
set -euo pipefail
name="${1:-cli}"
worker="aws-cli-worker"
patience=60
export AWS_RETRY_MODE=standard AWS_MAX_ATTEMPTS=1

sfn() {
  aws stepfunctions --endpoint-url "$STEPFOLD_ENDPOINT" --cli-read-timeout 70 --output json "$@"
}

poll_task() {
  local deadline=$((SECONDS + patience)) token
  while ((SECONDS < deadline)); do
    token="$(sfn get-activity-task --activity-arn "$1" --worker-name "$worker" --query taskToken --output text)"
    if [[ -n "$token" && "$token" != "None" ]]; then
      echo "$token"
      return
    fi
  done
  echo "no task for $1 within $patience s" >&2
  exit 1
}

await_status() {
  local deadline=$((SECONDS + patience)) status
  while true; do
    status="$(sfn describe-execution --execution-arn "$1" --query status --output text)"
    [[ "$status" == "$2" ]] && break
    if ((SECONDS > deadline)); then
      echo "$1 is $status, not $2, after $patience s" >&2
      exit 1
    fi
    sleep 0.1
  done
  sfn describe-execution --execution-arn "$1"
}

activity="$(sfn create-activity --name "$name-work" --query activityArn --output text)"
definition='{"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
  {"StartAt": "Quick", "States": {"Quick": {"Type": "Pass", "Result": "quick", "End": true}}},
  {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "'"$activity"'", "End": true}}}]}}}'
machine="$(sfn create-state-machine --name "$name" --role-arn arn:aws:iam::123456789012:role/stepfold \
  --definition "$definition" --query stateMachineArn --output text)"
execution="$(sfn start-execution --state-machine-arn "$machine" --name "$name-1" --input '{"order": 7}' \
  --query executionArn --output text)"

sfn send-task-failure --task-token "$(poll_task "$activity")" --error Worker.Broken --cause "the worker was broken" >/dev/null
failed="$(await_status "$execution" FAILED)"

redrive="$(sfn redrive-execution --execution-arn "$execution")"
sfn send-task-success --task-token "$(poll_task "$activity")" --task-output '{"fixed": true}' >/dev/null
succeeded="$(await_status "$execution" SUCCEEDED)"

history="$(sfn get-execution-history --execution-arn "$execution")"
printf '{"executionArn": "%s", "worker": "%s",\n"failed": %s,\n"redrive": %s,\n"succeeded": %s,\n"history": %s}\n' \
  "$execution" "$worker" "$failed" "$redrive" "$succeeded" "$history"
