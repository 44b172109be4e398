import { Checkbox, Fieldset, FieldsetLegend, FormField, FormLabel } from '@utrecht/component-library-react/css-module';
import type { OrganizationRef } from '../../../shared/api.ts';

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
          <FormField type="checkbox" key={organization.id}>
            <Checkbox
              id={`${idPrefix}-${organization.id}`}
              checked={selected.includes(organization.id)}
              disabled={disabled}
              onChange={(e) => toggle(organization.id, e.target.checked)}
            />
            <FormLabel htmlFor={`${idPrefix}-${organization.id}`} type="checkbox">
              {organization.name}
            </FormLabel>
          </FormField>
        ))}
      </div>
    </Fieldset>
  );
}
