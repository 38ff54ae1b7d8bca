/**
 * Inspector field controls. Numbers are shown in the units people think in (ms,
 * %, req/s) and stored in the file's units; an empty field means "use the
 * default", which the placeholder names. Typing into one field is one undo step.
 */
import { createContext, useContext, useEffect, useId, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fromDisplay, parseTyped, toDisplay, unitLabelKey, type Unit } from '../model/units';
import { useStores } from '../stores/context';
import { UiIcon } from '../ui/UiIcon';

/**
 * The "Sweep this" button a field with a `sweep` path shows. The shell provides it: adding
 * to the what-if sweep is an action, a layer above these controls (and the node kinds that
 * compose them), so the controls take it from context rather than importing it.
 */
export const SweepSlot = createContext<ComponentType<{ path: string; label: string }> | null>(null);

export function Field({ label, hint, error, children, htmlFor, wide, action }: { label: string; hint?: string; error?: string | undefined; children: ReactNode; htmlFor?: string; wide?: boolean; action?: ReactNode }) {
  const labelEl = (
    <label className="field-label" htmlFor={htmlFor} title={hint}>
      {label}
    </label>
  );
  return (
    <div className={`field${error ? ' has-error' : ''}${wide ? ' wide' : ''}`}>
      {action ? (
        <div className="field-head">
          {labelEl}
          {action}
        </div>
      ) : (
        labelEl
      )}
      <div className="field-control">{children}</div>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/** Ends the open typing step when the field loses focus, so the next field starts a new one. */
function useSealOnBlur() {
  const stores = useStores();
  return () => {
    if (stores.document.getState().openKey?.startsWith('field:')) stores.document.getState().endGesture();
  };
}

export function NumberField(props: {
  label: string;
  value: number | undefined;
  unit?: Unit;
  placeholder?: string;
  onChange: (value: number | undefined) => void;
  error?: string | undefined;
  integer?: boolean;
  required?: boolean;
  hint?: string;
  testId?: string;
  /** Override path (`nodes.api.replicas`) that a "Sweep this" button next to the label adds to the what-if sweep. */
  sweep?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const unit = props.unit ?? 'plain';
  const shown = props.value === undefined ? '' : String(toDisplay(props.value, unit));
  const [text, setText] = useState(shown);
  const [local, setLocal] = useState<string | null>(null);
  const editing = useRef(false);
  const seal = useSealOnBlur();
  // Follow outside changes (undo, another field) unless the user is mid-typing.
  useEffect(() => {
    if (!editing.current) setText(shown);
  }, [shown]);
  const unitKey = unitLabelKey[unit];
  const Sweep = useContext(SweepSlot);
  return (
    <Field label={props.label} hint={props.hint} error={local ?? props.error} htmlFor={id} action={props.sweep && Sweep ? <Sweep path={props.sweep} label={props.label} /> : undefined}>
      <div className="input-with-unit">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          className="input"
          value={text}
          placeholder={props.placeholder}
          aria-invalid={Boolean(local ?? props.error)}
          data-testid={props.testId}
          onFocus={() => {
            editing.current = true;
          }}
          onChange={(e) => {
            setText(e.target.value);
            const n = parseTyped(e.target.value);
            if (n === null) return setLocal(t('field.notANumber'));
            if (n === undefined && props.required) return setLocal(t('field.required'));
            if (n !== undefined && props.integer && !Number.isInteger(n)) return setLocal(t('field.wholeNumber'));
            setLocal(null);
            props.onChange(n === undefined ? undefined : fromDisplay(n, unit));
          }}
          onBlur={() => {
            editing.current = false;
            setLocal(null);
            setText(shown);
            seal();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
          }}
        />
        {unitKey && <span className="unit">{t(unitKey)}</span>}
      </div>
    </Field>
  );
}

export function TextField(props: { label: string; value: string | undefined; placeholder?: string; onChange: (v: string) => void; error?: string | undefined; multiline?: boolean; commitOnBlur?: boolean; testId?: string }) {
  const id = useId();
  const [text, setText] = useState(props.value ?? '');
  const editing = useRef(false);
  const seal = useSealOnBlur();
  useEffect(() => {
    if (!editing.current) setText(props.value ?? '');
  }, [props.value]);
  const common = {
    id,
    className: 'input',
    value: text,
    placeholder: props.placeholder,
    'data-testid': props.testId,
    onFocus: () => {
      editing.current = true;
    },
    onChange: (e: { target: { value: string } }) => {
      setText(e.target.value);
      if (!props.commitOnBlur) props.onChange(e.target.value);
    },
    onBlur: () => {
      editing.current = false;
      if (props.commitOnBlur && text !== (props.value ?? '')) props.onChange(text);
      seal();
    },
  };
  return (
    <Field label={props.label} error={props.error} htmlFor={id} wide={props.multiline}>
      {props.multiline ? (
        <textarea {...common} rows={2} />
      ) : (
        <input
          {...common}
          type="text"
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
            if (e.key === 'Escape' && props.commitOnBlur) {
              setText(props.value ?? '');
              editing.current = false;
            }
          }}
        />
      )}
    </Field>
  );
}

export function SelectField<V extends string>(props: { label: string; value: V | undefined; options: { value: V | ''; label: string }[]; onChange: (v: V | undefined) => void; error?: string | undefined; testId?: string }) {
  const id = useId();
  return (
    <Field label={props.label} error={props.error} htmlFor={id}>
      <select id={id} className="input" value={props.value ?? ''} onChange={(e) => props.onChange((e.target.value || undefined) as V | undefined)} data-testid={props.testId}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function CheckField(props: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string }) {
  const id = useId();
  return (
    <div className="field check-field">
      <input id={id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={id} title={props.hint}>
        {props.label}
      </label>
    </div>
  );
}

export function Section({ title, children, action, defaultOpen = true }: { title: string; children: ReactNode; action?: ReactNode; defaultOpen?: boolean }) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <section className="inspector-section">
      <div className="section-head">
        <button type="button" className="section-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          <span className={`chevron${open ? ' open' : ''}`} aria-hidden="true">
            ›
          </span>
          {title}
        </button>
        {action}
      </div>
      {open && <div className="section-body">{children}</div>}
    </section>
  );
}

/** A switch that adds or removes an optional object (rate limit, autoscale, breaker). */
export function OptionalGroup({ label, enabled, onToggle, children }: { label: string; enabled: boolean; onToggle: (on: boolean) => void; children: ReactNode }) {
  return (
    <div className={`optional-group${enabled ? ' on' : ''}`}>
      <CheckField label={label} checked={enabled} onChange={onToggle} />
      {enabled && <div className="optional-body">{children}</div>}
    </div>
  );
}

/** The "+" of a section that holds a list (classes, faults, hosts): an icon button named by its label. */
export function AddButton(props: { label: string; onClick: () => void; disabled?: boolean; testId?: string }) {
  return (
    <button type="button" className="icon-button" aria-label={props.label} title={props.label} disabled={props.disabled} onClick={props.onClick} data-testid={props.testId}>
      <UiIcon name="plus" size={14} />
    </button>
  );
}
