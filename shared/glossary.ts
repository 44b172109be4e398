/**
 * The glossary (woordenlijst): one Dutch term per concept, used everywhere the app speaks Dutch (UI,
 * mails, notifications, PDFs), with its English term (the second locale and the API docs). Pure data,
 * after domain.md's glossary. `test/unit/vocabulary.test.ts` fails when a rejected synonym comes back;
 * README.md ("Glossary / Woordenlijst") lists the same table.
 */

/** A synonym that is not used: the word as the README lists it and the pattern that finds it. */
export interface Rejected {
  word: string;
  pattern: RegExp;
  /** A text matching this uses the word in another, legitimate sense (e.g. accepting an invitation). */
  unless?: RegExp;
  /** Only message-catalog entries whose key matches this are checked (the word is right elsewhere). */
  keys?: RegExp;
}

export interface GlossaryEntry {
  /** The concept, in English (domain.md's name for it). */
  concept: string;
  /** The Dutch term, used everywhere. */
  nl: string;
  /** The English term (messages.en.ts and the API docs). */
  en: string;
  /** Why this term, where there was a choice. */
  why?: string;
  /** Dutch synonyms that are not used. */
  rejected: readonly Rejected[];
  /** English synonyms that are not used (messages.en.ts). */
  rejectedEn?: readonly Rejected[];
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    concept: 'table',
    nl: 'ontwikkeltafel (kort: tafel)',
    en: 'table',
    rejected: [{ word: 'overlegtafel', pattern: /overlegtafel/i }],
  },
  {
    concept: 'plan',
    nl: 'transformatieplan (kort: plan)',
    en: 'plan',
    rejected: [{ word: 'plan van aanpak', pattern: /plan van aanpak/i }],
  },
  {
    concept: 'section',
    nl: 'sectie',
    en: 'section',
    rejected: [
      { word: 'hoofdstuk', pattern: /hoofdstuk/i },
      { word: 'paragraaf', pattern: /\bparagra(af|fen)\b/i },
    ],
  },
  {
    concept: 'principle',
    nl: 'uitgangspunt',
    en: 'principle',
    rejected: [{ word: 'principe', pattern: /\bprincipes?\b/i }],
  },
  {
    concept: 'goal',
    nl: 'doel (transformatiedoel)',
    en: 'goal',
    rejected: [{ word: 'doelstelling', pattern: /doelstelling/i }],
  },
  {
    concept: 'KPI',
    nl: 'KPI (mv. KPI’s)',
    en: 'KPI',
    why: '“Indicator” is only the label of a KPI’s name field.',
    rejected: [
      { word: 'indicatoren', pattern: /indicatoren/i },
      { word: 'kengetal', pattern: /kengetal/i },
    ],
    rejectedEn: [{ word: 'indicators', pattern: /\bindicators\b/i }],
  },
  {
    concept: 'baseline',
    nl: 'nulmeting',
    en: 'baseline',
    rejected: [
      // "op basis van" (based on) is another sense.
      { word: 'basis, basiswaarde', pattern: /\bbasis(waarden?)?\b(?! van)/i },
      { word: 'beginwaarde', pattern: /beginwaarde/i },
    ],
  },
  {
    concept: 'target (a KPI’s value for a year)',
    nl: 'doelwaarde',
    en: 'target',
    why: '“Doel” is the goal; a target is a doelwaarde.',
    rejected: [
      { word: 'streefwaarde', pattern: /streefwaarde/i },
      { word: 'doel (for a target)', pattern: /(?<!landelijk )\bdoel (voor )?\$?\{/i },
      { word: 'doel (for a target)', pattern: /\bdoel\b/i, keys: /target/i },
    ],
  },
  {
    concept: 'measurement',
    nl: 'meting',
    en: 'measurement',
    rejected: [{ word: 'cijfer (for one measurement)', pattern: /laatste cijfer/i }],
    rejectedEn: [{ word: 'figure (for one measurement)', pattern: /latest figure/i }],
  },
  {
    concept: 'member organization',
    nl: 'organisatie (deelnemende organisatie)',
    en: 'organization',
    why: 'Positions belong to organizations (domain.md).',
    rejected: [{ word: 'partij', pattern: /\bpartij(en)?\b/i }],
    rejectedEn: [{ word: 'party', pattern: /\bpart(y|ies)\b/i, unless: /commissioning party/i }],
  },
  {
    concept: 'consent round',
    nl: 'instemmingsronde (kort: ronde)',
    en: 'consent round',
    rejected: [
      { word: 'consentronde', pattern: /consentronde/i },
      { word: 'stemronde', pattern: /stemronde/i },
    ],
  },
  {
    concept: 'position',
    nl: 'standpunt',
    en: 'position',
    rejected: [{ word: 'stem', pattern: /\b(tegen)?stem(men)?\b/i }],
  },
  {
    concept: 'consent',
    nl: 'instemming, instemmen',
    en: 'consent',
    rejected: [
      { word: 'akkoord', pattern: /\bakkoord/i },
      { word: 'goedkeuring', pattern: /goedkeur/i },
    ],
  },
  {
    concept: 'remark',
    nl: 'kanttekening',
    en: 'remark',
    why: 'A remark is part of a position; an “opmerking” is a comment beside the text (the next entry).',
    rejected: [{ word: 'opmerking', pattern: /opmerking/i, keys: /^(position|consensus|round)\./ }],
  },
  {
    concept: 'comment (on a passage of the text)',
    nl: 'opmerking; wie reageert, plaatst een reactie; afronden, afgerond, heropenen',
    en: 'comment; reply; resolve, resolved, reopen',
    rejected: [
      { word: 'commentaar', pattern: /commentaar/i },
      { word: 'antwoord (on a comment)', pattern: /antwoord/i, keys: /^comments\./ },
      { word: 'opgelost, oplossen', pattern: /opgelost|oplossen/i, keys: /^comments\./ },
    ],
  },
  {
    concept: 'draft history, restore',
    nl: 'concepthistorie, terugzetten',
    en: 'draft history, restore',
    why: '“Terugzetten” is also the plan manager’s word for bringing a section back.',
    rejected: [
      { word: 'herstellen', pattern: /herstel/i, keys: /^draftHistory\./ },
      { word: 'versiegeschiedenis', pattern: /(versie|concept)geschiedenis/i },
    ],
  },
  {
    concept: 'objection',
    nl: 'bezwaar',
    en: 'objection',
    rejected: [
      { word: 'tegenstem', pattern: /tegenstem/i },
      { word: 'bedenking', pattern: /bedenking/i },
    ],
  },
  {
    concept: 'adopted',
    nl: 'vastgesteld, vaststellen',
    en: 'adopted',
    rejected: [
      // Accepting an invitation is "een uitnodiging aannemen".
      { word: 'aangenomen', pattern: /\baangenomen\b/i, unless: /uitnodiging/i },
      { word: 'goedgekeurd', pattern: /goedgekeurd/i },
    ],
    rejectedEn: [{ word: 'approved', pattern: /\bapproved\b/i }],
  },
  {
    concept: 'draft',
    nl: 'concept',
    en: 'draft',
    rejected: [{ word: 'ontwerp', pattern: /\bontwerp/i }],
  },
  {
    concept: 'version (of a section)',
    nl: 'versie',
    en: 'version',
    why: '“Revisie” is only a report’s correction.',
    rejected: [],
  },
  {
    concept: 'chair',
    nl: 'onafhankelijk voorzitter (kort: voorzitter)',
    en: 'chair',
    rejected: [{ word: 'bemiddelaar', pattern: /bemiddelaar/i }],
  },
  {
    concept: 'escalation',
    nl: 'escalatie, escaleren naar de voorzitter',
    en: 'escalation',
    rejected: [{ word: 'geschil', pattern: /\bgeschil/i }],
  },
  {
    concept: 'mediation',
    nl: 'bemiddeling',
    en: 'mediation',
    rejected: [],
  },
  {
    concept: 'compromise proposal',
    nl: 'compromisvoorstel',
    en: 'compromise proposal',
    why: 'The chair’s proposal, not the mediation: the issue’s pick, and the word the consent round already used.',
    rejected: [
      { word: 'bemiddelingsvoorstel', pattern: /bemiddelingsvoorstel/i },
      { word: 'compromistekst', pattern: /compromistekst/i },
      { word: 'compromis (alone)', pattern: /\bcompromis\b/i },
    ],
    rejectedEn: [
      { word: 'mediation proposal', pattern: /mediation proposal/i },
      { word: 'compromise text', pattern: /compromise text/i },
    ],
  },
  {
    concept: 'referral',
    nl: 'verwijzing, verwijzen naar de gemeenten',
    en: 'referral, refer to the municipalities',
    rejected: [
      { word: 'doorverwijzing', pattern: /doorverwij/i },
      { word: 'voorgelegd aan de gemeenten', pattern: /voorgelegd aan de gemeenten/i },
    ],
  },
  {
    concept: 'ruling',
    nl: 'uitspraak (in voorbereiding: concept-uitspraak)',
    en: 'ruling',
    why: 'domain.md: uitspraak = ruling. “Besluitvorming” (decision-making: the consent process as a whole) stays.',
    rejected: [
      // The Besluit digitale toegankelijkheid overheid is the name of a law (accessibility statement), not a ruling.
      { word: 'besluit, conceptbesluit', pattern: /besluit(?!vorming)/i, unless: /Besluit digitale toegankelijkheid/ },
      { word: 'besloten', pattern: /\bbesloten\b/i },
      { word: 'conceptuitspraak (spelled concept-uitspraak)', pattern: /conceptuitspraak/i },
    ],
    rejectedEn: [{ word: 'decision', pattern: /\bdecisions?\b(?! making)/i }],
  },
  {
    concept: 'endorse a ruling',
    nl: 'onderschrijven, onderschrijving',
    en: 'endorse, endorsement',
    why: 'The issue’s pick; the spelregels already said “onderschrijven”.',
    rejected: [
      { word: 'bekrachtigen', pattern: /bekrachtig/i },
      { word: 'instemmen met de uitspraak', pattern: /instem\w* met de uitspraak/i },
    ],
    rejectedEn: [{ word: 'ratify', pattern: /ratif/i }],
  },
  {
    concept: 'rationale',
    nl: 'motivering',
    en: 'rationale',
    rejected: [{ word: 'onderbouwing', pattern: /onderbouwing/i }],
  },
  {
    concept: 'minority position',
    nl: 'minderheidsstandpunt',
    en: 'minority position',
    rejected: [],
  },
  {
    concept: 'rules of play',
    nl: 'spelregels',
    en: 'rules of play',
    rejected: [{ word: 'reglement', pattern: /reglement/i }],
  },
  {
    concept: 'response period',
    nl: 'reactietermijn (kort: termijn)',
    en: 'response period, deadline',
    rejected: [{ word: 'deadline', pattern: /\bdeadline/i }],
  },
  {
    concept: 'reminder',
    nl: 'herinnering',
    en: 'reminder',
    rejected: [{ word: 'aanmaning', pattern: /aanmaning/i }],
  },
  {
    concept: 'report (either kind)',
    nl: 'rapportage',
    en: 'report',
    rejected: [{ word: 'rapport', pattern: /\brapport\b/i }],
  },
  {
    concept: 'progress report',
    nl: 'voortgangsrapportage',
    en: 'progress report',
    rejected: [{ word: 'voortgangsverslag', pattern: /voortgangsverslag/i }],
  },
  {
    concept: 'evaluation',
    nl: 'evaluatie',
    en: 'evaluation',
    rejected: [],
  },
  {
    concept: 'revision (of a report)',
    nl: 'revisie (een correctie maakt een nieuwe revisie)',
    en: 'revision (a correction makes a new one)',
    rejected: [],
  },
  {
    concept: 'council member',
    nl: 'raadslid',
    en: 'council member',
    rejected: [{ word: 'gemeenteraadslid', pattern: /gemeenteraadslid/i }],
  },
  {
    concept: 'council question',
    nl: 'raadsvraag',
    en: 'council question',
    rejected: [{ word: 'schriftelijke vraag', pattern: /schriftelijke vra/i }],
  },
  {
    concept: 'secretariat',
    nl: 'secretariaat',
    en: 'secretariat',
    rejected: [],
  },
  {
    concept: 'observer',
    nl: 'toehoorder',
    en: 'observer',
    rejected: [{ word: 'waarnemer', pattern: /waarnemer/i }],
  },
  {
    concept: 'provider',
    nl: 'aanbieder',
    en: 'provider',
    rejected: [{ word: 'zorgaanbieder', pattern: /zorgaanbieder/i }],
  },
  {
    concept: 'municipality',
    nl: 'gemeente',
    en: 'municipality',
    rejected: [],
  },
];
