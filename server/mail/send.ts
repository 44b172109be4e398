import type { AppDeps, OutgoingMail } from '../deps.ts';

/**
 * Delivers a mail through the configured transport and keeps a copy in the outbox, with the
 * delivery error if there was one: a failed SMTP delivery must never fail the action that sent it.
 * Call it after the action's transaction has committed.
 */
export async function sendMail(
  deps: Pick<AppDeps, 'db' | 'mail' | 'clock' | 'log'>,
  mail: OutgoingMail,
): Promise<boolean> {
  let error: string | null = null;
  try {
    await deps.mail.deliver(mail);
  } catch (cause) {
    error = cause instanceof Error ? cause.message : String(cause);
    deps.log?.('error', 'mail delivery failed', { to: mail.to, subject: mail.subject, error });
  }
  await deps.db.query(
    `insert into mail_outbox (to_address, subject, text_body, created_at, delivered_via, error, table_id)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [mail.to, mail.subject, mail.text, deps.clock.now(), deps.mail.kind, error, mail.tableId ?? null],
  );
  return error === null;
}
