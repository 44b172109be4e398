import type { OutgoingMail } from '../deps.ts';

const ROLE_NL: Record<string, string> = {
  municipality_delegate: 'gedelegeerde namens de gemeente',
  provider_delegate: 'gedelegeerde namens de aanbieder',
  chair: 'onafhankelijk voorzitter',
  secretariat: 'secretariaat',
  council_member: 'raadslid',
  observer: 'toehoorder',
};

export function invitationMail(input: {
  to: string;
  name: string;
  inviterName: string;
  tableName: string;
  organizationName: string;
  role: string;
  link: string;
  expiresAt: Date;
}): OutgoingMail {
  const expires = input.expiresAt.toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
  return {
    to: input.to,
    subject: `Uitnodiging: ${input.tableName}`,
    text: [
      `Beste ${input.name},`,
      '',
      `${input.inviterName} nodigt u uit voor "${input.tableName}" als ${ROLE_NL[input.role] ?? input.role} (${input.organizationName}).`,
      '',
      'Open deze link om uw account in te stellen en de tafel te openen:',
      input.link,
      '',
      `De link is eenmalig te gebruiken en geldig tot en met ${expires}.`,
      '',
      'Met vriendelijke groet,',
      'Tafelwerk',
    ].join('\n'),
  };
}

/* ---------------------------------------------------------------------------------------------------
 * Notifications. Each kind has one function that turns structured facts (table, section or report,
 * deadline, reason) into the in-app sentence, a short mail subject and the mail's lines; the call sites
 * pass facts, never sentences, so that every mail names the same things in the same words.
 * ------------------------------------------------------------------------------------------------- */

type SectionFacts = { table: string; section: string };
type RoundFacts = SectionFacts & { version: number; deadline: Date };

/** What a notification is about, by kind, as data. */
export type Notice =
  | ({ kind: 'round_opened' } & RoundFacts)
  | ({ kind: 'mediation_proposal' } & RoundFacts)
  | ({ kind: 'round_reminder' } & SectionFacts & { deadline: Date })
  | ({ kind: 'position_stale' } & RoundFacts)
  | ({ kind: 'objection_raised' } & RoundFacts & { organization: string; reason: string })
  | ({ kind: 'round_agreed' } & SectionFacts & { version: number })
  | ({ kind: 'round_objected' } & SectionFacts & { version: number })
  | ({ kind: 'round_not_all_responded' } & SectionFacts & { version: number })
  | ({ kind: 'escalated' } & SectionFacts & { by: string; reason: string })
  | ({ kind: 'referred' } & SectionFacts)
  | ({ kind: 'ruling_drafted' } & SectionFacts)
  | ({ kind: 'ruled' } & SectionFacts & { version: number })
  | {
      kind: 'report_published';
      table: string;
      report: string;
      shortName: string;
      revision: number;
      reason: string | null;
    }
  | { kind: 'question_asked'; table: string; report: string; question: string }
  | { kind: 'question_answered'; table: string; report: string; question: string; answer: string };

export type NoticeKind = Notice['kind'];

/** A notice as its call site gives it: the table's name is looked up once, by `notify`. */
export type NoticeFacts = Notice extends infer N ? (N extends Notice ? Omit<N, 'table'> : never) : never;

/** The words of a notification: the bell's sentence, the mail's subject and its lines (without greeting and link). */
export interface NoticeText {
  message: string;
  subject: string;
  lines: string[];
}

/** "16 maart" (subjects) and "maandag 16 maart 2026" (bodies): deadlines as Dutch readers write them. */
export const dutchDay = (at: Date) =>
  at.toLocaleDateString('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long' });
