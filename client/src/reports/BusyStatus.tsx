import { Alert, Paragraph } from '@utrecht/component-library-react';

/**
 * A live region that is always in the page (so screen readers announce what changes in it): a progress
 * bar with its text while something takes seconds, then the result. Never a frozen page.
 */
export function BusyStatus({ busy, busyText, done }: { busy: boolean; busyText: string; done: string | null }) {
  return (
    <div role="status" aria-live="polite" className="tw-status" data-testid="busy-status">
      {busy ? (
        <Paragraph data-testid="busy-progress">
          <progress aria-label={busyText} /> {busyText}
        </Paragraph>
      ) : done ? (
        <Alert type="ok">
          <Paragraph>{done}</Paragraph>
        </Alert>
      ) : null}
    </div>
  );
}
