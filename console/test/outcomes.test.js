// The graph's colours come from outcomes(): run against the engine's golden redrive histories (as AWS recorded them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { outcomes, stepNames } from '../src/graph/outcomes.js';
import { layoutScope } from '../src/graph/layout.js';

const golden = (scenario, file) => JSON.parse(readFileSync(new URL(`../../runtime-core/src/test/resources/golden/redrive/${scenario}/${file}`, import.meta.url)));
const beforeRedrive = (events) => events.slice(0, events.findIndex((e) => e.type === 'ExecutionRedriven'));
const statuses = (events) => Object.fromEntries([...outcomes(events)].map(([name, o]) => [name, o.status]));

test('a failed inline Map iteration colours the Map and its state failed, and the aborted iteration does not hide it', () => {
  const events = beforeRedrive(golden('failed-inline-map', 'history.json'));
  assert.deepEqual(statuses(events), { EachItem: 'failed', Work: 'failed' });
  const work = outcomes(events).get('Work');
  assert.deepEqual(work.runs.map((run) => run.status), ['succeeded', 'failed', 'aborted']);
  assert.deepEqual(work.runs[1].errors.map((e) => [e.error, e.cause]), [['Item.Broken', 'item 20']]);
  assert.deepEqual(outcomes(events).get('EachItem').runs[0].iterations, { started: 3, succeeded: 1, failed: 1, aborted: 1, failedIndexes: [1] });
});

test('after the redrive the reruns colour the states, and the runs before it are kept as superseded', () => {
  const events = golden('failed-inline-map', 'history.json');
  assert.deepEqual(statuses(events), { EachItem: 'succeeded', Work: 'succeeded' });
  const work = outcomes(events).get('Work');
  assert.deepEqual(work.runs.map((run) => [run.input, run.status, run.superseded]), [
    ['10', 'succeeded', false], ['20', 'failed', true], ['30', 'aborted', true], ['20', 'succeeded', false], ['30', 'succeeded', false]]);
  assert.equal(work.redriven, true);
});

test('a failed Parallel branch colours its state failed, the other branch succeeded and the next state not run', () => {
  const events = beforeRedrive(golden('failed-parallel', 'history.json'));
  assert.deepEqual(statuses(events), { Both: 'failed', Charge: 'succeeded', Check: 'succeeded', Reserve: 'failed' });
  assert.equal(outcomes(events).has('Ship'), false);
  assert.deepEqual(statuses(golden('failed-parallel', 'history.json')),
    { Both: 'succeeded', Charge: 'succeeded', Check: 'succeeded', Reserve: 'succeeded', Ship: 'succeeded' });
});

test('every event of a state is shown with its state name', () => {
  const names = stepNames(golden('failed-parallel', 'history.json'));
  assert.equal(names.get(14), 'Reserve');
  assert.equal(names.get(16), 'Both');
  assert.equal(names.get(17), undefined);
});

test('a Parallel is laid out as a box holding its branches side by side', () => {
  const layout = layoutScope(golden('failed-parallel', 'definition.asl.json'));
  const both = layout.nodes.find((n) => n.name === 'Both');
  assert.equal(both.scopes.length, 2);
  assert.deepEqual(both.scopes.map((s) => s.layout.nodes.map((n) => n.name)), [['Charge'], ['Check', 'Reserve']]);
  assert.ok(both.scopes[1].x >= both.scopes[0].x + both.scopes[0].layout.width, 'Expected the second branch right of the first');
  const ship = layout.nodes.find((n) => n.name === 'Ship');
  assert.ok(ship.y >= both.y + both.height, 'Expected Ship below the Parallel');
});
