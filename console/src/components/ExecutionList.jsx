import { useState } from 'react';
import { sfn } from '../api.js';
import { arnName, date, duration } from '../format.js';
import { usePoll } from '../hooks.js';
import { href } from '../router.js';
import { Failure, Status } from './common.jsx';

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];
const PAGE_SIZE = 20;

const toSeconds = (local) => (local ? new Date(local).getTime() / 1000 : null);

/**
 * One page of executions that pass the filters. Status and redriven are ListExecutions' own filters; the name prefix
 * and time window (on the start date) are applied here, reading the server's pages (newest first) until a page is full.
 */
async function loadPage({ stateMachineArn, mapRunArn, filters, token }) {
  const from = toSeconds(filters.from);
  const to = toSeconds(filters.to);
  const matches = (execution) => execution.name.startsWith(filters.prefix)
    && (from == null || execution.startDate >= from) && (to == null || execution.startDate < to);
  const rows = [];
  let nextToken = token;
  do {
    const page = await sfn('ListExecutions', {
      ...(mapRunArn ? { mapRunArn } : { stateMachineArn }),
      ...(filters.status ? { statusFilter: filters.status } : {}),
      ...(filters.redriven ? { redriveFilter: filters.redriven } : {}),
      maxResults: PAGE_SIZE,
      ...(nextToken ? { nextToken } : {}),
    });
    rows.push(...page.executions.filter(matches));
    nextToken = page.nextToken;
    const oldest = page.executions.at(-1);
    if (!mapRunArn && from != null && oldest && oldest.startDate < from) nextToken = undefined;
  } while (nextToken && rows.length < PAGE_SIZE);
  return { rows, nextToken };
}

export const EMPTY_FILTERS = { status: '', redriven: '', prefix: '', from: '', to: '' };

export function ExecutionFilters({ filters, onChange, statuses = STATUSES }) {
  const set = (key) => (e) => onChange({ ...filters, [key]: e.target.value });
  return (
    <div className="filters">
      <label>Status
        <select value={filters.status} onChange={set('status')} aria-label="Status filter">
          <option value="">any</option>
          {statuses.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      {filters.redriven !== undefined && (
        <label>Redriven
          <select value={filters.redriven} onChange={set('redriven')} aria-label="Redrive filter">
            <option value="">either</option>
            <option value="REDRIVEN">redriven</option>
            <option value="NOT_REDRIVEN">not redriven</option>
          </select>
        </label>
      )}
      <label>Name starts with <input value={filters.prefix} onChange={set('prefix')} aria-label="Name prefix" /></label>
      <label>Started from <input type="datetime-local" value={filters.from} onChange={set('from')} /></label>
      <label>to <input type="datetime-local" value={filters.to} onChange={set('to')} /></label>
    </div>
  );
}

export default function ExecutionList({ stateMachineArn, mapRunArn, statuses, refreshKey, initialStatus = '' }) {
  const [filters, setFilters] = useState({ ...EMPTY_FILTERS, status: initialStatus });
  const [tokens, setTokens] = useState([undefined]);
  const token = tokens.at(-1);
  const { data, error } = usePoll(
    () => loadPage({ stateMachineArn, mapRunArn, filters, token }),
    [stateMachineArn, mapRunArn, JSON.stringify(filters), token, refreshKey],
    { intervalMs: 2000, keepPolling: (page) => page.rows.some((e) => e.status === 'RUNNING') },
  );
  const changeFilters = (next) => { setFilters(next); setTokens([undefined]); };
  return (
    <div className="executions">
      <ExecutionFilters filters={mapRunArn ? { ...filters, redriven: undefined } : filters} onChange={changeFilters} statuses={statuses} />
      <Failure error={error} />
      <table data-testid="executions">
        <thead><tr><th>Name</th><th>Status</th><th>Started</th><th>Duration</th><th>Redrives</th></tr></thead>
        <tbody>
          {data?.rows.map((execution) => (
            <tr key={execution.executionArn}>
              <td><a href={href('executions', execution.executionArn)}>{execution.name || arnName(execution.executionArn)}</a></td>
              <td><Status status={execution.status} /></td>
              <td>{date(execution.startDate)}</td>
              <td>{duration(execution.startDate, execution.stopDate)}</td>
              <td>{execution.redriveCount ?? 0}</td>
            </tr>
          ))}
          {data && data.rows.length === 0 && <tr><td colSpan={5} className="empty">No executions match.</td></tr>}
        </tbody>
      </table>
      <div className="pager">
        <button disabled={tokens.length < 2} onClick={() => setTokens(tokens.slice(0, -1))}>← Newer</button>
        <span>page {tokens.length}</span>
        <button disabled={!data?.nextToken} onClick={() => setTokens([...tokens, data.nextToken])}>Older →</button>
      </div>
    </div>
  );
}
