// SigV4 with @aws-sdk/client-sfn: the configured credentials pass; a wrong secret, a wrong region, a wrong service name
// and a signature from 20 minutes ago are refused. Each case is ListStateMachines signed by the SDK's own signer, with
// the client options a user has for it: credentials, region, signingName, systemClockOffset (and one attempt, so that
// the SDK's clock-skew correction does not retry). Prints one JSON document: for each case "ok", or the HTTP status and
// the error name and message the SDK read.
import { ListStateMachinesCommand, SFNClient } from "@aws-sdk/client-sfn";

const credentials = { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY };

async function outcome(options) {
  const sfn = new SFNClient({ endpoint: process.env.STEPFOLD_ENDPOINT, maxAttempts: 1, credentials, ...options });
  try {
    await sfn.send(new ListStateMachinesCommand({}));
    return "ok";
  } catch (e) {
    return { status: e.$metadata?.httpStatusCode ?? null, code: e.name, message: e.message };
  } finally {
    sfn.destroy();
  }
}

console.log(JSON.stringify({
  right: await outcome({}),
  wrongSecret: await outcome({ credentials: { ...credentials, secretAccessKey: `${credentials.secretAccessKey}x` } }),
  wrongRegion: await outcome({ region: "eu-west-1" }),
  wrongService: await outcome({ signingName: "lambda" }),
  expired: await outcome({ systemClockOffset: -20 * 60 * 1000 }),
  rightAgain: await outcome({}),
}));
