/** `headroom fit`'s printed report, in English and Simplified Chinese. */
import { renderFinding, sentenceContext } from '../findings/render';
import type { FitDocument } from './fit';
import type { FitComparison, FitMetric, FitRow, FitWindow } from './compare';
import { minBatches, minDuration, minRequests, predictionLevel } from './compare';
import { overTimeInside, windowMetrics } from './overTime';

export type FitLanguage = 'en' | 'zh-CN';

const ms = (s: number) => `${(s * 1000).toFixed(s < 0.01 ? 2 : 1)} ms`;
const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
const signed = (x: number, digits = 1) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(digits)}%`;

const toolName = (tool: FitDocument['test']['tool']) => (tool === 'k6' ? 'k6' : tool === 'locust' ? 'Locust' : 'JMeter');

export function figure(metric: FitMetric, v: number): string {
  if (metric === 'throughput') return `${v.toFixed(v < 10 ? 2 : 1)}/s`;
  if (metric === 'errorRate') return pct(v, 2);
  return ms(v);
}

const en = {
  heading: (d: FitDocument) =>
    `${d.scenario} — fit to the ${toolName(d.test.tool)} test ${d.test.file} (${d.test.duration.toFixed(0)} s, ${d.test.requests.toLocaleString('en-US')} requests, ${d.test.failures.toLocaleString('en-US')} failed)`,
  replayOpen: (d: FitDocument) =>
    `Replayed as open arrivals at ${d.replay.source}: ${d.replay.rate.toFixed(1)} requests/s on average${d.replay.profilePoints > 0 ? `, following the test's rate over ${d.replay.profilePoints} windows` : ' (constant: the file has no time)'}; ${d.replications} replications, ${pct(d.confidence, 0)} intervals.`,
  replayClosed: (d: FitDocument) =>
    `Replayed as ${d.replay.users} closed-loop users at ${d.replay.source} (the test's constant user count), thinking ${ms(d.replay.thinkTime ?? 0)} on average between requests (Little's law); ${d.replications} replications, ${pct(d.confidence, 0)} intervals.`,
  mapping: 'Endpoints → classes:',
  mapped: (e: string, cls: string, n: number, rule: string) => `  ${e || '(all)'} → ${cls}  ${n.toLocaleString('en-US')} requests (${rule})`,
  unmapped: (e: string, n: number) => `  ${e} → no class: ${n.toLocaleString('en-US')} requests not replayed (use --map NAME=CLASS_ID)`,
  rules: { map: '--map', id: 'class id', label: 'class label', onlyClass: 'the only class' } as Record<string, string>,
  closedFallback: 'A closed replay is not possible here (the file gives no user count, or Little\'s law no positive think time): replayed open.',
  stoppedEarly: (n: number, of: number) => `Warning: ${n} of ${of} replications of the replay stopped early: the model cannot serve the test's load, and its figures cover only the time before.`,
  warning: 'Warning (the replay): ',
  notReplayed: (share: number) => `${pct(share)} of the test's requests are not replayed: the overall figures compare what was.`,
  columns: (confidence: number) => ['', 'measured', `${pct(confidence, 0)} interval`, 'simulated', `${pct(confidence, 0)} interval`, 'difference'],
  overall: 'overall',
  metric: { throughput: 'throughput', mean: 'mean', p50: 'p50', p95: 'p95', p99: 'p99', errorRate: 'errors' } as Record<FitMetric, string>,
  notJudged: (n: number) => `(${n} requests: fewer than ${minRequests}, not judged)`,
  legend: `difference: simulated against measured; ✓ within the noise, ✗ not: |measured − simulated| ≤ √(m² + s²) at ${pct(predictionLevel, 0)}, s the simulated mean's half-width, m the larger of the measured figure's own and the model's spread for one test of this length; throughput counts successful requests.`,
  batchesNote: (batches: number, seconds: number) => `Measured intervals: batch means over ${batches} stretches of ${seconds.toFixed(seconds < 10 ? 1 : 0)} s (from successive differences, so a ramp is not taken for noise).`,
  noBatches: 'A k6 summary has only whole-test aggregates: no measured interval can be had, and the model\'s spread for one test stands in for it.',
  noClassBatches: 'The classes have no measured interval: the history has no rows per endpoint (Locust writes them with --csv-full-history).',
  overTime: (n: number, merged: number, seconds: number) =>
    merged > 1
      ? `Over time (${n} stretches of ${seconds.toFixed(seconds < 10 ? 1 : 0)} s, ${merged} of the file's windows each; measured ± its batch-means interval over those windows; simulated mean [its ${pct(predictionLevel, 0)} range for one test]; simulated percentiles from the run's buckets, approximate):`
      : `Over time (${n} windows, too few to merge into stretches of ${minBatches}, so no measured interval; simulated mean [its ${pct(predictionLevel, 0)} range for one test]; simulated percentiles from the run's buckets, approximate):`,
  timeColumns: ['from', 'measured/s', 'simulated/s', 'measured p95', 'simulated p95', 'errors', 'users'],
  overTimeInside: (parts: string) => `Inside the model's noise over time: ${parts} (shown, not judged: the verdict rests on the whole test).`,
  insideOf: (metric: string, inside: number, of: number) => `${metric} in ${inside} of ${of}`,
  verdictReproduces: (x: number, where: string, noise: number, judged: number) =>
    `Verdict: the model reproduces the test within ${pct(x)} (largest difference: ${where}); all ${judged} judged figures are within its run-to-run noise (up to ±${pct(noise)}).`,
  verdictDiffers: (x: number, where: string, outside: number, judged: number) =>
    `Verdict: the model reproduces the test only within ${pct(x)} (largest difference: ${where}); ${outside} of ${judged} judged figures lie outside its run-to-run noise, so the difference is the model's, not chance.`,
  verdictShort: (duration: number, requests: number) =>
    `Verdict: the test is too short to judge (${duration.toFixed(0)} s, ${requests} requests; at least ${minDuration} s and ${minRequests} requests are needed).`,
  where: (cls: string | null, metric: FitMetric) => (cls === null ? `overall ${en.metric[metric]}` : `${en.metric[metric]} of ${cls}`),
  calibration: (nodes: string, factor: number, runs: number, sim: number, meas: number, converged: boolean) =>
    `Calibration: ${nodes} work × ${factor.toFixed(3)} (${runs} runs): mean latency ${ms(sim)} simulated, ${ms(meas)} measured${converged ? '' : ' — not converged within the runs allowed; the closest factor is shown'}.`,
  calibrationEach: (factors: string, runs: number, classes: string, converged: boolean) =>
    `Calibration, a factor per node (least squares over the classes' mean latencies, ${runs} runs): ${factors}; mean latency simulated against measured: ${classes}${converged ? '' : ' — not converged within the runs allowed; the closest factors are shown'}.`,
  factorOf: (node: string, factor: number) => `${node} × ${factor.toFixed(3)}`,
  classMean: (cls: string, sim: number, meas: number) => `${cls} ${ms(sim)} against ${ms(meas)}`,
  calibrationShared: (nodes: string) =>
    `The classes' latencies cannot tell ${nodes} apart (fewer timed classes than nodes, or classes that spend their time at them in the same proportions): they share one factor.`,
  calibrationNoMean: 'Calibration: the test gives no mean latency of the mapped endpoints; nothing to calibrate against.',
  after: 'After calibration:',
  wrote: (path: string) => `Wrote the calibrated scenario to ${path}.`,
};

