import { Textbox } from '@utrecht/component-library-react';
import { Field } from './Field.tsx';

/** A required year between 2000 and 2100 (plan periods, baselines), kept as the text the person typed. */
export function YearField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Why the server refused the year, in the catalog's words (see fieldError). */
  error?: string | undefined;
}) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      <Textbox
        type="number"
        required
        min={2000}
        max={2100}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Field>
  );
}