export const dutchDate = (at: Date) =>
  at.toLocaleDateString('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });

const where = (n: SectionFacts) => [`Tafel: ${n.table}`, `Sectie: ${n.section}`];
const until = (deadline: Date) => `Reageren kan tot en met ${dutchDate(deadline)}.`;
const quoted = (text: string) => text.split('\n').map((line) => `> ${line}`);

type Builders = { [K in NoticeKind]: (n: Extract<Notice, { kind: K }>) => NoticeText };

const NOTICES: Builders = {
  round_opened: (n) => ({
    message: `Instemmingsronde geopend voor “${n.section}” (versie ${n.version}); reageren kan tot en met ${dutchDay(n.deadline)}.`,
    subject: `Ronde geopend: '${n.section}'`,
    lines: [
      `Versie ${n.version} van '${n.section}' ligt voor in een instemmingsronde. Uw organisatie wordt gevraagd een standpunt in te nemen.`,
      '',
      ...where(n),
      `Termijn: ${until(n.deadline)}`,
    ],
  }),
  mediation_proposal: (n) => ({
    message: `De voorzitter legt een compromisvoorstel voor “${n.section}” voor (versie ${n.version}); reageren kan tot en met ${dutchDay(n.deadline)}.`,
    subject: `Compromisvoorstel: '${n.section}'`,
    lines: [
      `De voorzitter legt een compromisvoorstel voor '${n.section}' voor (versie ${n.version}). Uw organisatie wordt gevraagd een standpunt in te nemen.`,
      '',
      ...where(n),
      `Termijn: ${until(n.deadline)}`,
    ],
  }),
  round_reminder: (n) => ({
    message: `Herinnering: uw organisatie heeft nog geen standpunt over “${n.section}”; de termijn loopt af op ${dutchDay(n.deadline)}.`,
    subject: `Herinnering: reageer voor ${dutchDay(n.deadline)} op '${n.section}'`,
    lines: [
      `Uw organisatie heeft nog geen standpunt ingenomen over '${n.section}'.`,
      '',
      ...where(n),
      `Termijn: ${until(n.deadline)}`,
    ],
  }),
  position_stale: (n) => ({
    message: `Uw instemming met “${n.section}” betreft een eerdere versie; versie ${n.version} vraagt om een nieuw standpunt.`,
    subject: `Nieuwe versie: '${n.section}'`,
    lines: [
      `De instemming van uw organisatie met '${n.section}' betreft een eerdere versie. Versie ${n.version} vraagt om een nieuw standpunt.`,
      '',
      ...where(n),
      `Termijn: ${until(n.deadline)}`,
    ],
  }),
  objection_raised: (n) => ({
    message: `${n.organization} maakt bezwaar tegen “${n.section}” (versie ${n.version}).`,
    subject: `Bezwaar op '${n.section}'`,
    lines: [
      `${n.organization} maakt bezwaar tegen versie ${n.version} van '${n.section}'. De reden:`,
      ...quoted(n.reason),
      '',
      ...where(n),
      `De ronde loopt tot en met ${dutchDate(n.deadline)}.`,
    ],
  }),
  round_agreed: (n) => ({
    message: `“${n.section}” is vastgesteld: iedereen stemde in met versie ${n.version}.`,
    subject: `Vastgesteld: '${n.section}'`,
    lines: [`Iedereen stemde in met versie ${n.version} van '${n.section}': de tekst is vastgesteld.`, '', ...where(n)],
  }),
  round_objected: (n) => ({
    message: `De ronde over “${n.section}” is gesloten met bezwaar; de sectie wacht op herziening of escalatie.`,
    subject: `Ronde gesloten met bezwaar: '${n.section}'`,
    lines: [
      `De ronde over versie ${n.version} van '${n.section}' is gesloten met bezwaar. De sectie wacht op herziening of escalatie.`,
      '',
      ...where(n),
    ],
  }),
  round_not_all_responded: (n) => ({
    message: `De ronde over “${n.section}” is gesloten zonder dat alle organisaties reageerden; er is geen consensus.`,
    subject: `Geen consensus: '${n.section}'`,
    lines: [
      `De ronde over versie ${n.version} van '${n.section}' is gesloten zonder dat alle organisaties reageerden; er is geen consensus.`,
      '',
      ...where(n),
    ],
  }),
  escalated: (n) => ({
    message: `${n.by} legt het bezwaar over “${n.section}” aan u voor: ${n.reason}`,
    subject: `Escalatie: '${n.section}'`,
    lines: [`${n.by} legt het bezwaar over '${n.section}' aan u voor. De reden:`, ...quoted(n.reason), '', ...where(n)],
  }),
  referred: (n) => ({
    message: `De voorzitter verwijst “${n.section}” naar de gemeenten: consensus is niet bereikt. De gemeenten doen een uitspraak.`,
    subject: `Verwezen naar de gemeenten: '${n.section}'`,
    lines: [
      `De voorzitter verwijst '${n.section}' naar de gemeenten: consensus is niet bereikt. De gemeenten doen een uitspraak.`,
      '',
      ...where(n),
    ],
  }),
  ruling_drafted: (n) => ({
    message: `Er ligt een concept-uitspraak van de gemeenten over “${n.section}”; zij wacht op onderschrijving door de gemeenten.`,
    subject: `Concept-uitspraak: '${n.section}'`,
    lines: [
      `Er ligt een concept-uitspraak van de gemeenten over '${n.section}'; zij wacht op onderschrijving door de gemeenten.`,
      '',
      ...where(n),
    ],
  }),
  ruled: (n) => ({
    message: `De gemeenten hebben uitspraak gedaan over “${n.section}” (versie ${n.version}). Bezwaren blijven zichtbaar als minderheidsstandpunt.`,
    subject: `Uitspraak op '${n.section}'`,
    lines: [
      `De gemeenten hebben uitspraak gedaan over '${n.section}' (versie ${n.version}). Bezwaren blijven zichtbaar als minderheidsstandpunt.`,
      '',
      ...where(n),
    ],
  }),
  report_published: (n) => ({
    message:
      n.revision > 1
        ? `${n.report} gepubliceerd (revisie ${n.revision}: ${n.reason ?? ''})`
        : `${n.report} gepubliceerd`,
    subject: `${n.shortName} gepubliceerd${n.revision > 1 ? ` (revisie ${n.revision})` : ''}`,
    lines: [
      `De ${n.report.charAt(0).toLowerCase()}${n.report.slice(1)} is gepubliceerd.`,
      ...(n.revision > 1 ? [`Revisie ${n.revision}, met als reden: ${n.reason ?? ''}`] : []),
      '',
      `Tafel: ${n.table}`,
      `Rapportage: ${n.report}`,
    ],
  }),
  question_asked: (n) => ({
    message: `Er is een raadsvraag gesteld over de ${n.report.charAt(0).toLowerCase()}${n.report.slice(1)}.`,
    subject: `Raadsvraag over ${n.report}`,
    lines: ['Er is een raadsvraag gesteld:', ...quoted(n.question), '', `Tafel: ${n.table}`, `Rapportage: ${n.report}`],
  }),
  question_answered: (n) => ({
    message: `Uw raadsvraag over de ${n.report.charAt(0).toLowerCase()}${n.report.slice(1)} is beantwoord.`,
    subject: 'Antwoord op uw raadsvraag',
    lines: [
      'Uw vraag:',
      ...quoted(n.question),
      '',
      'Het antwoord:',
      ...quoted(n.answer),
      '',
      `Tafel: ${n.table}`,
      `Rapportage: ${n.report}`,
    ],
  }),
};

export function noticeText(notice: Notice): NoticeText {
  return (NOTICES[notice.kind] as (n: Notice) => NoticeText)(notice);
}

const FOOTER_IMMEDIATE =
  'U krijgt deze berichten direct. Op de startpagina van Tafelwerk kiest u een dagelijks overzicht.';

/** One notification by mail: greeting, what happened, where, the deadline, the deep link. */
export function noticeMail(input: {
  to: string;
  name: string;
  tableId: string;
  text: NoticeText;
  /** Absolute: the public base and the in-app link. */
  link: string;
}): OutgoingMail {
  return {
    to: input.to,
    tableId: input.tableId,
    subject: input.text.subject,
    text: [
      `Beste ${input.name},`,
      '',
      ...input.text.lines,
      '',
      `Direct naar de plek: ${input.link}`,
      '',
      'Met vriendelijke groet,',
      'Tafelwerk',
      '',
      FOOTER_IMMEDIATE,
    ].join('\n'),
  };
}

/** The daily digest: every notification since the last one, oldest first, each with its table and link. */
export function digestMail(input: {
  to: string;
  name: string;
  items: ReadonlyArray<{ table: string | null; message: string; link: string | null }>;
}): OutgoingMail {
  const n = input.items.length;
  return {
    to: input.to,
    subject: `Tafelwerk: ${n} ${n === 1 ? 'bericht' : 'berichten'} van de afgelopen dag`,
    text: [
      `Beste ${input.name},`,
      '',
      `Dit is uw dagelijkse overzicht van Tafelwerk (${n} ${n === 1 ? 'bericht' : 'berichten'}).`,
      ...input.items.flatMap((item, i) => [
        '',
        `${i + 1}. ${item.message}`,
        ...(item.table ? [`   Tafel: ${item.table}`] : []),
        ...(item.link ? [`   ${item.link}`] : []),
      ]),
      '',
      'Met vriendelijke groet,',
      'Tafelwerk',
      '',
      'U krijgt één overzicht per dag, om 7.00 uur. Op de startpagina van Tafelwerk kiest u voor directe berichten.',
    ].join('\n'),
  };
}
