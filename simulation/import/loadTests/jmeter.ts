/**
 * JMeter's results file (.jtl) in its CSV form, as `jmeter -n -t plan.jmx -l results.jtl`
 * writes it with the default save service: a header line
 * `timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect`
 * and one line per sample. `timeStamp` is the sample's start in epoch milliseconds,
 * `elapsed` its length in milliseconds, `success` true or false. Only `timeStamp`,
 * `elapsed`, `label` and `success` are needed; `allThreads` gives the users over time.
 */
import { columns, forEachCsvRow, nearestRank, numberField, refuseLoadTest, type CsvRow, type MeasuredEndpoint, type Measurement } from './measurement';
import { sampleBatches, sampleWindows } from './windows';

interface Sample {
  label: string;
  start: number;
  end: number;
  elapsed: number;
  ok: boolean;
  threads: number | null;
}

export function endpointOf(name: string, samples: readonly Sample[], duration: number): MeasuredEndpoint {
  const sorted = samples.map((s) => s.elapsed).sort((a, b) => a - b);
  const failures = samples.filter((s) => !s.ok).length;
  return {
    name,
    requests: samples.length,
    failures,
    mean: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null,
    p50: nearestRank(sorted, 0.5),
    p95: nearestRank(sorted, 0.95),
    p99: nearestRank(sorted, 0.99),
    batches: sampleBatches(samples, duration),
  };
}

export function parseJmeter(text: string, file: string): Measurement {
  let header: CsvRow | null = null;
  let at: Record<string, number> = {};
  const samples: Sample[] = [];
  forEachCsvRow(text, file, (row) => {
    if (header === null) {
      if (!row.fields.includes('timeStamp')) throw refuseLoadTest('loadTestNotJtl', { file, line: row.line });
      header = row;
      at = columns(header, file, ['timeStamp', 'elapsed', 'label', 'success'], ['allThreads']);
      return;
    }
    const names = header.fields;
    if (row.fields.length < names.length) {
      // A test still running, or killed, leaves its last line half written.
      throw refuseLoadTest('loadTestShortRow', { file, line: row.line, fields: row.fields.length, column: names[row.fields.length] ?? '' });
    }
    const stamp = numberField(row, at.timeStamp!, 'timeStamp', file)!;
    const elapsed = numberField(row, at.elapsed!, 'elapsed', file)!;
    if (elapsed < 0) throw refuseLoadTest('loadTestNotNumber', { file, line: row.line, column: 'elapsed', value: String(elapsed) });
    const success = row.fields[at.success!]!.trim().toLowerCase();
    if (success !== 'true' && success !== 'false') throw refuseLoadTest('loadTestNotBoolean', { file, line: row.line, column: 'success', value: success.slice(0, 40) });
    const threads = at.allThreads! >= 0 ? numberField(row, at.allThreads!, 'allThreads', file, true) : null;
    samples.push({ label: row.fields[at.label!]!, start: stamp / 1000, end: (stamp + elapsed) / 1000, elapsed: elapsed / 1000, ok: success === 'true', threads });
  });
  if (header === null) throw refuseLoadTest('loadTestNotJtl', { file, line: 1 });
  if (samples.length === 0) throw refuseLoadTest('loadTestNoRequests', { file });
  let t0 = Infinity;
  let t1 = -Infinity;
  for (const s of samples) {
    t0 = Math.min(t0, s.start);
    t1 = Math.max(t1, s.end);
  }
  // In place: a million samples are copied nowhere.
  for (const s of samples) {
    s.start -= t0;
    s.end -= t0;
  }
  const relative = samples;
  const byLabel = new Map<string, Sample[]>();
  for (const s of relative) {
    const list = byLabel.get(s.label);
    if (list) list.push(s);
    else byLabel.set(s.label, [s]);
  }
  const duration = Math.max(t1 - t0, 1e-3);
  return {
    tool: 'jmeter',
    file,
    duration,
    endpoints: [...byLabel].map(([name, list]) => endpointOf(name, list, duration)),
    total: endpointOf('', relative, duration),
    windows: sampleWindows(relative, duration),
  };
}
