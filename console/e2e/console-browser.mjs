// Drives the console in headless Chromium (Debian's /usr/bin/chromium) with playwright-core, against a running
// stepfold that ConsoleBrowserTest has prepared: a failed execution with a failed Map iteration, an execution whose
// Distributed Map failed, and failed executions for a bulk redrive. Screenshots go to SCREENSHOTS (docs/console/).
// Exits 0 when every check holds; otherwise prints what did not and exits 1.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`Expected the environment variable ${name}`);
  return value;
};
const url = env('STEPFOLD_URL');
const failedExecution = env('FAILED_EXECUTION_ARN');
const mapRunExecution = env('MAP_RUN_EXECUTION_ARN');
const bulkStateMachine = env('BULK_STATE_MACHINE_ARN');
const bulkCount = Number(env('BULK_FAILED_COUNT'));
const screenshots = env('SCREENSHOTS');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PATIENCE = 60000;

const route = (...parts) => `${url}/console/#/${parts.map(encodeURIComponent).join('/')}`;
const check = (condition, message) => { if (!condition) throw new Error(message); };
const step = (text) => console.log(`console-browser: ${text}`);

mkdirSync(screenshots, { recursive: true });
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.setDefaultTimeout(PATIENCE);
const state = (name) => page.locator(`[data-testid="state-${name}"]`);
const fill = (name) => state(name).locator('rect').first().evaluate((rect) => getComputedStyle(rect).fill);
const awaitStatus = (name, status) => page.waitForSelector(`[data-testid="state-${name}"][data-status="${status}"]`);

try {
  step('a browser at / is sent to the console, which lists the state machines');
  await page.goto(`${url}/`);
  check(new URL(page.url()).pathname === '/console/', `Expected GET / to redirect to /console/, but the page is ${page.url()}`);
  await page.getByRole('link', { name: 'orders', exact: true }).click();

  step('a state machine with its versions and aliases');
  await page.getByRole('button', { name: 'Versions (1)' }).click();
  await page.getByRole('button', { name: 'Aliases (1)' }).click();
  await page.getByRole('cell', { name: 'version 1: 100%' }).waitFor();

  step('the failed execution: the Map and its failed iteration red, the state after it not run');
  await page.goto(route('executions', failedExecution));
  await awaitStatus('Items', 'failed');
  await awaitStatus('Work', 'failed');
  await awaitStatus('Notify', 'not-run');
  await awaitStatus('Email', 'not-run');
  await awaitStatus('Done', 'not-run');
  const red = await fill('Work');
  check(red === 'rgb(251, 213, 213)', `Expected the failed state Work to be drawn red, but its fill is ${red}`);
  const white = await fill('Done');
  check(white === 'rgb(255, 255, 255)', `Expected the state Done that did not run to be white, but its fill is ${white}`);
  await page.getByText('1 of 2 iterations failed').waitFor();

  step('a click on a state shows its runs: input, output, error, retries');
  await state('Work').click();
  const panel = page.getByTestId('state-panel');
  await panel.getByText('Item.Broken').first().waitFor();
  await panel.getByText('item 2 is broken').first().waitFor();
  await panel.getByText('Item.Flaky').first().waitFor();
  await panel.getByText(/· 1 retry$/).first().waitFor();

  step('a history row opens to its details');
  await page.getByTestId('history').getByRole('cell', { name: 'ActivityFailed', exact: true }).first().click();
  await page.locator('.event-details').first().waitFor();
  await page.screenshot({ path: join(screenshots, 'execution-failed.png'), fullPage: true });

  step('Redrive shows the plan first');
  await page.getByRole('button', { name: 'Redrive', exact: true }).click();
  const plan = page.getByTestId('redrive-plan');
  await plan.getByText('A redrive now runs again:').waitFor();
  await plan.getByText('Items', { exact: true }).waitFor();
  await plan.getByText(/iteration 1: runs again/).waitFor();
  await page.screenshot({ path: join(screenshots, 'redrive-plan.png') });

  step('then redrives, and the page follows the execution to SUCCEEDED');
  await plan.getByRole('button', { name: 'Redrive', exact: true }).click();
  await page.locator('h1 .status.succeeded').waitFor();
  await awaitStatus('Items', 'succeeded');
  await awaitStatus('Work', 'succeeded');
  await awaitStatus('Notify', 'succeeded');
  await awaitStatus('Sms', 'succeeded');
  await awaitStatus('Done', 'succeeded');
  const green = await fill('Done');
  check(green === 'rgb(209, 240, 216)', `Expected the succeeded state Done to be drawn green, but its fill is ${green}`);
  await page.getByRole('cell', { name: 'ExecutionRedriven', exact: true }).waitFor();
  await page.screenshot({ path: join(screenshots, 'execution-redriven.png'), fullPage: true });

  step('the Map Run page: item and execution counts, the failed child');
  await page.goto(route('executions', mapRunExecution));
  await awaitStatus('Batches', 'failed');
  await state('Batches').locator('text.name').click();
  await page.getByTestId('state-panel').getByRole('link', { name: /^Map Run / }).click();
  await page.getByTestId('counts-items').waitFor();
  const failedCount = await page.getByTestId('counts-executions').locator('tr', { hasText: 'failed' }).first().locator('td').textContent();
  check(failedCount === '1', `Expected the Map Run to count 1 failed child execution, but it shows ${failedCount}`);
  await page.getByTestId('executions').locator('tbody tr').filter({ has: page.locator('.status.failed') }).first().waitFor();
  await page.screenshot({ path: join(screenshots, 'map-run.png'), fullPage: true });

  step(`bulk redrive of ${bulkCount} failed executions, with its progress and report`);
  await page.goto(route('state-machines', bulkStateMachine));
  const executions = page.getByTestId('executions');
  await executions.locator('.status.failed').first().waitFor();
  await page.getByLabel('Name prefix').fill('refund-2');
  await executions.locator('tbody tr').filter({ hasText: 'refund-1' }).waitFor({ state: 'detached' });
  const rows = await executions.locator('tbody tr').count();
  check(rows === 1, `Expected the name prefix refund-2 to leave one execution, but ${rows} rows are shown`);
  await page.getByLabel('Name prefix').fill('');
  await page.getByLabel('Status filter').selectOption('FAILED');
  await executions.locator('tbody tr').filter({ hasText: 'refund-1' }).waitFor();
  await page.getByRole('button', { name: 'Bulk redrive…' }).click();
  await page.getByLabel('At most').fill('1');
  await page.getByRole('button', { name: 'Start bulk redrive' }).click();
  await page.getByTestId('bulk-progress').waitFor();
  await page.screenshot({ path: join(screenshots, 'bulk-redrive-progress.png') });
  const report = page.getByTestId('bulk-report');
  await report.waitFor();
  const summary = await report.locator('p').first().textContent();
  check(summary === `${bulkCount} redriven, 0 skipped.`, `Expected ${bulkCount} redriven and none skipped, but the report says "${summary}"`);
  await page.screenshot({ path: join(screenshots, 'bulk-redrive.png') });
  step('every check held');
} catch (error) {
  await page.screenshot({ path: join(process.env.FAILURE_DIR ?? screenshots, 'failure.png'), fullPage: true }).catch(() => {});
  console.error(`console-browser: ${error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
