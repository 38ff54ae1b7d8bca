/**
 * One benchmark measurement in a fresh process: runs a scenario file on this thread
 * with every statistic on, and prints what it simulated and its peak memory as JSON.
 * The parent (scripts/bench.mjs) times the whole process, start-up included, since
 * that is the figure the reference engines were measured by.
 */
import { readFileSync } from 'node:fs';
import { assertScenario } from '../simulation/model/validate';
import { setPath } from '../simulation/model/paths';
import { runScenarioInProcess } from '../simulation/runner/runScenario';

const [file, durationScale] = process.argv.slice(2);
let scenario = assertScenario(JSON.parse(readFileSync(file!, 'utf8')));
if (durationScale) scenario = setPath(scenario, 'run.duration', scenario.run.duration * Number(durationScale));
const result = runScenarioInProcess(scenario);
process.stdout.write(
  JSON.stringify({
    requests: result.stats.requests,
    events: result.stats.events,
    engineSeconds: result.stats.wallSeconds,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    p99: result.summary.latency.p99,
  }),
);
