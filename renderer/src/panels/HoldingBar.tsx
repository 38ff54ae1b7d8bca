/**
 * Where a node's held workers' time goes (the result's `nodes.<id>.holding`): one stacked
 * bar with a legend, so a caller whose workers look saturated shows at a glance that they
 * mostly wait on a callee (which is then the bottleneck or on the way to it).
 */
import { useTranslation } from 'react-i18next';
import type { NodeHolding } from '../../../simulation/model/result';
import { formatPercent } from '../i18n/format';

const calleeColors = ['#f59e0b', '#10b981', '#8b5cf6', '#ec4899', '#0ea5e9', '#84cc16'];

export function HoldingBar({ holding, label }: { holding: NodeHolding; label: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const parts = [
    { key: 'own', name: t('holding.own'), share: holding.own, color: '#2563eb' },
    { key: 'cpuWait', name: t('holding.cpuWait'), share: holding.cpuWait, color: '#93c5fd' },
    { key: 'poolWait', name: t('holding.poolWait'), share: holding.poolWait, color: '#f87171' },
    ...Object.entries(holding.callees).map(([id, share], k) => ({ key: `callee-${id}`, name: t('holding.callee', { node: label(id) }), share, color: calleeColors[k % calleeColors.length]! })),
  ].filter((p) => p.share >= 0.005);
  return (
    <div className="holding" data-testid="holding">
      <div className="estimate-title measured">{t('holding.title')}</div>
      <div className="holding-bar">
        {parts.map((p) => (
          <span key={p.key} style={{ width: `${p.share * 100}%`, background: p.color }} title={`${p.name} ${formatPercent(p.share, i18n.language, 0)}`} />
        ))}
      </div>
      <ul className="holding-legend">
        {parts.map((p) => (
          <li key={p.key}>
            <span className="swatch" style={{ background: p.color }} />
            {p.name} <b>{formatPercent(p.share, i18n.language, 0)}</b>
          </li>
        ))}
      </ul>
    </div>
  );
}
