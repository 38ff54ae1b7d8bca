/**
 * Inspector of one call: its rate (measured by the last run while that is
 * current, estimated otherwise, and labelled as which), its place in the
 * caller's call order, sync or async, the classes that make it, how many calls
 * per visit (a mean with a fraction, or drawn geometric), its parallel group and join,
 * its time on the wire, and the resilience settings (timeout, retries with jitter and
 * a budget, a pool with its queue and wait bound, circuit breaker).
 */
import { useTranslation } from 'react-i18next';
import type { Edge, JitterKind, Scenario } from '../../../simulation/model/schema';
import { kindOf } from '../../../simulation/model/kinds';
import { meanCalls } from '../../../simulation/estimate/estimate';
import { issueFor } from '../model/validation';
import { reorderCall, setIn } from '../model/operations';
import { edgeKeys } from '../model/edgeKeys';
import { useAnalysis } from '../stores/analysis';
import { useRuns, useStores } from '../stores/context';
import { callRate, measuredEdgeRates } from '../model/edgeRates';
import { formatNumber } from '../i18n/format';
import { UiIcon } from '../ui/UiIcon';
import { CheckField, Field, NumberField, OptionalGroup, Section, SelectField, TextField } from '../fields/fields';
import { DistEditor } from '../fields/DistEditor';
import { GroupEditor } from './GroupEditor';
import { useEdit } from '../fields/editing';

