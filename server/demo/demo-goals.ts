import type { KpiDirection, KpiUnit, NationalGoal } from '../../shared/goals.ts';

/**
 * The demo table's principles, goals and KPIs: the ten uitgangspunten of the regional vision, the
 * six movements of the purchasing strategy of regio Alkmaar, and KPIs with plausible figures.
 */
export const DEMO_PRINCIPLES = [
  {
    key: 'eigenKracht',
    title: 'We versterken de eigen kracht',
    description:
      'Gezinnen ontwikkelen en benutten hun eigen kracht; transparantie en planmatig werken geven hun grip op het traject.',
  },
  {
    key: 'koersvast',
    title: 'We zijn koersvast',
    description: 'Lange contracten, met ruimte voor bijsturing, monitoring op de transformatie en partnerschap.',
  },
  {
    key: 'luisteren',
    title: 'We luisteren naar ouders en jeugdigen',
    description: 'Het gezin is regiehouder, met recht op informatie en een helder toekomstperspectief.',
  },
  {
    key: 'socialeOmgeving',
    title: 'We versterken de sociale omgeving',
    description: 'Resultaten van jeugdhulp worden in het gezin en het sociale netwerk geborgd; onderwijs doet mee.',
  },
  {
    key: 'nabij',
    title: 'We bieden ondersteuning nabij en zo thuis als mogelijk',
    description: 'Hulp zo dicht mogelijk bij het gezin; verblijf bij voorkeur in een pleeggezin of gezinshuis.',
  },
  {
    key: 'passend',
    title: 'Voor iedereen passende ondersteuning',
    description: 'De juiste hulp op het juiste moment, niet zwaarder dan nodig.',
  },
  {
    key: 'lokaal',
    title: 'Van regionale jeugdhulp naar lokale ondersteuning',
    description: 'Meer ondersteuning in het voorliggend veld en de lokale teams.',
  },
  {
    key: 'doelmatig',
    title: 'Vergroten van doelmatigheid',
    description: 'Kwaliteit bepaalt de kosten: effectievere hulp geeft meer uitstroom.',
  },
  {
    key: 'basis',
    title: 'Minder administratie en de basis op orde',
    description: 'Heldere definities, betere data en minder verantwoordingslast.',
  },
  {
    key: 'partnerschap',
    title: 'Krachtig partnerschap',
    description: 'Gemeenten en aanbieders dragen samen de verantwoordelijkheid voor de transformatie.',
  },
] as const;

type PrincipleKey = (typeof DEMO_PRINCIPLES)[number]['key'];

export interface DemoKpi {
  indicator: string;
  unit: KpiUnit;
  direction: KpiDirection;
  baseline: { year: number; value: number };
  targets: Array<[year: number, value: number]>;
  /** 2023-H1 through 2026-H1, in order. */
  measurements: number[];
  source: string;
}

export const DEMO_MEASURED_PERIODS = ['2023-H1', '2023-H2', '2024-H1', '2024-H2', '2025-H1', '2025-H2', '2026-H1'];

