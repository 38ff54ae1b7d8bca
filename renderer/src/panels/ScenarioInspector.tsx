/**
 * Inspector when nothing is selected: the model as a whole (name, classes,
 * currency, the estimate's verdict), run settings and SLO, faults, and what-if
 * analyses.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scenario } from '../../../simulation/model/schema';
import { kindOf } from '../../../simulation/model/kinds';
import { renameClass, removeClass, setIn } from '../model/operations';
import { uniqueId } from '../model/newScenario';
import { edgeKeys } from '../model/edgeKeys';
import { applyQuickFix, quickFixText } from '../model/quickFixes';
import { useAnalysis } from '../stores/analysis';
import { useSession, useStores } from '../stores/context';
import { formatPercent } from '../i18n/format';
import { UiIcon } from '../ui/UiIcon';
import { AddButton, NumberField, Section, SelectField, TextField } from '../fields/fields';
import { useEdit } from '../fields/editing';
import { WhatIfSetup } from './WhatIfSetup';
import { HostsSection } from './HostsSection';

type Tab = 'model' | 'run' | 'faults' | 'whatIf';

export function ScenarioInspector({ scenario }: { scenario: Scenario }) {
  const { t } = useTranslation();
  const tab = useSession((s) => s.scenarioTab);
  const stores = useStores();
  const tabs: Tab[] = ['model', 'run', 'faults', 'whatIf'];
  return (
    <div className="inspector-body" data-testid="scenario-inspector">
      <div className="tabs" role="tablist" aria-label={t('scenario.title')}>
        {tabs.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className={`tab${tab === k ? ' active' : ''}`} onClick={() => stores.session.getState().setScenarioTab(k)}>
            {t(`scenario.tab.${k}`)}
          </button>
        ))}
      </div>
      <Problems scenario={scenario} />
      {tab === 'model' && <ModelTab scenario={scenario} />}
      {tab === 'run' && <RunTab scenario={scenario} />}
      {tab === 'faults' && <FaultsTab scenario={scenario} />}
      {tab === 'whatIf' && <WhatIfTab scenario={scenario} />}
    </div>
  );
}

/** A long list is cut here so the inspector's fields stay in reach; the rest is one click away. */
const shownProblems = 12;

/** Every problem the validator found, each a button that selects what it is about. */
function Problems({ scenario }: { scenario: Scenario }) {
  const { t } = useTranslation();
  const stores = useStores();
  const { issues } = useAnalysis();
  const [all, setAll] = useState(false);
  if (scenario.nodes.length === 0 || issues.all.length === 0) return null;
  // Only "not connected yet": the model is unfinished, not wrong, so it is said softly.
  const unfinished = issues.all.every((i) => i.unconnected);
  const keys = edgeKeys(scenario.edges);
  const go = (path: string) => {
    const n = /^nodes\[(\d+)\]/.exec(path);
    const e = /^edges\[(\d+)\]/.exec(path);
    const node = n ? scenario.nodes[Number(n[1])] : undefined;
    if (node) stores.session.getState().select({ nodes: [node.id], edges: [] });
    else if (e && keys[Number(e[1])]) stores.session.getState().select({ nodes: [], edges: [keys[Number(e[1])]!] });
    else if (/^(run|slo)\b/.test(path)) stores.session.getState().setScenarioTab('run');
    else if (/^faults\b/.test(path)) stores.session.getState().setScenarioTab('faults');
    else if (/^hosts\b/.test(path)) stores.session.getState().setScenarioTab('model');
    else if (/^whatIf\b/.test(path)) stores.session.getState().setScenarioTab('whatIf');
  };
  return (
    <div className={`problems${unfinished ? ' unfinished' : ''}`} role="region" aria-label={t(unfinished ? 'modelBuilding.unfinished' : 'problems.title', { count: issues.all.length })} data-testid="problems">
      <div className="problems-title">{t(unfinished ? 'modelBuilding.unfinished' : 'problems.title', { count: issues.all.length })}</div>
      <ul>
        {issues.all.slice(0, all ? undefined : shownProblems).map((i, k) => (
          <li key={k}>
            <button type="button" className="problem" onClick={() => go(i.path)}>
              {i.path && <code>{i.path}</code>} {i.message}
            </button>
            {i.fix && (
              <button type="button" className="button small quick-fix" data-testid="quick-fix" onClick={() => stores.document.getState().edit((d) => void applyQuickFix(d, i))}>
                {t(quickFixText(i.fix).key, quickFixText(i.fix).values)}
              </button>
            )}
          </li>
        ))}
      </ul>
      {!all && issues.all.length > shownProblems && (
        <button type="button" className="button small" data-testid="problems-show-all" onClick={() => setAll(true)}>
          {t('problems.showAll', { n: issues.all.length })}
        </button>
      )}
    </div>
  );
}

