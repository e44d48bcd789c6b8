import { useState } from 'react';
import { ApiError, all, stepfold } from '../api.js';
import { arnName, date, CLOSED_REDRIVABLE } from '../format.js';
import { href } from '../router.js';
import { Failure, Modal } from './common.jsx';

const toMillis = (local) => (local ? new Date(local).getTime() : undefined);

/** The executions the filter may match, as ListExecutions shows them (the error is only known to the server). */
async function candidates(stateMachineArn, filter) {
  const lists = await Promise.all(filter.statuses.map((status) => all('ListExecutions', { stateMachineArn, statusFilter: status, maxResults: 1000 }, 'executions')));
  const after = toMillis(filter.closedAfter);
  const before = toMillis(filter.closedBefore);
  return lists.flat().filter((e) => (after == null || e.stopDate * 1000 >= after) && (before == null || e.stopDate * 1000 < before)
    && (filter.redriveCountBelow === '' || (e.redriveCount ?? 0) < Number(filter.redriveCountBelow)));
}

/** Redriven so far: candidates whose redrive count went up since the request was sent. */
async function progress(stateMachineArn, before) {
  const now = await all('ListExecutions', { stateMachineArn, redriveFilter: 'REDRIVEN', maxResults: 1000 }, 'executions');
  return now.filter((e) => before.has(e.executionArn) && (e.redriveCount ?? 0) > before.get(e.executionArn)).length;
}

/** Stepfold.BulkRedrive; a report that takes longer than the server's reply timeout is asked for again with the same token. */
async function bulkRedrive(request) {
  for (;;) {
    try {
      return await stepfold('BulkRedrive', request);
    } catch (error) {
      if (!(error instanceof ApiError && error.type === 'ServiceUnavailable')) throw error;
    }
  }
}

export default function BulkRedrive({ stateMachineArn, onClose, onDone }) {
  const [filter, setFilter] = useState({ statuses: ['FAILED'], error: '', closedAfter: '', closedBefore: '', redriveCountBelow: '', maxPerSecond: 100 });
  const [phase, setPhase] = useState({ name: 'edit' });
  const set = (key) => (e) => setFilter({ ...filter, [key]: e.target.value });
  const toggle = (status) => setFilter({
    ...filter,
    statuses: filter.statuses.includes(status) ? filter.statuses.filter((s) => s !== status) : [...filter.statuses, status],
  });

  const start = async () => {
    try {
      const found = await candidates(stateMachineArn, filter);
      const before = new Map(found.map((e) => [e.executionArn, e.redriveCount ?? 0]));
      setPhase({ name: 'running', total: found.length, done: 0 });
      let finished = false;
      const watch = async () => {
        while (!finished) {
          const done = await progress(stateMachineArn, before).catch(() => null);
          if (!finished && done != null) setPhase((p) => (p.name === 'running' ? { ...p, done } : p));
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      };
      watch();
      const report = await bulkRedrive({
        stateMachineArn,
        ...(filter.statuses.length ? { statuses: filter.statuses } : {}),
        ...(filter.error ? { error: filter.error } : {}),
        ...(filter.closedAfter ? { closedAfter: Math.floor(toMillis(filter.closedAfter) / 1000) } : {}),
        ...(filter.closedBefore ? { closedBefore: Math.floor(toMillis(filter.closedBefore) / 1000) } : {}),
        ...(filter.redriveCountBelow !== '' ? { redriveCountBelow: Number(filter.redriveCountBelow) } : {}),
        maxPerSecond: Number(filter.maxPerSecond),
        clientToken: crypto.randomUUID(),
      }).finally(() => { finished = true; });
      setPhase({ name: 'report', report, total: found.length });
      onDone();
    } catch (error) {
      setPhase({ name: 'edit', error });
    }
  };

  return (
    <Modal title="Bulk redrive" onClose={onClose}>
      {phase.name === 'edit' && (
        <div className="bulk-form">
          <p>Redrives every redrivable execution of <b>{arnName(stateMachineArn)}</b> that matches:</p>
          <div className="filters">
            <span>Status {CLOSED_REDRIVABLE.map((status) => (
              <label key={status} className="check">
                <input type="checkbox" checked={filter.statuses.includes(status)} onChange={() => toggle(status)} />{status}
              </label>
            ))}</span>
            <label>Error <input value={filter.error} onChange={set('error')} placeholder="any" aria-label="Error" /></label>
            <label>Closed from <input type="datetime-local" value={filter.closedAfter} onChange={set('closedAfter')} /></label>
            <label>to <input type="datetime-local" value={filter.closedBefore} onChange={set('closedBefore')} /></label>
            <label>Redriven fewer than <input type="number" min="1" value={filter.redriveCountBelow} onChange={set('redriveCountBelow')} placeholder="any" /> times</label>
            <label>At most <input type="number" min="1" value={filter.maxPerSecond} onChange={set('maxPerSecond')} aria-label="At most" /> a second</label>
          </div>
          <Failure error={phase.error} />
          <div className="actions"><button className="primary" onClick={start}>Start bulk redrive</button></div>
        </div>
      )}
      {phase.name === 'running' && (
        <div data-testid="bulk-progress">
          <p>Redriving… {phase.done} of up to {phase.total}</p>
          <progress max={Math.max(1, phase.total)} value={phase.done} />
        </div>
      )}
      {phase.name === 'report' && (
        <div data-testid="bulk-report">
          <p><b>{phase.report.redriven.length}</b> redriven, <b>{phase.report.skipped.length}</b> skipped.</p>
          <progress max={Math.max(1, phase.total)} value={Math.max(1, phase.total)} />
          {phase.report.redriven.length > 0 && (
            <table>
              <thead><tr><th>Redriven</th><th>Redrive count</th><th>At</th></tr></thead>
              <tbody>{phase.report.redriven.map((r) => (
                <tr key={r.executionArn}><td><a href={href('executions', r.executionArn)}>{arnName(r.executionArn)}</a></td>
                  <td>{r.redriveCount}</td><td>{date(r.redriveDate)}</td></tr>
              ))}</tbody>
            </table>
          )}
          {phase.report.skipped.length > 0 && (
            <table>
              <thead><tr><th>Skipped</th><th>Why</th></tr></thead>
              <tbody>{phase.report.skipped.map((s) => (
                <tr key={s.executionArn}><td><a href={href('executions', s.executionArn)}>{arnName(s.executionArn)}</a></td><td>{s.reason}</td></tr>
              ))}</tbody>
            </table>
          )}
          <div className="actions"><button onClick={onClose}>Close</button></div>
        </div>
      )}
    </Modal>
  );
}
