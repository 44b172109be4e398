import { Checkbox, Fieldset, FieldsetLegend } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import type { OrganizationRef } from '../../../shared/api.ts';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';

interface Props {
  idPrefix: string;
  legend: string;
  organizations: readonly OrganizationRef[];
  selected: readonly string[];
  onChange(selected: string[]): void;
  disabled?: boolean;
  /** A save button of its own (managing a section); absent inside a form that saves everything at once. */
  children?: ReactNode;
  /** Why saving them failed, if it did. */
  error?: unknown;
  /** The confirmation after saving them (role=status, so screen readers hear it too). */
  status?: string | null;
}

/** Checkboxes for the organizations that write a section: the table's member organizations. */
export function DraftersField({
  idPrefix,
  legend,
  organizations,
  selected,
  onChange,
  disabled,
  children,
  error,
  status,
}: Props) {
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected.filter((s) => s !== id), id] : selected.filter((s) => s !== id));
  return (
    <Fieldset>
      <FieldsetLegend>{legend}</FieldsetLegend>
      <div className="tw-checks">
        {organizations.map((organization) => (
          <Field type="checkbox" key={organization.id} id={`${idPrefix}-${organization.id}`} label={organization.name}>
            <Checkbox
              checked={selected.includes(organization.id)}
              disabled={disabled}
              onChange={(e) => toggle(organization.id, e.target.checked)}
            />
          </Field>
        ))}
      </div>
      {children}
      {error ? <ErrorAlert error={error} /> : null}
      {status !== undefined ? <StatusMessage text={status} /> : null}
    </Fieldset>
  );
}
