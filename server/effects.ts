import type { TextBlock } from './collab/render.ts';
import type { AppDeps, CollabControl, DocumentSnapshot, OutgoingMail } from './deps.ts';
import { ApiError } from './http/errors.ts';
import { sendMail } from './mail/send.ts';
import { noticeMail, type NoticeText } from './mail/templates.ts';
import { publicBase } from './notifications/links.ts';

/**
 * What a command leaves for after its commit, as data: `applyEffects` carries it out.
 * In-app notifications are not among them: they are rows, written in the command's transaction.
 */
export type Effect = MailEffect | NoticeMailEffect | LockEffect | RecheckEffect;

/** A mail to send (and keep in the outbox). */
export interface MailEffect {
  mail: OutgoingMail;
}

/**
 * A notification's mail. Its link is in-app (`/sections/<id>#position-form`) and made absolute only when
 * sent: commands, the scheduler's included, do not know the public address; `base` is used when the
 * command does know it (from its request), else the configured one.
 */
export interface NoticeMailEffect {
  noticeMail: { to: string; name: string; tableId: string; text: NoticeText; link: string; base?: string };
}

/** A live document's room follows the lock the database now holds for it. */
export interface LockEffect {
  docName: string;
  locked: boolean;
}

/** A person's open connections are decided again (their role at a table changed). */
export interface RecheckEffect {
  recheckUser: string;
}

/**
 * A document whose content a command replaces (a compromise, a ruling): `{ docName, blocks }`. It is
 * carried out BEFORE the command's transaction, not after, because the new version must freeze the
 * replaced document's state; see `replaceDocument`.
 */
export interface DocumentReplacement {
  docName: string;
  blocks: TextBlock[];
}

export type EffectDeps = Pick<AppDeps, 'db' | 'mail' | 'clock' | 'log' | 'collab'> & Partial<Pick<AppDeps, 'config'>>;

/**
 * Carries out a committed command's effects: rooms follow their locks first (they gate edits), then
 * connections are decided again, then mails go out. Each effect is guarded: the action has committed,
 * so a failing mail or co-editing call is logged and never undoes it or fails the request.
 */
export async function applyEffects(deps: EffectDeps, effects: readonly Effect[]): Promise<void> {
  const locks = new Map<string, boolean>();
  for (const effect of effects) if ('locked' in effect) locks.set(effect.docName, effect.locked);
  for (const [docName, locked] of locks) {
    await guarded(deps, 'lock change failed', { docName, locked }, () => deps.collab?.setLocked(docName, locked));
  }
  for (const userId of new Set(effects.flatMap((e) => ('recheckUser' in e ? [e.recheckUser] : [])))) {
    await guarded(deps, 'connection recheck failed', { userId }, () => deps.collab?.recheckUser(userId));
  }
  for (const effect of effects) {
    const mail =
      'mail' in effect
        ? effect.mail
        : 'noticeMail' in effect
          ? noticeMail({
              ...effect.noticeMail,
              link: `${effect.noticeMail.base ?? publicBase(deps.config ?? {})}${effect.noticeMail.link}`,
            })
          : null;
    if (!mail) continue;
    await guarded(deps, 'notification mail failed', { to: mail.to }, () => sendMail(deps, mail));
  }
}

async function guarded(
  deps: EffectDeps,
  message: string,
  fields: Record<string, unknown>,
  work: () => Promise<unknown> | undefined,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    deps.log?.('error', message, { ...fields, error: String(error) });
  }
}

/** The co-editing rooms, for the commands that cannot do without them (503 in a runtime without). */
export function requireCollab(deps: Pick<AppDeps, 'collab'>): CollabControl {
  if (!deps.collab) throw new ApiError(503, 'internal', 'co-editing is not available in this runtime');
  return deps.collab;
}

/**
 * Replaces a live document's content, structure for structure, and returns its stored state. Unlike
 * the effects above this runs BEFORE the command's transaction: the version the transaction records
 * must freeze exactly the replaced document. Not guarded: if it fails, nothing has been committed.
 */
export function replaceDocument(
  deps: Pick<AppDeps, 'collab'>,
  replacement: DocumentReplacement,
): Promise<DocumentSnapshot> {
  return requireCollab(deps).replaceContent(replacement.docName, replacement.blocks);
}
