import { useId } from 'react';

/**
 * Why a button cannot be used yet, said beside it and tied to it (aria-describedby), so nobody is left
 * wondering at a greyed-out button. `reason` null: the button can be used, nothing is shown.
 */
export function useDisabledReason(reason: string | null) {
  const id = useId();
  return {
    /** Spread on the button. */
    describedBy: reason ? { 'aria-describedby': id } : {},
    hint: reason ? (
      <span id={id} className="tw-disabled-reason" data-testid="disabled-reason">
        {reason}
      </span>
    ) : null,
  };
}
