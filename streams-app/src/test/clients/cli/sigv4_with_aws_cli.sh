#!/usr/bin/env bash
# SigV4 with the AWS CLI: the configured credentials pass; a wrong secret, a wrong region, a wrong service name and a
# signature from 20 minutes ago are refused. Each case is `aws stepfunctions list-state-machines`; the service name and
# the clock are changed by the plugin stepfold_signing_test.py beside this script, loaded the way the CLI loads plugins.
# Prints one JSON document: for each case "ok", or the HTTP status and the error code and message the CLI reported.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
config="$(mktemp)"
trap 'rm -f "$config"' EXIT
if aws --version 2>&1 | grep -q '^aws-cli/1\.'; then
  printf '[plugins]\nstepfold_signing = stepfold_signing_test\n' >"$config"
  export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
else
  printf '[plugins]\ncli_legacy_plugin_path = %s\nstepfold_signing = stepfold_signing_test\n' "$here" >"$config"
fi
export AWS_CONFIG_FILE="$config" AWS_RETRY_MODE=standard AWS_MAX_ATTEMPTS=1

# One case: "ok" when the call passed, else {"status", "code", "message"} from the CLI's report and its debug log.
outcome() {
  local err
  err="$(mktemp)"
  if aws stepfunctions list-state-machines --endpoint-url "$STEPFOLD_ENDPOINT" --debug "$@" >/dev/null 2>"$err"; then
    echo '"ok"'
  else
    python3 - "$err" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
error = re.search(r"An error occurred \(([^)]*)\) when calling the \w+ operation(?: \(reached max retries: \d+\))?: (.*)", text)
status = re.findall(r'"POST / HTTP/1\.1" (\d{3})', text)
print(json.dumps({"status": int(status[-1]) if status else None, "code": error and error.group(1),
                  "message": error and error.group(2).strip()}))
PY
  fi
  rm -f "$err"
}

right="$(outcome)"
wrong_secret="$(AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY}x" outcome)"
wrong_region="$(outcome --region eu-west-1)"
wrong_service="$(STEPFOLD_SIGNING_NAME=lambda outcome)"
expired="$(STEPFOLD_CLOCK_OFFSET_MINUTES=-20 outcome)"
right_again="$(outcome)"
printf '{"right": %s, "wrongSecret": %s, "wrongRegion": %s, "wrongService": %s, "expired": %s, "rightAgain": %s}\n' \
  "$right" "$wrong_secret" "$wrong_region" "$wrong_service" "$expired" "$right_again"