const zh: typeof en = {
  heading: (d) =>
    `${d.scenario} — 拟合 ${toolName(d.test.tool)} 测试 ${d.test.file}（${d.test.duration.toFixed(0)} 秒，${d.test.requests.toLocaleString('en-US')} 个请求，${d.test.failures.toLocaleString('en-US')} 个失败）`,
  replayOpen: (d) =>
    `以开放到达重放于 ${d.replay.source}：平均每秒 ${d.replay.rate.toFixed(1)} 个请求${d.replay.profilePoints > 0 ? `，按测试在 ${d.replay.profilePoints} 个时间窗内的速率变化` : '（恒定：文件中没有时间信息）'}；${d.replications} 次重复，${pct(d.confidence, 0)} 置信区间。`,
  replayClosed: (d) =>
    `以 ${d.replay.users} 个闭环用户重放于 ${d.replay.source}（测试的用户数恒定），请求之间平均思考 ${ms(d.replay.thinkTime ?? 0)}（由利特尔定律得出）；${d.replications} 次重复，${pct(d.confidence, 0)} 置信区间。`,
  mapping: '端点 → 类别：',
  mapped: (e, cls, n, rule) => `  ${e || '（全部）'} → ${cls}  ${n.toLocaleString('en-US')} 个请求（${rule}）`,
  unmapped: (e, n) => `  ${e} → 无对应类别：${n.toLocaleString('en-US')} 个请求未重放（请用 --map NAME=CLASS_ID）`,
  rules: { map: '--map', id: '类别 id', label: '类别名称', onlyClass: '唯一的类别' },
  closedFallback: '这里无法以闭环重放（文件没有给出用户数，或由利特尔定律得出的思考时间不为正）：已改为开放到达重放。',
  stoppedEarly: (n, of) => `警告：重放的 ${of} 次重复中有 ${n} 次提前停止：模型承受不了测试的负载，其数字只覆盖停止之前的时间。`,
  warning: '警告（重放）：',
  notReplayed: (share) => `测试中 ${pct(share)} 的请求未重放：总体数字只比较重放了的部分。`,
  columns: (confidence) => ['', '实测', `${pct(confidence, 0)} 置信区间`, '模拟', `${pct(confidence, 0)} 置信区间`, '差异'],
  overall: '总体',
  metric: { throughput: '吞吐量', mean: '均值', p50: 'p50', p95: 'p95', p99: 'p99', errorRate: '错误率' },
  notJudged: (n) => `（${n} 个请求，少于 ${minRequests} 个，不参与判断）`,
  legend: `差异：模拟相对于实测；✓ 在随机波动之内，✗ 超出：|实测 − 模拟| ≤ √(m² + s²)（${pct(predictionLevel, 0)}），s 为模拟均值的半宽，m 取实测数字自身的半宽与模型对同样长度的一次测试的波动中较大者；吞吐量只计成功的请求。`,
  batchesNote: (batches, seconds) => `实测区间：把测试分成 ${batches} 段、每段 ${seconds.toFixed(seconds < 10 ? 1 : 0)} 秒的分批均值（由相邻两段之差得出，负载爬升不算作波动）。`,
  noBatches: 'k6 汇总只有整个测试的汇总数字：实测数字无从给出区间，以模型对一次测试的波动代替。',
  noClassBatches: '各类别没有实测区间：历史文件中没有按端点的行（Locust 加 --csv-full-history 才会写出）。',
  overTime: (n, merged, seconds) =>
    merged > 1
      ? `随时间变化（${n} 段、每段 ${seconds.toFixed(seconds < 10 ? 1 : 0)} 秒，各由文件中的 ${merged} 个时间窗合并而成；实测 ± 这些时间窗上的分批均值区间；模拟为均值 [一次测试的 ${pct(predictionLevel, 0)} 范围]；模拟的百分位数由运行自身的时间段得出，为近似值）：`
      : `随时间变化（${n} 个时间窗，太少，无法合并为每段 ${minBatches} 个时间窗，故没有实测区间；模拟为均值 [一次测试的 ${pct(predictionLevel, 0)} 范围]；模拟的百分位数由运行自身的时间段得出，为近似值）：`,
  timeColumns: ['起点', '实测/秒', '模拟/秒', '实测 p95', '模拟 p95', '错误率', '用户'],
  overTimeInside: (parts) => `随时间变化在模型随机波动之内的：${parts}（只展示，不参与判断：结论依据整个测试）。`,
  insideOf: (metric, inside, of) => `${metric} ${of} 段中 ${inside} 段`,
  verdictReproduces: (x, where, noise, judged) => `结论：模型在 ${pct(x)} 以内重现了这次测试（最大差异：${where}）；参与判断的 ${judged} 个数字都在模型自身的随机波动之内（最多 ±${pct(noise)}）。`,
  verdictDiffers: (x, where, outside, judged) => `结论：模型只在 ${pct(x)} 以内重现了这次测试（最大差异：${where}）；参与判断的 ${judged} 个数字中有 ${outside} 个超出了模型自身的随机波动，差异来自模型而非偶然。`,
  verdictShort: (duration, requests) => `结论：测试太短，无法判断（${duration.toFixed(0)} 秒，${requests} 个请求；至少需要 ${minDuration} 秒和 ${minRequests} 个请求）。`,
  where: (cls, metric) => `${cls ?? '总体'} 的${zh.metric[metric]}`,
  calibration: (nodes, factor, runs, sim, meas, converged) =>
    `校准：${nodes} 的工作时间 × ${factor.toFixed(3)}（运行 ${runs} 次）：平均延迟模拟 ${ms(sim)}，实测 ${ms(meas)}${converged ? '' : '，在允许的运行次数内未收敛，显示的是最接近的系数'}。`,
  calibrationEach: (factors, runs, classes, converged) =>
    `校准，每个节点一个系数（对各类别的平均延迟做最小二乘，运行 ${runs} 次）：${factors}；平均延迟模拟对实测：${classes}${converged ? '' : '，在允许的运行次数内未收敛，显示的是最接近的系数'}。`,
  factorOf: (node, factor) => `${node} × ${factor.toFixed(3)}`,
  classMean: (cls, sim, meas) => `${cls} ${ms(sim)} 对 ${ms(meas)}`,
  calibrationShared: (nodes) => `各类别的延迟无法把 ${nodes} 区分开（有平均延迟的类别比节点少，或各类别在这些节点上花的时间比例相同）：它们共用一个系数。`,
  calibrationNoMean: '校准：测试没有给出所对应端点的平均延迟，无从校准。',
  after: '校准之后：',
  wrote: (path) => `已把校准后的场景写入 ${path}。`,
};

