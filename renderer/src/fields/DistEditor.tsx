/**
 * Editor of a distribution (`Dist`) or of a per-class map of them: a kind select
 * and its parameters in milliseconds. Switching kind keeps the mean, so the
 * model's load does not jump when only the shape changes.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dist, DistSpec } from '../../../simulation/model/schema';
import { distMean } from '../../../simulation/estimate/estimate';
import { NumberField, TextField, Field } from './fields';
import { fromDisplay, toDisplay } from '../model/units';

const kinds = ['exponential', 'constant', 'uniform', 'erlang', 'lognormal', 'hyperexponential', 'empirical'] as const;
type Kind = (typeof kinds)[number];

export function withMean(kind: Kind, mean: number, previous?: Dist): Dist {
  switch (kind) {
    case 'exponential':
      return { dist: 'exponential', mean };
    case 'constant':
      return { dist: 'constant', value: mean };
    case 'uniform':
      return { dist: 'uniform', min: mean / 2, max: (mean * 3) / 2 };
    case 'erlang':
      return { dist: 'erlang', mean, k: previous?.dist === 'erlang' ? previous.k : 3 };
    case 'lognormal':
      return { dist: 'lognormal', mean: mean || 0.001, cv: previous?.dist === 'lognormal' || previous?.dist === 'hyperexponential' ? Math.max(0.1, previous.cv) : 1 };
    case 'hyperexponential':
      return { dist: 'hyperexponential', mean: mean || 0.001, cv: previous?.dist === 'hyperexponential' ? previous.cv : 2 };
    case 'empirical':
      return { dist: 'empirical', samples: [mean] };
  }
}

function DistRow({ label, value, onChange, errors, optional, testId, sweepPath }: { label: string; value: Dist | undefined; onChange: (d: Dist | undefined) => void; errors?: (field: string) => string | undefined; optional?: string; testId?: string; sweepPath?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const mean = value ? distMean(value) : 0;
  const err = (f: string) => errors?.(f);
  return (
    <div className="dist-row">
      <Field label={label} htmlFor={id} error={err('')}>
        <select
          id={id}
          className="input"
          value={value?.dist ?? ''}
          data-testid={testId ? `${testId}-kind` : undefined}
          onChange={(e) => {
            const k = e.target.value as Kind | '';
            onChange(k === '' ? undefined : withMean(k, mean || 0.01, value));
          }}
        >
          {optional !== undefined && <option value="">{optional}</option>}
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`dist.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      {value && (
        <div className="field-grid">
          {(value.dist === 'exponential' || value.dist === 'erlang' || value.dist === 'lognormal' || value.dist === 'hyperexponential') && (
            <NumberField label={t('dist.mean')} unit="ms" value={value.mean} required onChange={(v) => v !== undefined && onChange({ ...value, mean: v })} error={err('mean')} testId={testId ? `${testId}-mean` : undefined} sweep={sweepPath && `${sweepPath}.mean`} />
          )}
          {value.dist === 'constant' && <NumberField label={t('dist.value')} unit="ms" value={value.value} required onChange={(v) => v !== undefined && onChange({ ...value, value: v })} error={err('value')} testId={testId ? `${testId}-mean` : undefined} sweep={sweepPath && `${sweepPath}.value`} />}
          {value.dist === 'uniform' && (
            <>
              <NumberField label={t('dist.min')} unit="ms" value={value.min} required onChange={(v) => v !== undefined && onChange({ ...value, min: v })} error={err('min')} />
              <NumberField label={t('dist.max')} unit="ms" value={value.max} required onChange={(v) => v !== undefined && onChange({ ...value, max: v })} error={err('max')} />
            </>
          )}
          {value.dist === 'erlang' && <NumberField label={t('dist.k')} integer value={value.k} required onChange={(v) => v !== undefined && onChange({ ...value, k: v })} error={err('k')} hint={t('dist.kHint')} />}
          {(value.dist === 'lognormal' || value.dist === 'hyperexponential') && (
            <NumberField label={t('dist.cv')} value={value.cv} required onChange={(v) => v !== undefined && onChange({ ...value, cv: v })} error={err('cv')} hint={t('dist.cvHint')} />
          )}
          {value.dist === 'empirical' && (
            <TextField
              label={t('dist.samples')}
              value={value.samples.map((s) => toDisplay(s, 'ms')).join(', ')}
              commitOnBlur
              error={err('samples')}
              onChange={(text) => {
                const samples = text
                  .split(/[,;\s]+/)
                  .filter(Boolean)
                  .map((x) => fromDisplay(Number(x), 'ms'))
                  .filter((x) => Number.isFinite(x));
                onChange({ dist: 'empirical', samples });
              }}
            />
          )}
        </div>
      )}
    </div>
  );
}

export function DistEditor(props: {
  label: string;
  value: DistSpec | undefined;
  onChange: (d: DistSpec | undefined) => void;
  classes: string[];
  /** Label of the "not set" choice when the field is optional (e.g. "0 ms"). */
  optional?: string;
  errors?: (field: string) => string | undefined;
  testId?: string;
  /** Override path of the distribution (`nodes.api.work`): its mean gets a "Sweep this" button while it is one distribution. */
  sweepPath?: string;
}) {
  const { t } = useTranslation();
  const { value, onChange, classes } = props;
  const perClass = value !== undefined && 'byClass' in value;
  const canSplit = classes.length > 1 || perClass;
  return (
    <div className="dist-editor">
      {!perClass ? (
        <DistRow label={props.label} value={value as Dist | undefined} onChange={onChange} errors={props.errors} optional={props.optional} testId={props.testId} sweepPath={props.sweepPath} />
      ) : (
        <div className="by-class">
          <div className="field-label">{props.label}</div>
          {classes.map((c) => (
            <DistRow
              key={c}
              label={t('dist.forClass', { cls: c })}
              value={Object.hasOwn(value.byClass, c) ? value.byClass[c] : undefined}
              optional={t('dist.useDefault')}
              testId={props.testId ? `${props.testId}-${c}` : undefined}
              errors={(f) => props.errors?.(`byClass.${c}${f ? `.${f}` : ''}`)}
              onChange={(d) => {
                const byClass = { ...value.byClass };
                if (d) byClass[c] = d;
                else delete byClass[c];
                onChange({ ...value, byClass });
              }}
            />
          ))}
          <DistRow
            label={t('dist.default')}
            value={value.default}
            optional={t('dist.none')}
            errors={(f) => props.errors?.(`default${f ? `.${f}` : ''}`)}
            onChange={(d) => {
              const next = { ...value };
              if (d) next.default = d;
              else delete next.default;
              onChange(next);
            }}
          />
        </div>
      )}
      {canSplit && (
        <button
          type="button"
          className="link-button small"
          onClick={() => {
            if (perClass) onChange(value.default ?? Object.values(value.byClass)[0]);
            else onChange({ byClass: {}, ...(value ? { default: value as Dist } : {}) });
          }}
        >
          {perClass ? t('dist.sameForAll') : t('dist.perClass')}
        </button>
      )}
    </div>
  );
}
