// Folds an execution's history into the outcome of each state, by state name (names are unique in a definition):
// every entry of a state is a run with its input, output, errors and retries; a state is coloured by its runs.

const KIND = /^(Task|Pass|Wait|Choice|Succeed|Fail|MapRun|Map|Parallel|Lambda|Activity)/;
const TASK_KINDS = new Set(['Task', 'Lambda', 'Activity']);
const MAP_KINDS = new Set(['Map', 'MapRun']);

function kindOf(type) {
  const match = KIND.exec(type);
  if (!match) return null;
  if (TASK_KINDS.has(match[1])) return 'Task';
  if (MAP_KINDS.has(match[1])) return 'Map';
  return match[1];
}

const details = (event) => {
  const key = Object.keys(event).find((k) => k.endsWith('EventDetails'));
  return key ? event[key] : {};
};

/** Order of severity when a state has several runs (Map iterations): the worst one colours it. */
const SEVERITY = ['running', 'failed', 'timed-out', 'aborted', 'caught', 'succeeded'];

function statusOf(runs) {
  for (const status of SEVERITY) {
    if (runs.some((run) => run.status === status)) return status;
  }
  return 'not-run';
}

export function outcomes(events) {
  const byId = new Map(events.map((event) => [event.id, event]));
  const runsByEntry = new Map();
  const runsByName = new Map();

  // the run an event belongs to: the nearest earlier entry of a state of the same kind, along previousEventId
  const runOf = (event) => {
    const kind = kindOf(event.type);
    if (!kind) return null;
    let id = event.previousEventId;
    for (let hops = 0; id && hops < 100000; hops++) {
      const run = runsByEntry.get(id);
      if (run && run.kind === kind) return run;
      id = byId.get(id)?.previousEventId;
    }
    return null;
  };
  const running = () => [...runsByEntry.values()].filter((run) => run.status === 'running');

  for (const event of events) {
    const type = event.type;
    const d = details(event);
    if (type.endsWith('StateEntered')) {
      const run = { name: d.name, kind: kindOf(type), enteredEventId: event.id, input: d.input, status: 'running',
        scheduled: 0, errors: [], pendingFailure: false, superseded: false,
        iterations: { started: 0, succeeded: 0, failed: 0, aborted: 0, failedIndexes: [] } };
      runsByEntry.set(event.id, run);
      if (!runsByName.has(d.name)) runsByName.set(d.name, []);
      runsByName.get(d.name).push(run);
      continue;
    }
    if (type === 'ExecutionRedriven') {
      for (const run of runsByEntry.values()) {
        if (run.status !== 'succeeded' && run.status !== 'caught') run.superseded = true;
      }
      continue;
    }
    if (type === 'ExecutionFailed' || type === 'ExecutionAborted' || type === 'ExecutionTimedOut') {
      // a Fail state fails the execution without leaving; whatever else still ran ends with the execution
      for (const run of running()) {
        run.status = type === 'ExecutionFailed' && run.kind === 'Fail' ? 'failed' : type === 'ExecutionTimedOut' ? 'timed-out' : 'aborted';
        if (run.status === 'failed') run.errors.push({ eventId: event.id, type, error: d.error, cause: d.cause });
      }
      continue;
    }
    let run = runOf(event);
    if (!run) continue;
    if (type.endsWith('StateExited')) {
      run.output = d.output;
      run.status = run.pendingFailure ? 'caught' : 'succeeded';
    } else if (type.endsWith('StateAborted')) {
      // an abort names no state: it is the run it follows, or, when that one has ended (failed), another that runs
      const aborted = run.status === 'running' ? run : running().find((other) => other.kind === run.kind);
      if (aborted) aborted.status = 'aborted';
    } else if (type.startsWith('MapIteration')) {
      const outcome = type.slice('MapIteration'.length).toLowerCase();
      if (outcome in run.iterations) run.iterations[outcome] += 1;
      if (outcome === 'failed') run.iterations.failedIndexes.push(d.index);
    } else if (/Scheduled$/.test(type)) {
      run.scheduled += 1;
      run.pendingFailure = false;
    } else if (/(Failed|TimedOut)$/.test(type)) {
      run.errors.push({ eventId: event.id, type, error: d.error, cause: d.cause });
      run.pendingFailure = true;
      run.status = type.endsWith('TimedOut') ? 'timed-out' : 'failed';
    } else if (/Succeeded$/.test(type) && run.status === 'failed' && TASK_KINDS.has(kindOf(type))) {
      run.pendingFailure = false;
    }
  }

  const result = new Map();
  for (const [name, runs] of runsByName) {
    const current = runs.filter((run) => !run.superseded);
    const shown = current.length ? current : runs;
    for (const run of runs) run.retries = Math.max(0, run.scheduled - 1);
    result.set(name, { status: statusOf(shown), runs, current: shown, redriven: current.length < runs.length });
  }
  return result;
}

/** The state each event belongs to (for the history table's Step column). */
export function stepNames(events) {
  const byId = new Map(events.map((event) => [event.id, event]));
  const names = new Map();
  for (const event of events) {
    if (event.type.endsWith('StateEntered')) {
      names.set(event.id, details(event).name);
      continue;
    }
    const kind = kindOf(event.type);
    let id = event.previousEventId;
    for (let hops = 0; kind && id && hops < 100000; hops++) {
      const before = byId.get(id);
      if (before && before.type.endsWith('StateEntered') && kindOf(before.type) === kind) {
        names.set(event.id, details(before).name);
        break;
      }
      id = before?.previousEventId;
    }
  }
  return names;
}

export { details };