export type FitStrings = typeof en;

export function fitStrings(language: FitLanguage): FitStrings {
  return language === 'zh-CN' ? zh : en;
}

/** Columns a terminal shows: a Chinese character takes two. */
const width = (s: string) => [...s].reduce((a, ch) => a + (ch >= '\u2e80' ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s;

function table(rows: string[][], rightFrom: number): string[] {
  const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => width(r[k] ?? ''))));
  return rows.map((r) => `  ${r.map((cell, k) => (k >= rightFrom ? padStart(cell, widths[k]!) : pad(cell, widths[k]!))).join('  ')}`.trimEnd());
}

function rowCells(t: FitStrings, label: string, r: FitRow, judged: boolean): string[] {
  const interval = `[${figure(r.metric, r.ci[0])}, ${figure(r.metric, r.ci[1])}]`;
  const measuredInterval = r.measuredCi === null ? '—' : `[${figure(r.metric, Math.max(0, r.measuredCi[0]))}, ${figure(r.metric, r.measuredCi[1])}]`;
  const diff = r.difference === null ? '—' : r.metric === 'errorRate' ? `${r.difference >= 0 ? '+' : ''}${(r.difference * 100).toFixed(2)} pt` : signed(r.difference);
  const mark = r.inside === null || !judged ? ' ' : r.inside ? '✓' : '✗';
  return [label, t.metric[r.metric], r.measured === null ? '—' : figure(r.metric, r.measured), measuredInterval, figure(r.metric, r.simulated), interval, `${diff} ${mark}`];
}

