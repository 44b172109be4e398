import type { MailTransport } from '../deps.ts';

/**
 * Mail through an HTTP mail API, for runtimes without SMTP (Workers): one POST per mail with
 * `{ from, to, subject, text }` as JSON and the key as a bearer token (Resend's /emails takes exactly
 * this; another provider needs a small adapter in front). A refusal throws with the provider's status and
 * the start of its answer, which sendMail keeps in the outbox beside the mail.
 */
export function httpMailApi(options: { url: string; token: string; from: string }): MailTransport {
  return {
    kind: 'api',
    async deliver(mail) {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        body: JSON.stringify({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text }),
      });
      const answer = await response.text();
      if (!response.ok) throw new Error(`mail API answered ${response.status}: ${answer.slice(0, 200)}`);
    },
  };
}
