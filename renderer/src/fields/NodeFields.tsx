/**
 * Node fields more than one kind composes (or that are a control of their own): a
 * node's latency, its rate limit, and a ratio that may differ by class.
 */
import { useTranslation } from 'react-i18next';
import type { DistSpec, RatioSpec } from '../../../simulation/model/schema';
import { DistEditor } from './DistEditor';
import { NumberField, OptionalGroup, Section } from './fields';

interface NodeFieldProps {
  classes: string[];
  at: string;
  set: (path: string, value: unknown) => void;
  err: (field: string) => string | undefined;
}

const under = (err: NodeFieldProps['err'], field: string) => (f: string) => err(f ? `${field}.${f}` : field);

/** The node's own latency; an optional one shows the zero it stands for. */
export function LatencyField({ value, required, classes, at, set, err }: NodeFieldProps & { value: DistSpec | undefined; required: boolean }) {
  const { t } = useTranslation();
  return (
    <DistEditor
      label={t('node.latency')}
      value={value}
      classes={classes}
      optional={required ? undefined : t('placeholder.zeroMs')}
      onChange={(d) => set('latency', d)}
      errors={under(err, 'latency')}
      testId="latency"
      sweepPath={`${at}.latency`}
    />
  );
}

/** A token bucket in front of the node, off until ticked. */
export function RateLimitField({ value, at, set, err }: Omit<NodeFieldProps, 'classes'> & { value: { rate: number; burst?: number } | undefined }) {
  const { t } = useTranslation();
  return (
    <OptionalGroup label={t('node.rateLimitField')} enabled={Boolean(value)} onToggle={(on) => set('rateLimit', on ? { rate: 1000 } : undefined)}>
      {value && (
        <div className="field-grid">
          <NumberField label={t('rateLimit.rate')} unit="rps" value={value.rate} required onChange={(v) => v !== undefined && set('rateLimit.rate', v)} error={err('rateLimit.rate')} sweep={`${at}.rateLimit.rate`} />
          <NumberField label={t('rateLimit.burst')} value={value.burst} placeholder="1" onChange={(v) => set('rateLimit.burst', v)} error={err('rateLimit.burst')} />
        </div>
      )}
    </OptionalGroup>
  );
}

/** The behaviour of a node in front of others (a gateway, an external system): its latency and a rate limit. */
export function LimitedSection(props: NodeFieldProps & { latency: DistSpec | undefined; latencyRequired: boolean; rateLimit: { rate: number; burst?: number } | undefined }) {
  const { t } = useTranslation();
  return (
    <Section title={t('node.behaviour')}>
      <LatencyField value={props.latency} required={props.latencyRequired} classes={props.classes} at={props.at} set={props.set} err={props.err} />
      <RateLimitField value={props.rateLimit} at={props.at} set={props.set} err={props.err} />
    </Section>
  );
}

/** A ratio (a cache's hit ratio) for all classes, or one per class with a default. */
export function RatioField({ label, value, classes, onChange, error, sweep }: { label: string; value: RatioSpec | undefined; classes: string[]; onChange: (v: RatioSpec | undefined) => void; error: (f: string) => string | undefined; sweep?: string }) {
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
