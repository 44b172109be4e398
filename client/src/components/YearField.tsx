import { FormField, FormLabel, Textbox } from '@utrecht/component-library-react/css-module';

/** A required year between 2000 and 2100 (plan periods, baselines), kept as the text the person typed. */
export function YearField(props: { id: string; label: string; value: string; onChange: (value: string) => void }) {
  return (
    <FormField>
      <FormLabel htmlFor={props.id}>{props.label}</FormLabel>
      <Textbox
        id={props.id}
        type="number"
        required
        min={2000}
        max={2100}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </FormField>
  );
}
