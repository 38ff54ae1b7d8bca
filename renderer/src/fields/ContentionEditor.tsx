/**
 * A node's `contention` (USL coefficients σ and κ of its own work): the two fields, and
 * what they mean for this node — the slow-down at its replica's CPUs and the concurrency
 * at which a replica's throughput peaks, √((1 − σ) ÷ κ).
 */
import { useTranslation } from 'react-i18next';
import type { Contention } from '../../../simulation/model/schema';
import { uslFactor, uslPeak } from '../../../simulation/stats/uslLaw';
import { formatNumber } from '../i18n/format';
import { NumberField, OptionalGroup } from './fields';

export function ContentionEditor(props: {
  value: Contention | undefined;
  /** Own work one replica does at once at most: its CPUs (or workers); null when unlimited. */
  atOnce: number | null;
  at: string;
  set: (path: string, value: unknown) => void;
  err: (field: string) => string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const c = props.value;
  const peak = c ? uslPeak(c.serial ?? 0, c.crosstalk ?? 0) : null;
  return (
    <OptionalGroup label={t('node.contention')} enabled={c !== undefined} onToggle={(on) => props.set('contention', on ? { serial: 0.05, crosstalk: 0.001 } : undefined)}>
      {c && (
        <>
          <div className="field-grid">
            <NumberField label={t('node.contentionSerial')} value={c.serial} placeholder="0" onChange={(v) => props.set('contention.serial', v)} error={props.err('contention.serial')} hint={t('node.contentionSerialHint')} testId="contention-serial" sweep={`${props.at}.contention.serial`} />
            <NumberField label={t('node.contentionCrosstalk')} value={c.crosstalk} placeholder="0" onChange={(v) => props.set('contention.crosstalk', v)} error={props.err('contention.crosstalk')} hint={t('node.contentionCrosstalkHint')} testId="contention-crosstalk" sweep={`${props.at}.contention.crosstalk`} />
          </div>
          {props.err('contention') && <div className="field-error block">{props.err('contention')}</div>}
          <p className="help">{t('node.contentionHelp')}</p>
          {props.atOnce !== null && (
            <p className="field-note" data-testid="contention-at">
              {t('node.contentionAt', { n: formatNumber(props.atOnce, lang), factor: formatNumber(uslFactor(c.serial ?? 0, c.crosstalk ?? 0, props.atOnce), lang) })}
            </p>
          )}
          {peak !== null && (
            <p className="field-note" data-testid="contention-peak">
              {t('node.contentionPeak', { n: formatNumber(peak, lang) })}
            </p>
          )}
        </>
      )}
    </OptionalGroup>
  );
}
