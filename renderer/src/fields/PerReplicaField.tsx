/** `weights` and `speed`: one positive number per replica, typed as a comma-separated list. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from './fields';

/** The numbers of "3, 1, 1" (commas or spaces); null when any is not a positive number. */
export function parsePerReplica(text: string): number[] | null {
  const parts = text.split(/[\s,，]+/).filter((p) => p !== '');
  const values = parts.map(Number);
  return values.every((v) => Number.isFinite(v) && v > 0) ? values : null;
}

export function PerReplicaField(props: { label: string; value: number[] | undefined; placeholder: string; onChange: (v: number[] | undefined) => void; error: string | undefined; testId: string }) {
  const { t } = useTranslation();
  const [bad, setBad] = useState(false);
  return (
    <TextField
      label={props.label}
      value={props.value?.join(', ')}
      placeholder={props.placeholder}
      commitOnBlur
      testId={props.testId}
      error={bad ? t('node.perReplicaBad') : props.error}
      onChange={(text) => {
        const values = parsePerReplica(text);
        setBad(values === null);
        if (values !== null) props.onChange(values.length === 0 ? undefined : values);
      }}
    />
  );
}
