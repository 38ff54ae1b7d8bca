/**
 * Inspector of one node: identity, the capacity fields its kind has, its own
 * work, kind-specific settings, and what the estimate (and the last run) say
 * about it. Empty fields show the default they stand for.
 */
import { displayedUtilization, utilizationText } from '../../../simulation/measures/utilization';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistSpec, RatioSpec, Scenario, ScenarioNode } from '../../../simulation/model/schema';
import { renameNode } from '../model/operations';
import { issueFor } from '../model/validation';
import { cacheErrorPolicies, idPattern } from '../../../simulation/model/schema';
import { codelDefaults } from '../../../simulation/model/codel';
import { useAnalysis } from '../stores/analysis';
import { useDocument, useRuns } from '../stores/context';
import { formatDuration, formatNumber, formatPercent } from '../i18n/format';
import { KindIcon } from '../diagram/icons/KindIcon';
import { kindColor } from '../diagram/icons/iconShapes';
import { CheckField, Field, NumberField, OptionalGroup, Section, SelectField, TextField } from './fields';
import { AutoscaleEditor } from './AutoscaleEditor';
import { CacheKeysEditor } from './CacheKeysEditor';
import { ContentionEditor } from './ContentionEditor';
import { MemoryEditor } from './MemoryEditor';
import { PerReplicaField } from './PerReplicaField';
import { DistEditor } from './DistEditor';
import { HoldingBar } from './HoldingBar';
import { SourceEditor } from './SourceEditor';
import { useEdit, useNodeSetter } from './editing';
import { toFillText } from '../model/toFill';

const balances = ['round-robin', 'random', 'least-connections', 'power-of-two', 'weighted'] as const;

function IdField({ node }: { node: ScenarioNode }) {
  const { t } = useTranslation();
  const edit = useEdit();
  const [error, setError] = useState<string | undefined>();
  return (
    <TextField
      label={t('node.id')}
      value={node.id}
      commitOnBlur
      error={error}
      testId="node-id"
      onChange={(v) => {
        if (!idPattern.test(v)) return setError(t('node.idInvalid'));
        let ok = false;
        edit(`rename:${node.id}`, (d) => {
          ok = renameNode(d, node.id, v);
        });
        setError(ok || v === node.id ? undefined : t('node.idTaken', { id: v }));
      }}
    />
  );
}

type ShedChoice = 'newest' | 'oldest' | 'codel';

/** What the node sheds: a full queue's arrival or its longest waiting, or (CoDel, no queue limit needed) requests by their waiting time. */
function ShedEditor({ node, at, set, err }: { node: ScenarioNode; at: string; set: (path: string, value: unknown) => void; err: (f: string) => string | undefined }) {
  const { t } = useTranslation();
  if (node.kind === 'source' || node.kind === 'queue') return null;
  const shed = node.shed;
  const codel = typeof shed === 'object' ? shed.codel : undefined;
  const choice: ShedChoice | undefined = typeof shed === 'object' ? 'codel' : shed;
  return (
    <>
      <SelectField<ShedChoice>
        label={t('node.shed')}
        value={choice}
        testId="shed"
        options={[
          { value: '', label: t('placeholder.default', { v: t('node.shedNewest') }) },
          { value: 'newest', label: t('node.shedNewest') },
          { value: 'oldest', label: t('node.shedOldest') },
          { value: 'codel', label: t('node.shedCodel') },
        ]}
        onChange={(v) => set('shed', v === 'codel' ? { codel: {} } : v)}
        error={typeof shed === 'object' ? undefined : err('shed')}
      />
      {codel && (
        <>
          <div className="field-grid">
            <NumberField label={t('node.codelTarget')} unit="ms" value={codel.target} placeholder={String(codelDefaults.target * 1000)} onChange={(v) => set('shed.codel.target', v)} error={err('shed.codel.target')} testId="codel-target" sweep={`${at}.shed.codel.target`} />
            <NumberField label={t('node.codelInterval')} unit="ms" value={codel.interval} placeholder={String(codelDefaults.interval * 1000)} onChange={(v) => set('shed.codel.interval', v)} error={err('shed.codel.interval')} testId="codel-interval" sweep={`${at}.shed.codel.interval`} />
          </div>
          <p className="field-note" data-testid="codel-note">
            {t('node.codelHint')}
          </p>
        </>
      )}
    </>
  );
}

