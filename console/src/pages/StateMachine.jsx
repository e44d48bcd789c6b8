import { useState } from 'react';
import { all, sfn } from '../api.js';
import { date } from '../format.js';
import { usePoll } from '../hooks.js';
import { Failure, Fields, Json, Tabs } from '../components/common.jsx';
import ExecutionList from '../components/ExecutionList.jsx';
import BulkRedrive from '../components/BulkRedrive.jsx';

async function load(arn) {
  const [machine, versions, aliases] = await Promise.all([
    sfn('DescribeStateMachine', { stateMachineArn: arn }),
    all('ListStateMachineVersions', { stateMachineArn: arn, maxResults: 1000 }, 'stateMachineVersions'),
    all('ListStateMachineAliases', { stateMachineArn: arn, maxResults: 1000 }, 'stateMachineAliases'),
  ]);
  const described = await Promise.all(aliases.map((alias) => sfn('DescribeStateMachineAlias', { stateMachineAliasArn: alias.stateMachineAliasArn })));
  return { machine, versions, aliases: described };
}

export default function StateMachine({ arn }) {
  const { data, error } = usePoll(() => load(arn), [arn]);
  const [bulk, setBulk] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  if (!data) return <section><Failure error={error} /></section>;
  const { machine, versions, aliases } = data;
  return (
    <section>
      <h1>{machine.name}</h1>
      <Fields rows={[['ARN', machine.stateMachineArn], ['Type', machine.type], ['Status', machine.status],
        ['Created', date(machine.creationDate)], ['Role', machine.roleArn], ['Revision', machine.revisionId]]} />
      <Tabs tabs={[
        ['Executions', (
          <div key="executions">
            <div className="actions">
              <button onClick={() => setBulk(true)}>Bulk redrive…</button>
            </div>
            <ExecutionList stateMachineArn={arn} refreshKey={refreshKey} />
          </div>
        )],
        [`Versions (${versions.length})`, (
          <table key="versions">
            <thead><tr><th>Version</th><th>Created</th></tr></thead>
            <tbody>{versions.map((v) => (
              <tr key={v.stateMachineVersionArn}><td>{v.stateMachineVersionArn.split(':').at(-1)}</td><td>{date(v.creationDate)}</td></tr>
            ))}
            {versions.length === 0 && <tr><td colSpan={2} className="empty">No versions published.</td></tr>}</tbody>
          </table>
        )],
        [`Aliases (${aliases.length})`, (
          <table key="aliases">
            <thead><tr><th>Alias</th><th>Routes to</th><th>Description</th><th>Created</th></tr></thead>
            <tbody>{aliases.map((a) => (
              <tr key={a.stateMachineAliasArn}>
                <td>{a.name}</td>
                <td>{a.routingConfiguration.map((r) => `version ${r.stateMachineVersionArn.split(':').at(-1)}: ${r.weight}%`).join(', ')}</td>
                <td>{a.description}</td>
                <td>{date(a.creationDate)}</td>
              </tr>
            ))}
            {aliases.length === 0 && <tr><td colSpan={4} className="empty">No aliases.</td></tr>}</tbody>
          </table>
        )],
        ['Definition', <Json key="definition" value={machine.definition} />],
      ]} />
      {bulk && <BulkRedrive stateMachineArn={arn} onClose={() => setBulk(false)} onDone={() => setRefreshKey((k) => k + 1)} />}
    </section>
  );
}
