// A Parallel whose branch fails on an activity, redriven once its worker is fixed, all through @aws-sdk/client-sfn.
// The endpoint comes from STEPFOLD_ENDPOINT and the credentials and region from the usual AWS variables. The worker is
// written here too: it polls GetActivityTask and answers SendTaskFailure the first time, SendTaskSuccess after the fix.
// Prints one JSON document: the execution as DescribeExecution saw it failed and succeeded, RedriveExecution's answer
// and the history.
import {
  CreateActivityCommand, CreateStateMachineCommand, DescribeExecutionCommand, GetActivityTaskCommand, RedriveExecutionCommand,
  SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient, StartExecutionCommand, paginateGetExecutionHistory,
} from "@aws-sdk/client-sfn";

const ROLE = "arn:aws:iam::123456789012:role/stepfold";
const WORKER = "js-worker";
const PATIENCE_MS = 60_000;
const name = process.argv[2] ?? "js";
const sfn = new SFNClient({ endpoint: process.env.STEPFOLD_ENDPOINT, maxAttempts: 1 });

async function pollTask(activityArn) {
  const deadline = Date.now() + PATIENCE_MS;
  while (Date.now() < deadline) {
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: WORKER }));
    if (task.taskToken) {
      return task;
    }
  }
  throw new Error(`no task for ${activityArn} within ${PATIENCE_MS} ms`);
}

async function awaitStatus(executionArn, status) {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    const { $metadata, ...described } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status === status) {
      return described;
    }
    if (Date.now() > deadline) {
      throw new Error(`${executionArn} is ${described.status}, not ${status}, after ${PATIENCE_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const { activityArn } = await sfn.send(new CreateActivityCommand({ name: `${name}-work` }));
const definition = {
  StartAt: "Both",
  States: {
    Both: {
      Type: "Parallel", End: true, Branches: [
        { StartAt: "Quick", States: { Quick: { Type: "Pass", Result: "quick", End: true } } },
        { StartAt: "Work", States: { Work: { Type: "Task", Resource: activityArn, End: true } } }],
    },
  },
};
const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name, roleArn: ROLE, definition: JSON.stringify(definition) }));
const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: `${name}-1`, input: '{"order": 7}' }));

let task = await pollTask(activityArn);
await sfn.send(new SendTaskFailureCommand({ taskToken: task.taskToken, error: "Worker.Broken", cause: "the worker was broken" }));
const failed = await awaitStatus(executionArn, "FAILED");

const { $metadata, ...redrive } = await sfn.send(new RedriveExecutionCommand({ executionArn }));
task = await pollTask(activityArn);
await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{"fixed": true}' }));
const succeeded = await awaitStatus(executionArn, "SUCCEEDED");

const events = [];
for await (const page of paginateGetExecutionHistory({ client: sfn }, { executionArn })) {
  events.push(...page.events);
}
console.log(JSON.stringify({ executionArn, worker: WORKER, failed, redrive, succeeded, history: { events } }));
