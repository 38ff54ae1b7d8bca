/**
 * A service's autoscaler: what it scales on (busy workers, CPU as the Kubernetes HPA
 * does, arrivals per replica, or a queue's backlog as KEDA does), the target that
 * metric needs, and the HPA's stabilization windows.
 */
import { useTranslation } from 'react-i18next';
import type { Autoscale, AutoscaleMetricName, Scenario, ServiceNode } from '../../../simulation/model/schema';
import { kindOf } from '../../../simulation/model/kinds';
import { NumberField, OptionalGroup, SelectField } from './fields';

/** What a new autoscaler scales on: CPU, as the HPA does, since busy workers say little about an async server. */
export function newAutoscale(node: ServiceNode): Autoscale {
  return { min: node.replicas ?? 1, max: Math.max(4, (node.replicas ?? 1) * 4), metric: 'cpu', targetUtilization: 0.6 };
}

/**
 * The autoscaler with `metric` and its target: the target of the metric chosen is kept
 * or given a typical value, the others' are dropped (they would only be ignored).
 */
export function withMetric(a: Autoscale, metric: AutoscaleMetricName, scenario: Scenario, nodeId: string): Autoscale {
  const { targetUtilization, targetRps, queue, targetBacklog, ...rule } = a;
  switch (metric) {
    case 'workers':
    case 'cpu':
      return { ...rule, metric, targetUtilization: targetUtilization ?? 0.6 };
    case 'rps':
      return { ...rule, metric, targetRps: targetRps ?? 100 };
    case 'backlog': {
      // The queue that delivers to this node is the one its consumers drain.
      const queues = scenario.nodes.filter((n) => kindOf(n).broker).map((n) => n.id);
      const feeding = scenario.edges.find((e) => e.to === nodeId && queues.includes(e.from))?.from;
      const chosen = queue ?? feeding ?? queues[0];
      return { ...rule, metric, ...(chosen !== undefined ? { queue: chosen } : {}), targetBacklog: targetBacklog ?? 20 };
    }
  }
}

export function AutoscaleEditor({ node, scenario, set, err }: { node: ServiceNode; scenario: Scenario; set: (path: string, value: unknown) => void; err: (field: string) => string | undefined }) {
  const { t } = useTranslation();
  const a = node.autoscale;
  const metric = a?.metric ?? 'workers';
  const metricLabels: Record<AutoscaleMetricName, string> = {
    workers: t('autoscale.metricWorkers'),
    cpu: t('autoscale.metricCpu'),
    rps: t('autoscale.metricRps'),
    backlog: t('autoscale.metricBacklog'),
  };
  const queues = scenario.nodes.filter((n) => kindOf(n).broker);
  return (
    <OptionalGroup label={t('node.autoscale')} enabled={Boolean(a)} onToggle={(on) => set('autoscale', on ? newAutoscale(node) : undefined)}>
      {a && (
        <div className="field-grid">
          <NumberField label={t('autoscale.min')} integer value={a.min} required onChange={(v) => v !== undefined && set('autoscale.min', v)} error={err('autoscale.min')} />
          <NumberField label={t('autoscale.max')} integer value={a.max} required onChange={(v) => v !== undefined && set('autoscale.max', v)} error={err('autoscale.max')} />
          <SelectField
            label={t('autoscale.metric')}
            value={metric}
            options={(Object.keys(metricLabels) as AutoscaleMetricName[]).map((m) => ({ value: m, label: metricLabels[m] }))}
            onChange={(m) => m && set('autoscale', withMetric(a, m, scenario, node.id))}
            error={err('autoscale.metric')}
            testId="autoscale-metric"
          />
          {(metric === 'workers' || metric === 'cpu') && (
            <NumberField
              label={metric === 'cpu' ? t('autoscale.targetCpu') : t('autoscale.target')}
              unit="percent"
              value={a.targetUtilization}
              required
              onChange={(v) => v !== undefined && set('autoscale.targetUtilization', v)}
              error={err('autoscale.targetUtilization')}
              testId="autoscale-target"
            />
          )}
          {metric === 'rps' && (
            <NumberField label={t('autoscale.targetRps')} unit="rps" value={a.targetRps} required onChange={(v) => v !== undefined && set('autoscale.targetRps', v)} error={err('autoscale.targetRps')} testId="autoscale-target" />
          )}
          {metric === 'backlog' && (
            <>
              <SelectField
                label={t('autoscale.queue')}
                value={a.queue}
                options={[{ value: '', label: t('autoscale.queueNone') }, ...queues.map((q) => ({ value: q.id, label: q.label || q.id }))]}
                onChange={(q) => set('autoscale.queue', q)}
                error={err('autoscale.queue')}
                testId="autoscale-queue"
              />
              <NumberField label={t('autoscale.targetBacklog')} value={a.targetBacklog} required onChange={(v) => v !== undefined && set('autoscale.targetBacklog', v)} error={err('autoscale.targetBacklog')} testId="autoscale-target" />
            </>
          )}
          <NumberField label={t('autoscale.interval')} unit="s" value={a.interval} placeholder="15" onChange={(v) => set('autoscale.interval', v)} error={err('autoscale.interval')} />
          <NumberField label={t('autoscale.startup')} unit="s" value={a.startup} placeholder="30" onChange={(v) => set('autoscale.startup', v)} error={err('autoscale.startup')} />
          <NumberField label={t('autoscale.cooldown')} unit="s" value={a.cooldown} placeholder="60" onChange={(v) => set('autoscale.cooldown', v)} error={err('autoscale.cooldown')} />
          {(['scaleUpStabilization', 'scaleDownStabilization'] as const).map((w) => (
            <NumberField
              key={w}
              label={w === 'scaleUpStabilization' ? t('autoscale.scaleUpStabilization') : t('autoscale.scaleDownStabilization')}
              unit="s"
              value={a[w]}
              placeholder="0"
              hint={t('autoscale.stabilizationHint')}
              onChange={(v) => set(`autoscale.${w}`, v)}
              error={err(`autoscale.${w}`)}
            />
          ))}
        </div>
      )}
    </OptionalGroup>
  );
}