function RatioField({ label, value, classes, onChange, error, sweep }: { label: string; value: RatioSpec | undefined; classes: string[]; onChange: (v: RatioSpec | undefined) => void; error: (f: string) => string | undefined; sweep?: string }) {
  const { t } = useTranslation();
  const perClass = typeof value === 'object';
  return (
    <div>
      {!perClass ? (
        <NumberField label={label} unit="percent" value={value as number | undefined} required onChange={(v) => v !== undefined && onChange(v)} error={error('')} testId="hit-ratio" sweep={sweep} />
      ) : (
        <div className="field-grid">
          {classes.map((c) => (
            <NumberField
              key={c}
              label={`${label} · ${c}`}
              unit="percent"
              value={Object.hasOwn(value.byClass, c) ? value.byClass[c] : undefined}
              placeholder={t('dist.useDefault')}
              onChange={(v) => {
                const byClass = { ...value.byClass };
                if (v === undefined) delete byClass[c];
                else byClass[c] = v;
                onChange({ ...value, byClass });
              }}
              error={error(`byClass.${c}`)}
            />
          ))}
          <NumberField label={`${label} · ${t('dist.default')}`} unit="percent" value={value.default} placeholder="0%" onChange={(v) => onChange({ byClass: value.byClass, ...(v === undefined ? {} : { default: v }) })} error={error('default')} />
        </div>
      )}
      {(classes.length > 1 || perClass) && (
        <button type="button" className="link-button small" onClick={() => onChange(perClass ? (value.default ?? 0) : { byClass: {}, default: (value as number | undefined) ?? 0 })}>
          {perClass ? t('dist.sameForAll') : t('dist.perClass')}
        </button>
      )}
    </div>
  );
}

