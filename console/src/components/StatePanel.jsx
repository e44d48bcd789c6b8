import { STATUS_LABELS } from '../graph/Graph.jsx';
import { href } from '../router.js';
import { Json } from './common.jsx';

/** What the selected state did: each of its runs (one per entry: Map iterations, redrives) with input, output, errors, retries. */
export default function StatePanel({ name, definition, outcome, mapRuns }) {
  if (!name) return <aside className="state-panel"><p className="empty">Click a state to see its input, output, error and retries.</p></aside>;
  const runs = outcome?.runs ?? [];
  return (
    <aside className="state-panel" data-testid="state-panel">
      <h2>{name}</h2>
      <p><span className={`swatch ${outcome?.status ?? 'not-run'}`}>{STATUS_LABELS[outcome?.status ?? 'not-run']}</span>
        {' '}{definition?.Type}{runs.length > 1 ? ` · ran ${runs.length} times` : ''}</p>
      {definition?.Type === 'Map' && mapRuns.map((run) => (
        <p key={run.mapRunArn}><a href={href('map-runs', run.mapRunArn)}>Map Run {run.mapRunArn.split(':').at(-1)}</a></p>
      ))}
      {runs.length === 0 && <p className="empty">Not entered.</p>}
      {runs.map((run) => (
        <div key={run.enteredEventId} className={`run ${run.status}`}>
          <div className="run-title">
            Entered at event {run.enteredEventId}: <b>{STATUS_LABELS[run.status]}</b>
            {run.superseded ? ' (before the redrive)' : ''}
            {run.retries > 0 ? ` · ${run.retries} ${run.retries === 1 ? 'retry' : 'retries'}` : ''}
          </div>
          {run.iterations.started > 0 && (
            <div>Iterations: {run.iterations.started} started, {run.iterations.succeeded} succeeded, {run.iterations.failed} failed
              {run.iterations.failedIndexes.length > 0 ? ` (index ${run.iterations.failedIndexes.join(', ')})` : ''}, {run.iterations.aborted} aborted</div>
          )}
          <Json label="Input" value={run.input} />
          <Json label="Output" value={run.output} />
          {run.errors.map((error) => (
            <div key={error.eventId} className="error">
              <div className="json-label">{error.type} (event {error.eventId})</div>
              <div><b>{error.error}</b></div>
              {error.cause && <pre>{error.cause}</pre>}
            </div>
          ))}
        </div>
      ))}
    </aside>
  );
}
