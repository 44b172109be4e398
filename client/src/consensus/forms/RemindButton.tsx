import { Button, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { api, ApiError } from '../../api/client.ts';
import { ErrorAlert, StatusMessage } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

/** POST /api/rounds/:id/remind (server/consensus/remind.ts): who was reminded, and when it may be done again. */
export interface RemindReply {
  notified: number;
  remindedAt: string;
}

/**
 * "Herinner nu" for the round's opener and the chair: the delegates of the organizations that have not
 * responded get a notification. The server allows it once a day per round and says when it is too soon.
 */
export function RemindButton({ roundId, waiting }: { roundId: string; waiting: number }) {
  const { t, formatDateTime } = useI18n();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tooSoon, setTooSoon] = useState<string | null>(null);

  async function remind() {
    setBusy(true);
    setStatus(null);
    setError(null);
    setTooSoon(null);
    try {
      const reply = await api<RemindReply>('POST', `/api/rounds/${encodeURIComponent(roundId)}/remind`, {});
      setStatus(t('round.remind.done', { count: reply.notified }));
    } catch (cause) {
      const details =
        cause instanceof ApiError ? (cause.details as { reason?: string; nextAt?: string } | undefined) : undefined;
      if (details?.reason === 'reminded_recently' && details.nextAt) {
        setTooSoon(t('round.remind.tooSoon', { date: formatDateTime(details.nextAt) }));
      } else setError(cause);
    } finally {
      setBusy(false);
    }
  }

  if (waiting === 0) return null;
  return (
    <div className="tw-remind" data-testid="round-remind-box">
      <Button
        appearance="secondary-action-button"
        disabled={busy}
        onClick={() => void remind()}
        data-testid="round-remind"
      >
        {t('round.remind.button')}
      </Button>
      <Paragraph small className="tw-muted">
        {t('round.remind.help')}
      </Paragraph>
      {tooSoon ? (
        <Paragraph role="status" data-testid="round-remind-too-soon">
          {tooSoon}
        </Paragraph>
      ) : null}
      <ErrorAlert error={error} />
      <StatusMessage text={status} />
    </div>
  );
}
