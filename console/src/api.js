// The console speaks the server's own API: AWS JSON 1.0 on POST /, the operation in X-Amz-Target.

export class ApiError extends Error {
  constructor(type, message) {
    super(`${type}: ${message}`);
    this.type = type;
  }
}

async function call(target, body) {
  const response = await fetch('/', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': target },
    body: JSON.stringify(body ?? {}),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(answer.__type ?? `HTTP ${response.status}`, answer.message ?? response.statusText);
  }
  return answer;
}

/** An AWS Step Functions operation, e.g. sfn('DescribeExecution', {executionArn}). */
export const sfn = (operation, body) => call(`AWSStepFunctions.${operation}`, body);

/** One of stepfold's own operations: GetRedrivePlan, BulkRedrive. */
export const stepfold = (operation, body) => call(`Stepfold.${operation}`, body);

/** Every page of a paged operation, concatenated: `key` names the list in each answer. */
export async function all(operation, body, key) {
  const items = [];
  let nextToken;
  do {
    const page = await sfn(operation, { ...body, ...(nextToken ? { nextToken } : {}) });
    items.push(...(page[key] ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
}