function useOther() {
  const { issues } = useAnalysis();
  return (path: string) => issues.other.get(path);
}

function ModelTab({ scenario }: { scenario: Scenario }) {
  const { t, i18n } = useTranslation();
  const edit = useEdit();
  const err = useOther();
  const { estimate } = useAnalysis();
  const lang = i18n.language;
  const overloaded = Object.entries(estimate.nodes).filter(([, e]) => e.overloaded);
  const label = (id: string) => scenario.nodes.find((n) => n.id === id)?.label ?? id;
  const classes = scenario.classes ?? [];
  return (
    <>
      <Section title={t('scenario.model')}>
        <TextField label={t('scenario.name')} value={scenario.name} onChange={(v) => edit('name', (d) => void (d.name = v))} error={err('name')} testId="scenario-name" />
        <TextField label={t('scenario.description')} value={scenario.description} multiline onChange={(v) => edit('description', (d) => setIn(d as unknown as Record<string, unknown>, ['description'], v || undefined))} />
        <TextField label={t('scenario.currency')} value={scenario.cost?.currency} placeholder="USD" onChange={(v) => edit('currency', (d) => setIn(d as unknown as Record<string, unknown>, ['cost'], v ? { currency: v.toUpperCase() } : undefined))} error={err('cost.currency')} />
      </Section>
      {scenario.nodes.length > 0 && (
        <Section title={t('estimate.title')}>
          <div className={`estimate-card${overloaded.length ? ' overloaded' : ''}`}>
            {estimate.bottleneck ? (
              <p>
                {t('estimate.bottleneck', { node: label(estimate.bottleneck.node), v: formatPercent(estimate.bottleneck.utilization, lang, 0) })}
                {estimate.approximate && <span className="muted"> ({t('estimate.upperBound')})</span>}
              </p>
            ) : (
              <p className="muted">{t('estimate.noCapacity')}</p>
            )}
            {overloaded.length > 0 && <div className="estimate-warning">{t('estimate.overloadedList', { nodes: overloaded.map(([id]) => label(id)).join(', ') })}</div>}
            {(scenario.events?.length ?? 0) > 0 && (
              <p className="muted" data-testid="estimate-events-note">
                {t('events.estimateNote', { count: scenario.events!.length })}
              </p>
            )}
          </div>
        </Section>
      )}
      <Section
        title={t('scenario.classes')}
        action={
          <AddButton
            label={t('scenario.addClass')}
            onClick={() =>
              edit(`class-add-${classes.length}`, (d) => {
                const taken = new Set((d.classes ?? []).map((c) => c.id));
                if (!d.classes || d.classes.length === 0) {
                  d.classes = [{ id: 'default' }];
                  taken.add('default');
                }
                d.classes.push({ id: uniqueId('class', taken) });
              })
            }
          />
        }
      >
        {classes.length === 0 && <p className="help">{t('scenario.noClasses')}</p>}
        {classes.map((c, i) => (
          <div className="row-inline" key={`${i}`}>
            <TextField label={t('scenario.classId')} value={c.id} commitOnBlur onChange={(v) => edit(`class-id-${i}`, (d) => void renameClass(d, c.id, v))} error={err(`classes[${i}].id`)} />
            <TextField label={t('scenario.classLabel')} value={c.label} placeholder={c.id} onChange={(v) => edit(`class-label-${i}`, (d) => setIn(d.classes![i] as unknown as Record<string, unknown>, ['label'], v || undefined))} />
            <button type="button" className="icon-button align-end" aria-label={t('common.remove')} onClick={() => edit(`class-rm-${c.id}`, (d) => removeClass(d, c.id))}>
              <UiIcon name="trash" size={14} />
            </button>
          </div>
        ))}
      </Section>
      <HostsSection scenario={scenario} err={err} />
    </>
  );
}