function EstimateCard({ id, source, label }: { id: string; source: boolean; label: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { estimate } = useAnalysis();
  const measured = useRuns((s) => (s.stale ? undefined : s.result?.nodes[id]));
  const timelineEvents = useDocument((s) => s.scenario.events?.length ?? 0);
  const e = estimate.nodes[id];
  if (!e) return null;
  const pct = (v: number | null) => (v === null ? t('placeholder.unlimited') : formatPercent(v, lang, 0));
  return (
    <div className={`estimate-card${e.overloaded ? ' overloaded' : ''}`} data-testid="estimate-card">
      <div className="estimate-title">
        {t('estimate.title')}
        {estimate.approximate && <span className="muted"> · {t('estimate.upperBound')}</span>}
      </div>
      <dl className="kv">
        <dt>{t('estimate.arrivals')}</dt>
        <dd>
          {formatNumber(e.arrivalRate, lang)} {t('unit.rps')}
        </dd>
        {source ? (
          <>
            <dt>{t('estimate.endToEnd')}</dt>
            <dd>{formatDuration(e.holdTime, lang)}</dd>
          </>
        ) : (
          <>
            <dt>{t('estimate.workerUtil')}</dt>
            <dd>{pct(e.workerUtilization)}</dd>
            <dt>{t('estimate.cpuUtil')}</dt>
            <dd>{pct(e.cpuUtilization)}</dd>
            {e.hostUtilization !== undefined && (
              <>
                <dt>{t('estimate.hostUtil')}</dt>
                <dd data-testid="estimate-host">{pct(e.hostUtilization)}</dd>
              </>
            )}
            <dt>{t('estimate.holdTime')}</dt>
            <dd>{formatDuration(e.holdTime, lang)}</dd>
          </>
        )}
        {e.hitRatio !== undefined && (
          <>
            <dt>{t('estimate.hitRatio')}</dt>
            <dd>{formatPercent(e.hitRatio, lang, 1)}</dd>
          </>
        )}
        {e.rateLimited > 0 && (
          <>
            <dt>{t('estimate.rateLimited')}</dt>
            <dd>
              {formatNumber(e.rateLimited, lang)} {t('unit.rps')}
            </dd>
          </>
        )}
      </dl>
      {e.overloaded && <div className="estimate-warning">{t('estimate.overloaded')}</div>}
      {!e.overloaded && (e.peakUtilization ?? 0) >= 1 && <div className="estimate-warning soft">{t('estimate.peakOverloaded', { v: formatPercent(e.peakUtilization ?? 0, lang, 0) })}</div>}
      {timelineEvents > 0 && (
        <p className="muted" data-testid="estimate-events-note">
          {t('events.estimateNote', { count: timelineEvents })}
        </p>
      )}
      {measured && (
        <>
          <div className="estimate-title measured">{t('estimate.measured')}</div>
          <dl className="kv">
            <dt>{t('results.throughput')}</dt>
            <dd>
              {formatNumber(measured.throughput, lang)} {t('unit.rps')}
            </dd>
            <dt>{t('results.utilization')}</dt>
            <dd data-testid="inspector-utilization">{utilizationText(displayedUtilization(measured), lang)}</dd>
            <dt>{t('results.responseTime')}</dt>
            <dd>{formatDuration(measured.responseTime, lang)}</dd>
            <dt>{t('results.waitTime')}</dt>
            <dd>{formatDuration(measured.waitTime, lang)}</dd>
            <dt>{t('results.queueLength')}</dt>
            <dd>{formatNumber(measured.queueLength, lang)}</dd>
            <dt>{t('results.rejected')}</dt>
            <dd>{formatPercent(measured.rejected, lang, 2)}</dd>
            {measured.hitRatio !== undefined && (
              <>
                <dt>{t('node.hitRatio')}</dt>
                <dd data-testid="inspector-hit-ratio">{formatPercent(measured.hitRatio, lang, 1)}</dd>
              </>
            )}
          </dl>
          {measured.holding && <HoldingBar holding={measured.holding} label={label} />}
        </>
      )}
    </div>
  );
}

export function NodeInspector({ node, scenario }: { node: ScenarioNode; scenario: Scenario }) {
  const { t } = useTranslation();
  const set = useNodeSetter(node.id);
  const { issues } = useAnalysis();
  const nodeIssues = issues.nodes.get(node.id);
  const err = (f: string) => issueFor(nodeIssues, f);
  const classes = scenario.classes?.length ? scenario.classes.map((c) => c.id) : ['default'];
  const currency = scenario.cost?.currency ?? '';
  const color = kindColor[node.kind];
  const distErr = (field: string) => (f: string) => err(f ? `${field}.${f}` : field);
  const hasCapacity = node.kind !== 'source' && node.kind !== 'queue';
  const at = `nodes.${node.id}`;

  const latency = (required: boolean) =>
    'latency' in node || node.kind !== 'service' ? (
      <DistEditor
        label={t('node.latency')}
        value={(node as { latency?: DistSpec }).latency}
        classes={classes}
        optional={required ? undefined : t('placeholder.zeroMs')}
        onChange={(d) => set('latency', d)}
        errors={distErr('latency')}
        testId="latency"
        sweepPath={`${at}.latency`}
      />
    ) : null;

  return (
    <div className="inspector-body" data-testid="node-inspector">
      <div className="inspector-title">
        <span className="kind-badge" style={{ color, background: `${color}1a` }}>
          <KindIcon kind={node.kind} />
        </span>
        <div>
          <div className="inspector-name">{node.label || node.id}</div>
          <div className="muted">
            {t(`kind.${node.kind}`)} · {node.id}
          </div>
        </div>
      </div>
      {nodeIssues?.get('') && <div className={`field-error block${issues.unconnected.has(nodeIssues.get('')!) ? ' soft' : ''}`}>{nodeIssues.get('')}</div>}
      {node.toFill && node.toFill.length > 0 && (
        <div className="field-note to-fill-note" data-testid="inspector-to-fill">
          {t('node.toFill', { fields: toFillText(node.toFill, t) })}
        </div>
      )}
      <EstimateCard id={node.id} source={node.kind === 'source'} label={(id) => scenario.nodes.find((n) => n.id === id)?.label || id} />

      <Section title={t('node.identity')}>
        <TextField label={t('node.label')} value={node.label} onChange={(v) => set('label', v)} error={err('label')} testId="node-label" />
        <IdField node={node} />
        <TextField label={t('node.description')} value={node.description} multiline onChange={(v) => set('description', v || undefined)} />
        {/* A source is the load, not something one runs and pays for per replica. */}
        {node.kind !== 'source' && (
          <NumberField label={t('node.cost', { currency: currency || '¤' })} unit="money" value={node.cost} placeholder="0" onChange={(v) => set('cost', v)} error={err('cost')} hint={t('node.costHint')} sweep={`${at}.cost`} />
        )}
      </Section>

      {node.kind === 'source' && <SourceEditor node={node} scenario={scenario} />}

      {hasCapacity && (
        <Section title={t('node.capacity')}>
          <div className="field-grid">
            <NumberField label={node.kind === 'database' ? t('modelBuilding.instances') : t('node.replicas')} integer value={node.replicas} placeholder="1" onChange={(v) => set('replicas', v)} error={err('replicas')} hint={node.kind === 'database' ? t('modelBuilding.instancesHint') : undefined} testId="replicas" sweep={`${at}.replicas`} />
            <NumberField label={t('node.workersField')} integer value={node.workers} placeholder={t('placeholder.unlimited')} onChange={(v) => set('workers', v)} error={err('workers')} hint={t('node.workersHint')} testId="workers" sweep={`${at}.workers`} />
            {(node.kind === 'service' || node.kind === 'database') && (
              <NumberField label={t('node.cpus')} integer value={node.cpus} placeholder={node.workers === undefined ? t('placeholder.unlimited') : t('placeholder.sameAsWorkers', { n: node.workers })} onChange={(v) => set('cpus', v)} error={err('cpus')} hint={node.kind === 'database' ? t('node.dbCpusHint') : t('node.cpusHint')} testId="cpus" sweep={`${at}.cpus`} />
            )}
            <NumberField label={t('node.queue')} integer value={node.queue} placeholder={t('placeholder.unlimited')} onChange={(v) => set('queue', v)} error={err('queue')} hint={t('node.queueHint')} sweep={`${at}.queue`} />
          </div>
          <ShedEditor node={node} at={at} set={set} err={err} />
          {node.kind === 'database' && (
            <p className="field-note" data-testid="instances-note">
              {t('modelBuilding.instancesNote', { count: node.replicas ?? 1, replicas: (node.replicas ?? 1) - 1 })}
            </p>
          )}
          <SelectField
            label={t('node.balance')}
            value={node.balance}
            options={[{ value: '', label: t('placeholder.default', { v: t('balance.round-robin') }) }, ...balances.map((b) => ({ value: b, label: t(`balance.${b}`) }))]}
            onChange={(v) => set('balance', v)}
            error={err('balance')}
          />
          <div className="field-grid">
            {node.balance === 'weighted' && (
              <PerReplicaField label={t('node.weights')} value={node.weights} placeholder={t('node.weightsPlaceholder')} onChange={(v) => set('weights', v)} error={err('weights')} testId="weights" />
            )}
            <PerReplicaField label={t('node.speed')} value={node.speed} placeholder={t('node.speedPlaceholder')} onChange={(v) => set('speed', v)} error={err('speed')} testId="speed" />
          </div>
          {node.kind !== 'external' && ((scenario.hosts ?? []).length > 0 || node.host !== undefined) && (
            <SelectField
              label={t('node.host')}
              value={node.host}
              testId="host"
              options={[{ value: '', label: t('node.hostNone') }, ...(scenario.hosts ?? []).map((h) => ({ value: h.id, label: h.label || h.id }))]}
              onChange={(v) => set('host', v)}
              error={err('host')}
            />
          )}
          {node.kind !== 'external' && node.host !== undefined && <p className="field-note">{t('node.hostHint')}</p>}
          {node.kind === 'service' && <MemoryEditor value={node.memory} workers={node.workers} set={set} err={err} />}
          <ContentionEditor value={node.contention} atOnce={('cpus' in node ? node.cpus : undefined) ?? node.workers ?? null} at={at} set={set} err={err} />
        </Section>
      )}

      {node.kind === 'service' && (
        <Section title={t('node.work')}>
          <DistEditor label={t('node.workField')} value={node.work} classes={classes} onChange={(d) => d && set('work', d)} errors={distErr('work')} testId="work" sweepPath={`${at}.work`} />
          <DistEditor label={t('node.background')} value={node.background} classes={classes} optional={t('placeholder.zeroMs')} onChange={(d) => set('background', d)} errors={distErr('background')} testId="background" sweepPath={`${at}.background`} />
          <p className="help">{t('node.backgroundHelp')}</p>
          <AutoscaleEditor node={node} scenario={scenario} set={set} err={err} />
        </Section>
      )}

      {(node.kind === 'gateway' || node.kind === 'external') && (
        <Section title={t('node.behaviour')}>
          {latency(node.kind === 'external')}
          <OptionalGroup label={t('node.rateLimitField')} enabled={Boolean(node.rateLimit)} onToggle={(on) => set('rateLimit', on ? { rate: 1000 } : undefined)}>
            {node.rateLimit && (
              <div className="field-grid">
                <NumberField label={t('rateLimit.rate')} unit="rps" value={node.rateLimit.rate} required onChange={(v) => v !== undefined && set('rateLimit.rate', v)} error={err('rateLimit.rate')} sweep={`${at}.rateLimit.rate`} />
                <NumberField label={t('rateLimit.burst')} value={node.rateLimit.burst} placeholder="1" onChange={(v) => set('rateLimit.burst', v)} error={err('rateLimit.burst')} />
              </div>
            )}
          </OptionalGroup>
        </Section>
      )}

      {node.kind === 'cache' && (
        <Section title={t('node.behaviour')}>
          {latency(false)}
          <CacheKeysEditor node={node} at={at} set={set} err={err}>
            <RatioField label={t('node.hitRatio')} value={node.hitRatio} classes={classes} onChange={(v) => set('hitRatio', v)} error={(f) => err(f ? `hitRatio.${f}` : 'hitRatio')} sweep={`${at}.hitRatio`} />
          </CacheKeysEditor>
          <SelectField
            label={t('node.onError')}
            value={node.onError}
            testId="cache-on-error"
            options={[{ value: '', label: t('placeholder.default', { v: t('node.onErrorFail') }) }, ...cacheErrorPolicies.map((p) => ({ value: p, label: t(p === 'fail' ? 'node.onErrorFail' : 'node.onErrorBypass') }))]}
            onChange={(v) => set('onError', v)}
            error={err('onError')}
          />
          <p className="help">{t('node.cacheHelp')}</p>
        </Section>
      )}

      {node.kind === 'queue' && (
        <Section title={t('node.behaviour')}>
          {latency(false)}
          <NumberField label={t('node.queueCapacity')} integer value={node.capacity} placeholder={t('placeholder.unlimited')} onChange={(v) => set('capacity', v)} error={err('capacity')} sweep={`${at}.capacity`} />
          <div className="field-grid">
            <NumberField label={t('node.partitions')} integer value={node.partitions} placeholder={t('placeholder.none')} onChange={(v) => set('partitions', v)} error={err('partitions')} hint={t('node.partitionsHint')} testId="partitions" sweep={`${at}.partitions`} />
            {(node.partitions !== undefined || node.partitionSkew !== undefined) && (
              <NumberField label={t('node.partitionSkew')} unit="percent" value={node.partitionSkew} placeholder="0%" onChange={(v) => set('partitionSkew', v)} error={err('partitionSkew')} hint={t('node.partitionSkewHint')} />
            )}
          </div>
          <p className="help">{t('node.queueHelp')}</p>
        </Section>
      )}

      {node.kind === 'database' && (
        <Section title={t('node.behaviour')}>
          {latency(true)}
          <Field label={t('node.writes')} error={err('writes')}>
            <div className="checks">
              {classes.map((c) => (
                <CheckField
                  key={c}
                  label={c}
                  checked={node.writes?.includes(c) ?? false}
                  onChange={(on) => {
                    const next = on ? [...(node.writes ?? []), c] : (node.writes ?? []).filter((x) => x !== c);
                    set('writes', next.length ? next : undefined);
                  }}
                />
              ))}
            </div>
          </Field>
          <CheckField label={t('node.readsOnPrimary')} checked={node.readsOnPrimary ?? false} onChange={(v) => set('readsOnPrimary', v || undefined)} />
          <div className="field-grid">
            <NumberField label={t('node.shards')} integer value={node.shards} placeholder="1" onChange={(v) => set('shards', v)} error={err('shards')} sweep={`${at}.shards`} />
            <NumberField label={t('node.shardSkew')} unit="percent" value={node.shardSkew} placeholder="0%" onChange={(v) => set('shardSkew', v)} error={err('shardSkew')} hint={t('node.shardSkewHint')} />
          </div>
        </Section>
      )}
    </div>
  );
}
