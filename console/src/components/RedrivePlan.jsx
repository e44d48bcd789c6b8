import { useState } from 'react';
import { sfn, stepfold } from '../api.js';
import { arnName } from '../format.js';
import { usePoll } from '../hooks.js';
import { href } from '../router.js';
import { Failure, Json, Modal } from './common.jsx';

function Rerun({ rerun }) {
  return (
    <li className="rerun">
      <div><b>{rerun.stateName}</b> ({rerun.stateType}) runs again</div>
      <Json label="with input" value={rerun.input} />
      {rerun.branches?.length > 0 && (
        <ul>
          {rerun.branches.map((branch) => (
            <li key={branch.index}>
              {rerun.stateType === 'Map' ? 'iteration' : 'branch'} {branch.index}:{' '}
              {branch.keepsResult ? 'keeps its result' : branch.fromStart ? 'runs from its start' : 'runs again from its unsuccessful state'}
              {branch.rerun && <ul>{[].concat(branch.rerun).map((inner, i) => <Rerun key={i} rerun={inner} />)}</ul>}
            </li>
          ))}
        </ul>
      )}
      {rerun.mapRun && (
        <div className="map-run-plan">
          Map Run {rerun.mapRun.startsNewMapRun ? '(a new one)' : <a href={href('map-runs', rerun.mapRun.mapRunArn)}>{arnName(rerun.mapRun.mapRunArn)}</a>}:
          {' '}{rerun.mapRun.children.length} child executions
          <ul>{rerun.mapRun.children.map((child) => (
            <li key={child.index}>item {child.index}: {child.redriven ? 'redriven' : 'started again'}{' '}
              {child.executionArn && <a href={href('executions', child.executionArn)}>{arnName(child.executionArn)}</a>}</li>
          ))}</ul>
        </div>
      )}
    </li>
  );
}

/** Stepfold.GetRedrivePlan first: what a redrive would run again now; then RedriveExecution on confirmation. */
export default function RedrivePlan({ executionArn, onClose, onRedriven }) {
  const { data: plan, error } = usePoll(() => stepfold('GetRedrivePlan', { executionArn }), [executionArn]);
  const [redriving, setRedriving] = useState(false);
  const [failure, setFailure] = useState(null);
  const redrive = async () => {
    setRedriving(true);
    try {
      await sfn('RedriveExecution', { executionArn, clientToken: crypto.randomUUID() });
      onRedriven();
    } catch (e) {
      setFailure(e);
      setRedriving(false);
    }
  };
  return (
    <Modal title="Redrive plan" onClose={onClose}>
      <div data-testid="redrive-plan">
        <Failure error={error ?? failure} />
        {!plan && !error && <p>Reading the plan…</p>}
        {plan && !plan.redrivable && <p className="failure">Not redrivable: {plan.notRedrivableReason}</p>}
        {plan && plan.redrivable && (
          <>
            <p>A redrive now runs again:</p>
            <ul className="plan">{plan.reruns.map((rerun, i) => <Rerun key={i} rerun={rerun} />)}</ul>
          </>
        )}
        <div className="actions">
          <button onClick={onClose}>Cancel</button>
          <button className="primary" disabled={!plan?.redrivable || redriving} onClick={redrive}>
            {redriving ? 'Redriving…' : 'Redrive'}
          </button>
        </div>
      </div>
    </Modal>
  );
}
