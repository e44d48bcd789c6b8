import { sfn } from '../api.js';
import { arnName, date } from '../format.js';
import { usePoll } from '../hooks.js';
import { href } from '../router.js';
import ExecutionList from '../components/ExecutionList.jsx';
import { Failure, Fields, Status } from '../components/common.jsx';

const COUNTS = ['pending', 'running', 'succeeded', 'failed', 'timedOut', 'aborted', 'total', 'resultsWritten', 'failuresNotRedrivable', 'pendingRedrive'];

function Counts({ title, counts }) {
  return (
    <table className="counts" data-testid={`counts-${title.toLowerCase()}`}>
      <caption>{title}</caption>
      <tbody>{COUNTS.filter((key) => counts?.[key] !== undefined).map((key) => (
        <tr key={key} className={counts[key] && ['failed', 'timedOut', 'aborted'].includes(key) ? 'bad' : ''}>
          <th>{key}</th><td>{counts[key]}</td>
        </tr>
      ))}</tbody>
    </table>
  );
}

export default function MapRun({ arn }) {
  const { data: run, error } = usePoll(() => sfn('DescribeMapRun', { mapRunArn: arn }), [arn], {
    intervalMs: 2000, keepPolling: (r) => r.status === 'RUNNING',
  });
  if (!run) return <section><Failure error={error} /></section>;
  return (
    <section>
      <h1>Map Run {arnName(arn)} <Status status={run.status} /></h1>
      <Fields rows={[
        ['Execution', <a href={href('executions', run.executionArn)}>{arnName(run.executionArn)}</a>],
        ['Started', date(run.startDate)], ['Stopped', date(run.stopDate)],
        ['Max concurrency', run.maxConcurrency], ['Tolerated failures', `${run.toleratedFailureCount} or ${run.toleratedFailurePercentage}%`],
        ['Redrives', run.redriveCount ?? 0],
      ]} />
      <div className="count-row">
        <Counts title="Items" counts={run.itemCounts} />
        <Counts title="Executions" counts={run.executionCounts} />
      </div>
      <h2>Child executions</h2>
      <ExecutionList mapRunArn={arn} statuses={['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']} initialStatus="FAILED" />
    </section>
  );
}
