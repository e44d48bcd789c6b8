import { useMemo, useState } from 'react';
import { all, sfn } from '../api.js';
import { arnName, date, duration, CLOSED_REDRIVABLE } from '../format.js';
import { usePoll } from '../hooks.js';
import { href } from '../router.js';
import { outcomes } from '../graph/outcomes.js';
import Graph from '../graph/Graph.jsx';
import HistoryTable from '../components/HistoryTable.jsx';
import StatePanel from '../components/StatePanel.jsx';
import RedrivePlan from '../components/RedrivePlan.jsx';
import { Failure, Fields, Json, Status, Tabs } from '../components/common.jsx';

async function load(executionArn) {
  const [execution, forExecution, events, mapRuns] = await Promise.all([
    sfn('DescribeExecution', { executionArn }),
    sfn('DescribeStateMachineForExecution', { executionArn }),
    all('GetExecutionHistory', { executionArn, maxResults: 1000, includeExecutionData: true }, 'events'),
    all('ListMapRuns', { executionArn, maxResults: 1000 }, 'mapRuns'),
  ]);
  return { execution, definition: JSON.parse(forExecution.definition), events, mapRuns };
}

/** Finds a state's definition anywhere in the definition, nested scopes included. */
function findState(scope, name) {
  for (const [stateName, state] of Object.entries(scope?.States ?? {})) {
    if (stateName === name) return state;
    const inner = [...(state.Branches ?? []), state.ItemProcessor ?? state.Iterator].filter(Boolean);
    for (const child of inner) {
      const found = findState(child, name);
      if (found) return found;
    }
  }
  return null;
}

export default function Execution({ arn }) {
  const { data, error, reload } = usePoll(() => load(arn), [arn], {
    keepPolling: ({ execution }) => execution.status === 'RUNNING' || execution.status === 'PENDING_REDRIVE',
  });
  const [selected, setSelected] = useState(null);
  const [planOpen, setPlanOpen] = useState(false);
  const byState = useMemo(() => (data ? outcomes(data.events) : new Map()), [data]);
  if (!data) return <section><Failure error={error} /></section>;
  const { execution, definition, events, mapRuns } = data;
  const stateMachineArn = execution.stateMachineArn;
  const redrivable = CLOSED_REDRIVABLE.includes(execution.status);
  return (
    <section>
      <div className="title-row">
        <h1>{execution.name} <Status status={execution.status} /></h1>
        <div className="actions">
          <button className="primary" disabled={!redrivable} onClick={() => setPlanOpen(true)}>Redrive</button>
        </div>
      </div>
      <Failure error={error} />
      <Fields rows={[
        ['State machine', <a href={href('state-machines', stateMachineArn)}>{arnName(stateMachineArn)}</a>],
        ['Version', execution.stateMachineVersionArn], ['Alias', execution.stateMachineAliasArn],
        ['Started', date(execution.startDate)], ['Stopped', date(execution.stopDate)],
        ['Duration', duration(execution.startDate, execution.stopDate)],
        ['Redrives', execution.redriveCount ? `${execution.redriveCount} (last ${date(execution.redriveDate)})` : '0'],
        ['Redrive status', execution.redriveStatus && `${execution.redriveStatus}${execution.redriveStatusReason ? `: ${execution.redriveStatusReason}` : ''}`],
        ['Error', execution.error], ['Cause', execution.cause],
        ['Map Run', execution.mapRunArn && <a href={href('map-runs', execution.mapRunArn)}>{arnName(execution.mapRunArn)}</a>],
      ]} />
      <div className="execution-view">
        <Graph definition={definition} outcomes={byState} selected={selected} onSelect={setSelected} />
        <StatePanel name={selected} definition={selected && findState(definition, selected)} outcome={byState.get(selected)} mapRuns={mapRuns} />
      </div>
      <Tabs tabs={[
        [`History (${events.length} events)`, <HistoryTable key="history" events={events} />],
        ['Input and output', (
          <div key="io" className="io"><Json label="Input" value={execution.input} /><Json label="Output" value={execution.output} /></div>
        )],
        [`Map Runs (${mapRuns.length})`, (
          <ul key="map-runs">{mapRuns.map((run) => (
            <li key={run.mapRunArn}><a href={href('map-runs', run.mapRunArn)}>{arnName(run.mapRunArn)}</a> started {date(run.startDate)}</li>
          ))}{mapRuns.length === 0 && <li className="empty">This execution started no Map Run.</li>}</ul>
        )],
      ]} />
      {planOpen && (
        <RedrivePlan executionArn={arn} onClose={() => setPlanOpen(false)} onRedriven={() => { setPlanOpen(false); reload(); }} />
      )}
    </section>
  );
}