function RunTab({ scenario }: { scenario: Scenario }) {
  const { t } = useTranslation();
  const edit = useEdit();
  const err = useOther();
  const run = scenario.run;
  const setRun = (k: string, v: number | undefined) => edit(`run.${k}`, (d) => setIn(d.run as unknown as Record<string, unknown>, [k], v));
  const slo = scenario.slo ?? {};
  const setSlo = (k: string, v: number | undefined) =>
    edit(`slo.${k}`, (d) => {
      setIn(d as unknown as Record<string, unknown>, ['slo', k], v);
      if (d.slo && Object.keys(d.slo).length === 0) delete d.slo;
    });
  // Completion bounds only mean something apart from the latency's when work goes on after the answer.
  const hasAsync = scenario.edges.some((e) => e.mode === 'async') || scenario.nodes.some((n) => kindOf(n).broker || ('background' in n && n.background !== undefined));
  const setCompletion = (k: string, v: number | undefined) =>
    edit(`slo.completion.${k}`, (d) => {
      setIn(d as unknown as Record<string, unknown>, ['slo', 'completion', k], v);
      if (d.slo?.completion && Object.keys(d.slo.completion).length === 0) delete d.slo.completion;
      if (d.slo && Object.keys(d.slo).length === 0) delete d.slo;
    });
  return (
    <>
      <Section title={t('run.settings')}>
        <div className="field-grid">
          <NumberField label={t('run.duration')} unit="s" value={run.duration} required onChange={(v) => v !== undefined && setRun('duration', v)} error={err('run.duration')} testId="run-duration" />
          <NumberField label={t('run.warmup')} unit="s" value={run.warmup} placeholder="0" onChange={(v) => setRun('warmup', v)} error={err('run.warmup')} />
          <NumberField label={t('run.replications')} integer value={run.replications} placeholder="1" onChange={(v) => setRun('replications', v)} error={err('run.replications')} testId="run-replications" />
          <NumberField label={t('run.seed')} integer value={run.seed} placeholder="1" onChange={(v) => setRun('seed', v)} error={err('run.seed')} />
          <NumberField label={t('run.confidence')} unit="percent" value={run.confidence} placeholder="95" onChange={(v) => setRun('confidence', v)} error={err('run.confidence')} />
        </div>
        <p className="help">{t('run.help')}</p>
      </Section>
      <Section title={t('slo.title')}>
        <div className="field-grid">
          {(['mean', 'p50', 'p95', 'p99'] as const).map((k) => (
            <NumberField key={k} label={t(`slo.${k}`)} unit="ms" value={slo[k]} placeholder={t('placeholder.none')} onChange={(v) => setSlo(k, v)} error={err(`slo.${k}`)} testId={`slo-${k}`} />
          ))}
          <NumberField label={t('slo.errorRate')} unit="percent" value={slo.errorRate} placeholder={t('placeholder.none')} onChange={(v) => setSlo('errorRate', v)} error={err('slo.errorRate')} />
          <NumberField label={t('slo.throughput')} unit="rps" value={slo.throughput} placeholder={t('placeholder.none')} onChange={(v) => setSlo('throughput', v)} error={err('slo.throughput')} />
        </div>
        {hasAsync && (
          <>
            <div className="field-grid">
              {(['p50', 'p95', 'p99'] as const).map((k) => (
                <NumberField key={k} label={t(`slo.completion.${k}`)} unit="s" value={slo.completion?.[k]} placeholder={t('placeholder.none')} onChange={(v) => setCompletion(k, v)} error={err(`slo.completion.${k}`)} testId={`slo-completion-${k}`} />
              ))}
            </div>
            <p className="help">{t('slo.completionHelp')}</p>
          </>
        )}
      </Section>
    </>
  );
}

