import { Checkbox, Fieldset, FieldsetLegend } from '@utrecht/component-library-react/css-module';
import type { OrganizationRef } from '../../../shared/api.ts';
import { Field } from '../components/Field.tsx';

interface Props {
  idPrefix: string;
  legend: string;
  organizations: readonly OrganizationRef[];
  selected: readonly string[];
  onChange(selected: string[]): void;
  disabled?: boolean;
}

/** Checkboxes for the organizations that write a section: the table's member organizations. */
export function DraftersField({ idPrefix, legend, organizations, selected, onChange, disabled }: Props) {
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
    </Fieldset>
  );
}
