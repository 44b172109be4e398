import { FormField, FormFieldDescription, FormLabel } from '@utrecht/component-library-react';
import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';

/**
 * What a field hands its control (an Utrecht Textbox, Textarea, Select, Checkbox or RadioButton): the id its
 * label points at, the hint and error that describe it, and whether it is invalid (Utrecht's `invalid` sets
 * aria-invalid and the invalid style).
 */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  invalid?: true;
}

interface Props {
  label: ReactNode;
  /** A description under the label, announced with the control. */
  hint?: ReactNode;
  /** When set the field is invalid: the text is shown (and announced) above the control. */
  error?: ReactNode;
  /** The control's id; a generated one when absent. The hint is `${id}-help`, the error `${id}-error`. */
  id?: string;
  /** A checkbox or radio button comes before its label. */
  type?: 'checkbox' | 'radio';
  className?: string;
  /**
   * The control: a render prop that spreads the given props on it, or a single element that gets them
   * merged in (its own aria-describedby comes after the field's).
   */
  children: ((control: FieldControlProps) => ReactNode) | ReactElement<Partial<FieldControlProps>>;
}

/** One form field: label, optional hint and error text, and the control, tied together for assistive technology. */
export function Field({ label, hint, error, id: givenId, type, className, children }: Props) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const invalid = error !== undefined && error !== null && error !== false;
  const hintId = hint ? `${id}-help` : undefined;
  const errorId = invalid ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const controlProps: FieldControlProps = {
    id,
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(invalid ? { 'aria-invalid': true as const, invalid: true as const } : {}),
  };

  let control: ReactNode;
  if (typeof children === 'function') {
    control = children(controlProps);
  } else if (isValidElement(children)) {
    const own = children.props['aria-describedby'];
    const merged = [describedBy, own].filter(Boolean).join(' ') || undefined;
    control = cloneElement(children, { ...controlProps, ...(merged ? { 'aria-describedby': merged } : {}) });
  } else {
    control = children;
  }

  const labelNode = (
    <FormLabel htmlFor={id} type={type}>
      {label}
    </FormLabel>
  );
  const hintNode = hint ? <FormFieldDescription id={hintId}>{hint}</FormFieldDescription> : null;
  const errorNode = invalid ? (
    <p className="tw-field-error" id={errorId} role="alert">
      {error}
    </p>
  ) : null;

  return (
    <FormField type={type} invalid={invalid} className={className}>
      {type ? (
        <>
          {control}
          {labelNode}
          {hintNode}
          {errorNode}
        </>
      ) : (
        <>
          {labelNode}
          {hintNode}
          {errorNode}
          {control}
        </>
      )}
    </FormField>
  );
}