function FaultsTab({ scenario }: { scenario: Scenario }) {
  const { t } = useTranslation();
  const edit = useEdit();
  const err = useOther();
  const faults = scenario.faults ?? [];
  const targets = scenario.nodes.filter((n) => !kindOf(n).source);
  return (
    <Section
      title={t('faults.title')}
      action={
        <AddButton
          label={t('faults.add')}
          disabled={targets.length === 0}
          onClick={() =>
            edit(`fault-add-${faults.length}`, (d) => {
              d.faults = [...(d.faults ?? []), { node: targets[0]!.id, at: Math.round((d.run.warmup ?? 0) + d.run.duration / 3), for: 60 }];
            })
          }
        />
      }
    >
      {faults.length === 0 && <p className="help">{t('faults.none')}</p>}
      {faults.map((f, i) => {
        const set = (k: string, v: unknown) => edit(`fault-${i}-${k}`, (d) => setIn(d.faults![i] as unknown as Record<string, unknown>, [k], v));
        return (
          <div className="fault-card" key={i}>
            <div className="row-inline">
              <SelectField label={t('faults.node')} value={f.node} options={targets.map((n) => ({ value: n.id, label: n.label || n.id }))} onChange={(v) => v && set('node', v)} error={err(`faults[${i}].node`)} />
              <button
                type="button"
                className="icon-button align-end"
                aria-label={t('common.remove')}
                onClick={() =>
                  edit(`fault-rm-${i}`, (d) => {
                    d.faults = d.faults!.filter((_, j) => j !== i);
                    if (d.faults.length === 0) delete d.faults;
                  })
                }
              >
                <UiIcon name="trash" size={14} />
              </button>
            </div>
            <div className="field-grid">
              <NumberField label={t('faults.at')} unit="s" value={f.at} required onChange={(v) => v !== undefined && set('at', v)} error={err(`faults[${i}].at`)} />
              <NumberField label={t('faults.for')} unit="s" value={f.for} required onChange={(v) => v !== undefined && set('for', v)} error={err(`faults[${i}].for`)} />
              <NumberField label={t('faults.replicas')} integer value={f.replicas} placeholder="1" onChange={(v) => set('replicas', v)} error={err(`faults[${i}].replicas`)} />
              <NumberField label={t('faults.replica')} integer value={f.replica} placeholder={t('faults.highestFirst')} onChange={(v) => set('replica', v)} error={err(`faults[${i}].replica`)} />
            </div>
          </div>
        );
      })}
      <p className="help">{t('faults.help')}</p>
    </Section>
  );
}

/** The sweep's setup (shared with the what-if panel) and the capacity search's bounds. */
function WhatIfTab({ scenario }: { scenario: Scenario }) {
  const { t } = useTranslation();
  const edit = useEdit();
  const err = useOther();
  const stores = useStores();
  const load = scenario.whatIf?.load;
  return (
    <>
      <Section title={t('whatIf.sweep')}>
        <WhatIfSetup scenario={scenario} />
        <button type="button" className="link-button small" onClick={() => stores.session.getState().showDock('whatIf')}>
          {t('whatIf.showPanel')}
        </button>
      </Section>
      {load && (
        <Section title={t('whatIf.searchBounds')}>
          <div className="field-grid">
            {(['min', 'max'] as const).map((k) => (
              <NumberField key={k} label={t(`whatIf.${k}`)} unit="rps" value={load[k]} placeholder={t('placeholder.auto')} onChange={(v) => edit(`whatIf-${k}`, (d) => setIn(d.whatIf!.load! as unknown as Record<string, unknown>, [k], v))} error={err(`whatIf.load.${k}`)} />
            ))}
            <NumberField label={t('whatIf.precision')} unit="percent" value={load.precision} placeholder={t('placeholder.auto')} onChange={(v) => edit('whatIf-precision', (d) => setIn(d.whatIf!.load! as unknown as Record<string, unknown>, ['precision'], v))} error={err('whatIf.load.precision')} />
          </div>
          <p className="help">{t('whatIf.cliHint')}</p>
        </Section>
      )}
    </>
  );
}