/** The side-by-side table as cells (header first), the notes under it: the printed report and the HTML one share them. */
export function comparisonTable(t: FitStrings, c: FitComparison, confidence: number, test: Pick<FitDocument['test'], 'tool' | 'duration'>): { rows: string[][]; notes: string[] } {
  const rows: string[][] = [['', '', ...t.columns(confidence).slice(1)]];
  const notes: string[] = [];
  for (const g of [c.overall, ...c.classes]) {
    const label = g.cls ?? t.overall;
    g.rows.forEach((r, k) => rows.push(rowCells(t, k === 0 ? label : '', r, g.judged)));
    if (!g.judged && g.requests < minRequests) notes.push(`${label} ${t.notJudged(g.requests)}`);
  }
  const intervals = measuredIntervalNotes(c, test).map((n) => (n.kind === 'batches' ? t.batchesNote(n.batches, n.seconds) : n.kind === 'noBatches' ? t.noBatches : t.noClassBatches));
  return { rows, notes: [...notes, ...intervals, t.legend] };
}

function comparisonLines(t: FitStrings, c: FitComparison, confidence: number, d: FitDocument): string[] {
  const { rows, notes } = comparisonTable(t, c, confidence, d.test);
  return [...table(rows, 2), ...notes.map((line) => `  ${line}`)];
}

