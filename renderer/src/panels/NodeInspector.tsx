/**
 * Inspector of one node: identity, what the estimate (and the last run) say about
 * it, then the sections of its kind (renderer/src/kinds: capacity, work, the kind's
 * own settings). Empty fields show the default they stand for.
 */
import { displayedUtilization, utilizationText } from '../../../simulation/measures/utilization';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scenario, ScenarioNode } from '../../../simulation/model/schema';
import { idPattern } from '../../../simulation/model/schema';
import { kindNamed } from '../../../simulation/model/kinds';
import { renameNode } from '../model/operations';
import { issueFor } from '../model/validation';
import { useAnalysis } from '../stores/analysis';
import { useDocument, useRuns } from '../stores/context';
import { formatDuration, formatNumber, formatPercent } from '../i18n/format';
import { KindIcon } from '../diagram/icons/KindIcon';
import { viewOf } from '../kinds';
import { NumberField, Section, TextField } from '../fields/fields';
import { HoldingBar } from './HoldingBar';
import { useEdit, useNodeSetter } from '../fields/editing';
import { toFillText } from '../model/toFill';

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
  const at = `nodes.${node.id}`;
  const view = viewOf(node.kind);
  const color = view.color;
  const source = kindNamed(node.kind).source;

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
      <EstimateCard id={node.id} source={source} label={(id) => scenario.nodes.find((n) => n.id === id)?.label || id} />

      <Section title={t('node.identity')}>
        <TextField label={t('node.label')} value={node.label} onChange={(v) => set('label', v)} error={err('label')} testId="node-label" />
        <IdField node={node} />
        <TextField label={t('node.description')} value={node.description} multiline onChange={(v) => set('description', v || undefined)} />
        {/* A source is the load, not something one runs and pays for per replica. */}
        {!source && (
          <NumberField label={t('node.cost', { currency: currency || '¤' })} unit="money" value={node.cost} placeholder="0" onChange={(v) => set('cost', v)} error={err('cost')} hint={t('node.costHint')} sweep={`${at}.cost`} />
        )}
      </Section>

      <view.Sections node={node} scenario={scenario} classes={classes} at={at} set={set} err={err} />
    </div>
  );
}