export function EdgeInspector({ edge, index, scenario }: { edge: Edge; index: number; scenario: Scenario }) {
  const { t, i18n } = useTranslation();
  const edit = useEdit();
  const stores = useStores();
  const { issues, estimate } = useAnalysis();
  const result = useRuns((s) => s.result);
  const stale = useRuns((s) => s.stale);
  const rate = callRate(index, measuredEdgeRates(scenario.edges, result, stale), estimate.edges);
  const rateText = `${formatNumber(rate.rate, i18n.language)} ${t('unit.rps')}`;
  const err = (f: string) => issueFor(issues.edges.get(index), f);
  const set = (path: string, value: unknown) => edit(`edge:${index}:${path}`, (d) => setIn(d.edges[index] as unknown as Record<string, unknown>, path.split('.'), value));
  const label = (id: string) => scenario.nodes.find((n) => n.id === id)?.label ?? id;
  const classes = scenario.classes?.length ? scenario.classes.map((c) => c.id) : [];
  const siblings = scenario.edges.map((e, i) => ({ e, i })).filter((x) => x.e.from === edge.from);
  const position = siblings.findIndex((x) => x.i === index) + 1;
  const move = (dir: -1 | 1) => {
    let to = index;
    stores.document.getState().edit((d) => {
      to = reorderCall(d, index, dir);
    });
    const keys = edgeKeys(stores.document.getState().scenario.edges);
    stores.session.getState().select({ nodes: [], edges: [keys[to]!] });
  };
  const isBroker = (id: string) => {
    const n = scenario.nodes.find((m) => m.id === id);
    return n !== undefined && kindOf(n).broker;
  };
  const toQueue = isBroker(edge.to);
  const fromQueue = isBroker(edge.from);
  const calls = edge.calls;
  const poolObject = typeof edge.pool === 'object' ? edge.pool : undefined;
  const poolSize = typeof edge.pool === 'object' ? edge.pool.size : edge.pool;
  // The number form while only the size is set, so a plain pool stays as the file had it.
  const setPool = (field: 'size' | 'queue' | 'timeout', v: number | undefined) => {
    if (field === 'size' && v === undefined) return set('pool', undefined);
    const next = { size: poolSize ?? 1, queue: poolObject?.queue, timeout: poolObject?.timeout, [field]: v };
    set('pool', next.queue === undefined && next.timeout === undefined ? next.size : Object.fromEntries(Object.entries(next).filter(([, x]) => x !== undefined)));
  };
  return (
    <div className="inspector-body" data-testid="edge-inspector">
      <div className="inspector-title">
        <div>
          <div className="inspector-name">
            {label(edge.from)} → {label(edge.to)}
          </div>
          <div className="muted" data-testid="edge-rate" data-rate={rate.measured ? 'measured' : 'estimated'}>
            {t('edge.title')} · {rate.measured ? t('edge.measuredRate', { v: rateText }) : t('edge.estimatedRate', { v: rateText })}
          </div>
        </div>
      </div>
      {issues.edges.get(index)?.get('') && <div className="field-error block">{issues.edges.get(index)!.get('')}</div>}
      <Section title={t('edge.call')}>
        <Field label={t('edge.order')}>
          <div className="order-control">
            <span>{t('edge.orderOf', { n: position, total: siblings.length })}</span>
            <button type="button" className="icon-button" disabled={position <= 1} onClick={() => move(-1)} aria-label={t('edge.earlier')} title={t('edge.earlier')}>
              <UiIcon name="up" size={14} />
            </button>
            <button type="button" className="icon-button" disabled={position >= siblings.length} onClick={() => move(1)} aria-label={t('edge.later')} title={t('edge.later')}>
              <UiIcon name="down" size={14} />
            </button>
          </div>
        </Field>
        {fromQueue ? (
          <p className="help">{t('edge.subscription')}</p>
        ) : (
          <SelectField<'sync' | 'async'>
            label={t('edge.mode')}
            value={edge.mode}
            testId="edge-mode"
            options={[
              { value: '', label: t('placeholder.default', { v: t('edge.sync') }) },
              { value: 'sync', label: t('edge.sync') },
              { value: 'async', label: t('edge.async') },
            ]}
            onChange={(v) => set('mode', v)}
            error={err('mode')}
          />
        )}
        {toQueue && (edge.mode ?? 'sync') === 'sync' && <p className="help warn">{t('edge.syncToQueue')}</p>}
        {!fromQueue && <GroupEditor edge={edge} index={index} scenario={scenario} error={err} />}
        <SelectField<'fixed' | 'geometric'>
          label={t('edge.callsCount')}
          value={typeof calls === 'object' ? 'geometric' : 'fixed'}
          testId="edge-calls-kind"
          options={[
            { value: 'fixed', label: t('edge.callsFixed') },
            { value: 'geometric', label: t('edge.callsGeometric') },
          ]}
          // Switching keeps the mean, so the load on the callee does not jump.
          onChange={(v) => set('calls', v === 'geometric' ? { mean: meanCalls(edge), dist: 'geometric' } : meanCalls(edge) === 1 ? undefined : meanCalls(edge))}
        />
        {typeof calls === 'object' ? (
          <NumberField label={t('edge.calls')} value={calls.mean} required onChange={(v) => v !== undefined && set('calls.mean', v)} error={err('calls')} hint={t('edge.callsGeometricHint')} testId="edge-calls" />
        ) : (
          <NumberField label={t('edge.calls')} value={calls} placeholder="1" onChange={(v) => set('calls', v)} error={err('calls')} hint={t('edge.callsHint')} testId="edge-calls" sweep={`edges.${index}.calls`} />
        )}
        {!fromQueue && (
          <>
            <DistEditor label={t('edge.latency')} value={edge.latency} classes={classes} optional={t('placeholder.zeroMs')} onChange={(d) => set('latency', d)} errors={(f) => err(f ? `latency.${f}` : 'latency')} testId="edge-latency" sweepPath={`edges.${index}.latency`} />
            <p className="help">{t('edge.latencyHelp')}</p>
          </>
        )}
        {classes.length > 0 && (
          <Field label={t('edge.classes')} error={err('classes')}>
            <div className="checks">
              {classes.map((c) => (
                <CheckField
                  key={c}
                  label={c}
                  checked={!edge.classes || edge.classes.length === 0 || edge.classes.includes(c)}
                  onChange={(on) => {
                    const current = edge.classes && edge.classes.length ? edge.classes : classes;
                    const next = on ? [...new Set([...current, c])] : current.filter((x) => x !== c);
                    set('classes', next.length === classes.length ? undefined : next);
                  }}
                />
              ))}
            </div>
          </Field>
        )}
        <TextField label={t('edge.label')} value={edge.label} placeholder={t('placeholder.optional')} onChange={(v) => set('label', v || undefined)} />
      </Section>
      <Section title={t('edge.resilience')} defaultOpen={Boolean(edge.timeout || edge.retries || edge.pool || edge.circuitBreaker)}>
        <div className="field-grid">
          <NumberField label={t('edge.timeout')} unit="ms" value={edge.timeout} placeholder={t('placeholder.noTimeout')} onChange={(v) => set('timeout', v)} error={err('timeout')} sweep={`edges.${index}.timeout`} />
          <NumberField label={t('edge.pool')} integer value={poolSize} placeholder={t('placeholder.unlimited')} onChange={(v) => setPool('size', v)} error={err('pool') ?? err('pool.size')} hint={t('edge.poolHint')} sweep={typeof edge.pool === 'object' ? undefined : `edges.${index}.pool`} />
          {poolSize !== undefined && (
            <>
              <NumberField label={t('edge.poolQueue')} integer value={poolObject?.queue} placeholder={t('placeholder.unlimited')} onChange={(v) => setPool('queue', v)} error={err('pool.queue')} hint={t('edge.poolQueueHint')} testId="edge-pool-queue" />
              <NumberField label={t('edge.poolTimeout')} unit="ms" value={poolObject?.timeout} placeholder={t('placeholder.noTimeout')} onChange={(v) => setPool('timeout', v)} error={err('pool.timeout')} hint={t('edge.poolTimeoutHint')} testId="edge-pool-timeout" />
            </>
          )}
        </div>
        <OptionalGroup label={t('edge.retries')} enabled={Boolean(edge.retries)} onToggle={(on) => set('retries', on ? { max: 2, backoff: 0.05 } : undefined)}>
          {edge.retries && (
            <div className="field-grid">
              <NumberField label={t('edge.retriesMax')} integer value={edge.retries.max} required onChange={(v) => v !== undefined && set('retries.max', v)} error={err('retries.max')} />
              <NumberField label={t('edge.backoff')} unit="ms" value={edge.retries.backoff} placeholder="0" onChange={(v) => set('retries.backoff', v)} error={err('retries.backoff')} />
              <SelectField<JitterKind>
                label={t('edge.jitter')}
                value={edge.retries.jitter}
                testId="edge-jitter"
                options={[
                  { value: '', label: t('placeholder.default', { v: t('edge.jitterNone') }) },
                  { value: 'none', label: t('edge.jitterNone') },
                  { value: 'full', label: t('edge.jitterFull') },
                  { value: 'equal', label: t('edge.jitterEqual') },
                ]}
                onChange={(v) => set('retries.jitter', v)}
                error={err('retries.jitter')}
              />
            </div>
          )}
          {edge.retries && (
            <OptionalGroup label={t('edge.budget')} enabled={Boolean(edge.retries.budget)} onToggle={(on) => set('retries.budget', on ? { ratio: 0.2, window: 10 } : undefined)}>
              {edge.retries.budget && (
                <div className="field-grid">
                  <NumberField label={t('edge.budgetRatio')} unit="percent" value={edge.retries.budget.ratio} required onChange={(v) => v !== undefined && set('retries.budget.ratio', v)} error={err('retries.budget.ratio')} testId="edge-budget-ratio" />
                  <NumberField label={t('edge.budgetWindow')} unit="s" value={edge.retries.budget.window} required onChange={(v) => v !== undefined && set('retries.budget.window', v)} error={err('retries.budget.window')} />
                </div>
              )}
              <p className="help">{t('edge.budgetHelp')}</p>
            </OptionalGroup>
          )}
        </OptionalGroup>
        <OptionalGroup label={t('edge.breaker')} enabled={Boolean(edge.circuitBreaker)} onToggle={(on) => set('circuitBreaker', on ? { errorRate: 0.5, window: 10, minCalls: 20, openFor: 30 } : undefined)}>
          {edge.circuitBreaker && (
            <div className="field-grid">
              <NumberField label={t('breaker.errorRate')} unit="percent" value={edge.circuitBreaker.errorRate} required onChange={(v) => v !== undefined && set('circuitBreaker.errorRate', v)} error={err('circuitBreaker.errorRate')} />
              <NumberField label={t('breaker.window')} unit="s" value={edge.circuitBreaker.window} required onChange={(v) => v !== undefined && set('circuitBreaker.window', v)} error={err('circuitBreaker.window')} />
              <NumberField label={t('breaker.minCalls')} integer value={edge.circuitBreaker.minCalls} required onChange={(v) => v !== undefined && set('circuitBreaker.minCalls', v)} error={err('circuitBreaker.minCalls')} />
              <NumberField label={t('breaker.openFor')} unit="s" value={edge.circuitBreaker.openFor} required onChange={(v) => v !== undefined && set('circuitBreaker.openFor', v)} error={err('circuitBreaker.openFor')} />
            </div>
          )}
        </OptionalGroup>
      </Section>
    </div>
  );
}