export type MeasuredIntervalNote = { kind: 'batches'; batches: number; seconds: number } | { kind: 'noBatches' } | { kind: 'noClassBatches' };

/**
 * Where the measured intervals come from, or why some are missing: batch means over
 * so many stretches; a k6 summary, which has none; a Locust history without rows per
 * endpoint, whose classes have none. The report and the app's table say the same.
 */
export function measuredIntervalNotes(c: FitComparison, test: Pick<FitDocument['test'], 'tool' | 'duration'>): MeasuredIntervalNote[] {
  const batched = c.overall.rows.find((r) => r.batches > 0);
  const out: MeasuredIntervalNote[] = [];
  if (batched) out.push({ kind: 'batches', batches: batched.batches, seconds: test.duration / batched.batches });
  else if (test.tool === 'k6') out.push({ kind: 'noBatches' });
  if (batched && test.tool === 'locust' && c.classes.some((g) => g.rows.every((r) => r.measuredCi === null))) out.push({ kind: 'noClassBatches' });
  return out;
}

/** A figure over time: the simulated mean, its range for one test, ✓ or ✗ against the measured one. */
function windowCell(r: FitRow): string {
  const mark = r.inside === null ? '' : r.inside ? ' ✓' : ' ✗';
  return `${figure(r.metric, r.simulated)} [${figure(r.metric, Math.max(0, r.prediction[0]))}, ${figure(r.metric, r.prediction[1])}]${mark}`;
}

function measuredCell(r: FitRow): string {
  if (r.measured === null) return '—';
  return r.measuredCi === null ? figure(r.metric, r.measured) : `${figure(r.metric, r.measured)} ± ${figure(r.metric, (r.measuredCi[1] - r.measuredCi[0]) / 2)}`;
}

/** The figures over time as cells (header first), the heading above them and the count of stretches inside the noise. */
export function overTimeTable(t: FitStrings, windows: readonly FitWindow[]): { heading: string; rows: string[][]; inside: string | null } {
  const merged = windows[0]!.windows;
  const seconds = windows[0]!.end - windows[0]!.start;
  const rows = [
    t.timeColumns,
    ...windows.map((w) => {
      const f = w.figures;
      const errors = `${w.measured.errorRate === null ? '—' : pct(w.measured.errorRate, 2)} / ${pct(w.simulated.errorRate, 2)}`;
      return [`${w.start.toFixed(0)} s`, measuredCell(f.throughput), windowCell(f.throughput), measuredCell(f.p95), f.p95.measured === null ? figure('p95', f.p95.simulated) : windowCell(f.p95), errors, w.measured.users === null ? '—' : String(w.measured.users)];
    }),
  ];
  const counts = overTimeInside(windows);
  const parts = windowMetrics.filter((m) => counts[m].of > 0).map((m) => t.insideOf(t.metric[m], counts[m].inside, counts[m].of));
  return { heading: t.overTime(windows.length, merged, seconds), rows, inside: parts.length > 0 ? t.overTimeInside(parts.join(', ')) : null };
}

