/**
 * A service's `memory`: the replica's limit, the base its runtime takes and what each
 * worker process adds, typed with units (`2Gi`, `512 MB`), and the fit they give: the
 * largest worker count that fits, beside the workers set.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Memory } from '../../../simulation/model/schema';
import { formatBytes } from '../../../simulation/findings/bytes';
import { parseBytes, workersThatFit } from '../../../simulation/model/memory';
import { Field, OptionalGroup } from './fields';

function BytesField(props: { label: string; value: number | undefined; placeholder?: string; required?: boolean; onChange: (v: number | undefined) => void; error?: string | undefined; hint?: string; testId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const shown = props.value === undefined ? '' : formatBytes(props.value);
  const [text, setText] = useState(shown);
  const [local, setLocal] = useState<string | null>(null);
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setText(shown);
  }, [shown]);
  return (
    <Field label={props.label} hint={props.hint} error={local ?? props.error} htmlFor={id}>
      <input
        id={id}
        type="text"
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
          const n = parseBytes(e.target.value);
          if (n === null) return setLocal(t('node.memoryNotBytes'));
          if (n === undefined && props.required) return setLocal(t('field.required'));
          setLocal(null);
          props.onChange(n);
        }}
        onBlur={() => {
          editing.current = false;
          setLocal(null);
          setText(shown);
        }}
      />
    </Field>
  );
}

export function MemoryEditor(props: { value: Memory | undefined; workers: number | undefined; set: (path: string, value: unknown) => void; err: (field: string) => string | undefined }) {
  const { t } = useTranslation();
  const m = props.value;
  const gi = 1024 ** 3;
  const fit = m ? workersThatFit(m) : 0;
  return (
    <OptionalGroup label={t('node.memory')} enabled={m !== undefined} onToggle={(on) => props.set('memory', on ? { limit: 2 * gi, base: gi / 4, perWorker: gi / 4 } : undefined)}>
      {m && (
        <>
          <div className="field-grid">
            <BytesField label={t('node.memoryLimit')} value={m.limit} required onChange={(v) => v !== undefined && props.set('memory.limit', v)} error={props.err('memory.limit')} hint={t('node.memoryUnitsHint')} testId="memory-limit" />
            <BytesField label={t('node.memoryBase')} value={m.base} placeholder="0 B" onChange={(v) => props.set('memory.base', v)} error={props.err('memory.base')} hint={t('node.memoryUnitsHint')} testId="memory-base" />
            <BytesField label={t('node.memoryPerWorker')} value={m.perWorker} required onChange={(v) => v !== undefined && props.set('memory.perWorker', v)} error={props.err('memory.perWorker')} hint={t('node.memoryUnitsHint')} testId="memory-per-worker" />
          </div>
          <p className={`field-note${props.workers === undefined || props.workers > fit ? ' warn' : ''}`} data-testid="memory-fit">
            {t('node.memoryFit', { fit, workers: props.workers ?? '∞' })}
          </p>
        </>
      )}
    </OptionalGroup>
  );
}