export const DEMO_GOALS: Array<{
  key: string;
  title: string;
  description: string;
  nationalGoal: NationalGoal;
  principles: PrincipleKey[];
  kpis: DemoKpi[];
}> = [
  {
    key: 'eigenKracht',
    title: 'Ondersteuning eigen kracht',
    description: 'Verschuiving naar het versterken van het eigen netwerk en zelfregie.',
    nationalGoal: 'A',
    principles: ['eigenKracht', 'luisteren', 'socialeOmgeving'],
    kpis: [
      {
        indicator: 'Aandeel trajecten met netwerkberaad of familiegroepsplan',
        unit: 'percent',
        direction: 'higher_is_better',
        baseline: { year: 2022, value: 18 },
        targets: [
          [2026, 30],
          [2027, 35],
          [2028, 40],
          [2029, 45],
          [2030, 50],
        ],
        measurements: [19, 21, 22, 24, 25, 27, 29],
        source: 'Zorgplannen aanbieders (steekproef RNO)',
      },
    ],
  },
  {
    key: 'ambulantisering',
    title: 'Ambulantisering',
    description: 'Verschuiving van verblijf naar ambulant, met een kortere doorloop.',
    nationalGoal: 'C',
    principles: ['nabij', 'passend'],
    kpis: [
      {
        indicator: 'Aandeel jeugdigen met verblijf',
        unit: 'percent',
        direction: 'lower_is_better',
        baseline: { year: 2022, value: 5 },
        targets: [
          [2026, 4.5],
          [2027, 4.2],
          [2028, 4],
          [2029, 3.8],
          [2030, 3.5],
        ],
        measurements: [5, 4.9, 4.9, 4.8, 4.7, 4.7, 4.6],
        source: 'Declaratiedata iJw, bewerking RNO',
      },
      {
        indicator: 'Aandeel budget voor verblijf',
        unit: 'percent',
        direction: 'lower_is_better',
        baseline: { year: 2022, value: 20 },
        targets: [
          [2026, 18],
          [2027, 17],
          [2028, 16],
          [2029, 15],
          [2030, 14],
        ],
        measurements: [20, 19.8, 19.5, 19.1, 18.6, 18.2, 17.9],
        source: 'Financiële monitor regio Alkmaar',
      },
    ],
  },
  {
    key: 'uitstroom',
    title: 'Meer uitstroom',
    description: 'Door kortere doorlooptijden, passende zorg, nazorg en borging in het eigen netwerk.',
    nationalGoal: 'C',
    principles: ['passend', 'doelmatig'],
    kpis: [
      {
        indicator: 'Gemiddelde doorlooptijd ambulant traject',
        unit: 'days',
        direction: 'lower_is_better',
        baseline: { year: 2022, value: 310 },
        targets: [
          [2026, 280],
          [2027, 265],
          [2028, 250],
          [2029, 240],
          [2030, 230],
        ],
        measurements: [305, 300, 296, 290, 287, 283, 281],
        source: 'Declaratiedata iJw, bewerking RNO',
      },
    ],
  },
  {
    key: 'instroom',
    title: 'Minder instroom',
    description: 'Door verschuiving naar het voorliggend veld, vooral samen met het onderwijs.',
    nationalGoal: 'A',
    principles: ['lokaal', 'socialeOmgeving'],
    kpis: [
      {
        indicator: 'Nieuwe cliënten jeugdhulp per 1.000 jeugdigen',
        unit: 'number',
        direction: 'lower_is_better',
        baseline: { year: 2022, value: 48 },
        targets: [
          [2026, 46],
          [2027, 45],
          [2028, 44],
          [2029, 43],
          [2030, 42],
        ],
        measurements: [48.5, 47.9, 47.2, 46.8, 46.1, 45.6, 45.2],
        source: 'CBS Beleidsinformatie Jeugd',
      },
    ],
  },
  {
    key: 'thuis',
    title: 'Zo thuis mogelijk',
    description: 'Verschuiving naar gezinshuizen en pleegzorg.',
    nationalGoal: 'C',
    principles: ['nabij', 'eigenKracht'],
    kpis: [
      {
        indicator: 'Aandeel verblijf in een gezinshuis of pleeggezin',
        unit: 'percent',
        direction: 'higher_is_better',
        baseline: { year: 2022, value: 46 },
        targets: [
          [2026, 52],
          [2027, 55],
          [2028, 58],
          [2029, 61],
          [2030, 65],
        ],
        measurements: [46, 47, 48, 49, 50.5, 51, 52.4],
        source: 'Declaratiedata iJw, bewerking RNO',
      },
    ],
  },
  {
    key: 'afbakening',
    title: 'Afbakening jeugdhulp',
    description: 'Verschuiving naar Wlz, Zvw, Passend Onderwijs en Wmo waar die aan zet zijn.',
    nationalGoal: 'B',
    principles: ['doelmatig', 'basis', 'partnerschap'],
    kpis: [
      {
        indicator: 'Aandeel jeugdhulpkosten voor taken buiten de Jeugdwet',
        unit: 'percent',
        direction: 'lower_is_better',
        baseline: { year: 2022, value: 6 },
        targets: [
          [2026, 4.5],
          [2027, 4],
          [2028, 3.5],
          [2029, 3],
          [2030, 2.5],
        ],
        measurements: [6, 5.9, 5.7, 5.5, 5.2, 5, 4.9],
        source: 'Dossieranalyse toegang, bewerking RNO',
      },
    ],
  },
];

/**
 * Which demo sections serve which goals, and who writes them. "Afbakening jeugdhulp" is served by
 * no section and two sections serve no goal yet, so the coverage matrix has something to show.
 */
export const DEMO_SECTION_LINKS: Record<string, { goals: string[]; drafters: string[] }> = {
  'Doelen en ambitie': {
    goals: ['eigenKracht', 'ambulantisering', 'uitstroom', 'instroom', 'thuis'],
    drafters: ['alkmaar', 'horizon'],
  },
  'Afbouw verblijf en opbouw ambulant': {
    goals: ['ambulantisering', 'uitstroom'],
    drafters: ['horizon', 'kompas', 'alkmaar'],
  },
  'Gezinshuizen en pleegzorg': { goals: ['thuis'], drafters: ['gezinshuis', 'heiloo'] },
  Randvoorwaarden: { goals: ['instroom', 'eigenKracht'], drafters: ['castricum', 'debrug'] },
  'Financiën en tarieven': { goals: ['ambulantisering'], drafters: ['dijkenwaard', 'kompas'] },
  Vastgoed: { goals: ['thuis'], drafters: ['bergen', 'gezinshuis'] },
  "Monitoring en KPI's": { goals: ['ambulantisering', 'uitstroom', 'instroom'], drafters: ['uitgeest'] },
  "Risico's en beheersmaatregelen": { goals: [], drafters: ['alkmaar'] },
  Planning: { goals: [], drafters: [] },
};