function overTimeLines(t: FitStrings, windows: readonly FitWindow[]): string[] {
  const { heading, rows, inside } = overTimeTable(t, windows);
  return [heading, ...table(rows, 1), ...(inside ? [`  ${inside}`] : [])];
}

/** The verdict sentence alone, in the reader's language: the app shows it above its table. */
export function fitVerdictText(c: FitComparison, language: FitLanguage): string {
  return verdictLine(fitStrings(language), c);
}

export function verdictLine(t: FitStrings, c: FitComparison): string {
  const v = c.verdict;
  if (v.kind === 'tooShort') return t.verdictShort(v.short?.duration ?? 0, v.short?.requests ?? 0);
  const where = t.where(v.worst!.cls, v.worst!.metric);
  return v.kind === 'reproduces' ? t.verdictReproduces(v.within!, where, v.noise ?? 0, v.judged) : t.verdictDiffers(v.within!, where, v.outside, v.judged);
}

/** `labels` names the nodes in the replay's warnings as a person knows them. */
export function formatFitReport(d: FitDocument, language: FitLanguage, labels: Readonly<Record<string, string>> = {}): string {
  const t = fitStrings(language);
  const lines = [t.heading(d), d.replay.mode === 'open' ? t.replayOpen(d) : t.replayClosed(d)];
  if (d.mapping.length > 0) {
    lines.push(t.mapping);
    for (const m of d.mapping) lines.push(m.cls === null ? t.unmapped(m.endpoint, m.requests) : t.mapped(m.endpoint, m.cls, m.requests, t.rules[m.rule ?? 'map']!));
  }
  if (d.replay.closedFallback) lines.push(t.closedFallback);
  if (d.replay.notReplayed > 0) lines.push(t.notReplayed(d.replay.notReplayed));
  lines.push('', ...comparisonLines(t, d.fit, d.confidence, d));
  if (d.fit.overTime.length > 0) lines.push('', ...overTimeLines(t, d.fit.overTime));
  lines.push('', verdictLine(t, d.fit));
  if (d.fit.stoppedEarly > 0) lines.push(t.stoppedEarly(d.fit.stoppedEarly, d.replications));
  const context = sentenceContext(language, labels);
  for (const w of d.fit.warnings) lines.push(`${t.warning}${renderFinding(w, context)}`);
  if (d.calibration) {
    const c = d.calibration;
    const best = c.steps[c.chosen] ?? c.steps.at(-1)!;
    if (c.method === 'perNode') {
      const factors = c.nodes.map((n) => t.factorOf(n, c.factors[n]!)).join(', ');
      const classes = c.after.classes.filter((g) => best.classMeans && g.cls! in best.classMeans).map((g) => t.classMean(g.cls!, best.classMeans![g.cls!]!, g.rows[1]!.measured!));
      lines.push(t.calibrationEach(factors, c.steps.length, classes.join(', '), c.converged));
    } else {
      if (c.method === 'shared') lines.push(t.calibrationShared(c.nodes.join(', ')));
      lines.push(t.calibration(c.nodes.join(', '), c.factors[c.nodes[0]!]!, c.steps.length, best.simulatedMean, c.measuredMean, c.converged));
    }
    lines.push('', t.after, ...comparisonLines(t, c.after, d.confidence, d), '', verdictLine(t, c.after));
  }
  return lines.join('\n');
}
