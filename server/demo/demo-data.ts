import type { OrganizationKind, Role } from '../../shared/roles.ts';

/**
 * The demo region: regio Alkmaar as described in its 2023 procurement strategy (seeds/001). The
 * municipalities are real; the providers and all people are fictional.
 */
export const DEMO_PASSWORD = 'demo-tafelwerk';

export const DEMO_REGION = 'Regio Alkmaar';

export interface DemoOrganization {
  key: string;
  name: string;
  kind: OrganizationKind;
  memberOfTable: boolean;
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { key: 'alkmaar', name: 'Gemeente Alkmaar', kind: 'municipality', memberOfTable: true },
  { key: 'bergen', name: 'Gemeente Bergen', kind: 'municipality', memberOfTable: true },
  { key: 'castricum', name: 'Gemeente Castricum', kind: 'municipality', memberOfTable: true },
  { key: 'dijkenwaard', name: 'Gemeente Dijk en Waard', kind: 'municipality', memberOfTable: true },
  { key: 'heiloo', name: 'Gemeente Heiloo', kind: 'municipality', memberOfTable: true },
  { key: 'uitgeest', name: 'Gemeente Uitgeest', kind: 'municipality', memberOfTable: true },
  { key: 'horizon', name: 'Horizon Jeugd', kind: 'provider', memberOfTable: true },
  { key: 'gezinshuis', name: 'Gezinshuis Noord', kind: 'provider', memberOfTable: true },
  { key: 'kompas', name: 'Kompas GGZ', kind: 'provider', memberOfTable: true },
  { key: 'debrug', name: 'De Brug LVB', kind: 'provider', memberOfTable: true },
  { key: 'rno', name: 'Regionaal Netwerk Organisatie Alkmaar (RNO)', kind: 'region', memberOfTable: false },
  { key: 'voorzitter', name: 'Onafhankelijk voorzitterschap', kind: 'independent', memberOfTable: false },
];

export interface DemoUser {
  email: string;
  name: string;
  organization: string;
  role: Role;
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'secretariaat@regio-alkmaar.demo', name: 'Sanne de Vries', organization: 'rno', role: 'secretariat' },
  { email: 'voorzitter@regio-alkmaar.demo', name: 'Mr. Henk Bakker', organization: 'voorzitter', role: 'chair' },
  { email: 'beleid@alkmaar.demo', name: 'Fatima El Idrissi', organization: 'alkmaar', role: 'municipality_delegate' },
  { email: 'beleid@bergen.demo', name: 'Joost Kramer', organization: 'bergen', role: 'municipality_delegate' },
  { email: 'beleid@castricum.demo', name: 'Ingrid Visser', organization: 'castricum', role: 'municipality_delegate' },
  {
    email: 'beleid@dijkenwaard.demo',
    name: 'Ruud Schouten',
    organization: 'dijkenwaard',
    role: 'municipality_delegate',
  },
  { email: 'beleid@heiloo.demo', name: 'Marieke Dekker', organization: 'heiloo', role: 'municipality_delegate' },
  { email: 'beleid@uitgeest.demo', name: 'Pieter Mulder', organization: 'uitgeest', role: 'municipality_delegate' },
  { email: 'bestuur@horizon-jeugd.demo', name: 'Anouk Jansen', organization: 'horizon', role: 'provider_delegate' },
  { email: 'bestuur@gezinshuis-noord.demo', name: 'Erik Smit', organization: 'gezinshuis', role: 'provider_delegate' },
  { email: 'bestuur@kompas-ggz.demo', name: 'Lotte van Dijk', organization: 'kompas', role: 'provider_delegate' },
  { email: 'bestuur@de-brug-lvb.demo', name: 'Youssef Amrani', organization: 'debrug', role: 'provider_delegate' },
  { email: 'raadslid@alkmaar.demo', name: 'Karin de Boer', organization: 'alkmaar', role: 'council_member' },
];

export const DEMO_TABLE = {
  name: 'Ontwikkeltafel Transformatie Jeugdhulp — verblijf',
  description:
    'Gemeenten en aanbieders werken hier samen het Transformatieplan 2026-2030 uit: afbouw van verblijf, ' +
    'opbouw van ambulante hulp zo thuis mogelijk, en de randvoorwaarden daarvoor. Teksten worden bij ' +
    'consensus vastgesteld; lukt dat niet, ook niet met bemiddeling van de onafhankelijk voorzitter, dan doen de ' +
    'gemeenten als opdrachtgever een uitspraak.',
  currentPhaseKey: 'transformatiefase_1',
  responsePeriodDays: 10,
  silenceIsConsent: false,
  rulingRule: 'all_municipalities' as const,
};

export const DEMO_PHASES = [
  {
    key: 'voorbereiding',
    name: 'Voorbereidingsfase',
    description: 'Inkoopprocedure en dialoog; spelregels, ontwikkeltafels en implementatie.',
    startsOn: '2022-01-01',
    endsOn: '2022-12-31',
  },
  {
    key: 'transformatiefase_1',
    name: 'Transformatiefase 1',
    description:
      'Doorontwikkeling verblijf, sturing op ambulant, ontwikkeling partnerschap; eindigt met een gedragen transformatieplan.',
    startsOn: '2023-01-01',
    endsOn: '2025-12-31',
  },
  {
    key: 'transformatiefase_2',
    name: 'Transformatiefase 2',
    description: 'Sturing op het Transformatieplan 2026-2030; strategisch partnerschap.',
    startsOn: '2026-01-01',
    endsOn: '2030-12-31',
  },
  {
    key: 'verlenging',
    name: 'Verlenging',
    description: 'Eventuele verlenging bij doelrealisatie en partnerschap.',
    startsOn: '2031-01-01',
    endsOn: '2034-12-31',
  },
];

export const DEMO_PLAN = { title: 'Transformatieplan 2026-2030', periodStart: 2026, periodEnd: 2030 };

type Block = { heading?: string; paragraph?: string; bullets?: string[] };

/** The demo plan's sections (the regional template) with starter text, so a first visit shows a real plan. */
export const DEMO_SECTIONS: Array<{ title: string; blocks: Block[] }> = [
  {
    title: 'Doelen en ambitie',
    blocks: [
      {
        paragraph:
          'Kinderen en jongeren in regio Alkmaar groeien zo thuis mogelijk op. Met dit plan geven gemeenten en aanbieders samen invulling aan de transformatiedoelen: ondersteuning van de eigen kracht, ambulantisering, meer uitstroom, minder instroom, zo thuis mogelijk en een heldere afbakening van de jeugdhulp.',
      },
      {
        bullets: [
          'Minder jeugdigen in verblijf, korter waar het moet',
          'Meer hulp dichtbij huis, in het gewone leven',
          'Minder administratie en de basis op orde',
        ],
      },
    ],
  },
  {
    title: 'Afbouw verblijf en opbouw ambulant',
    blocks: [
      {
        paragraph:
          'In 2022 ging 20% van het budget naar herstelgericht verblijf voor 5% van de jeugdigen. We bouwen verblijfsplekken stapsgewijs af en investeren de vrijkomende middelen in ambulante en gezinsgerichte hulp.',
      },
    ],
  },
  {
    title: 'Gezinshuizen en pleegzorg',
    blocks: [
      {
        paragraph:
          'Waar een jeugdige niet thuis kan wonen, is een gezinshuis of pleeggezin de eerste keuze boven residentiële opvang.',
      },
    ],
  },
  {
    title: 'Randvoorwaarden',
    blocks: [
      {
        paragraph: 'Personeel, opleiding, samenwerking met het voorliggend veld en het onderwijs; één gezin, één plan.',
      },
    ],
  },
  {
    title: 'Financiën en tarieven',
    blocks: [
      {
        paragraph:
          'Tarieven en het transformatiebudget per jaar; afspraken over frictiekosten bij de afbouw van verblijf.',
      },
    ],
  },
  {
    title: 'Vastgoed',
    blocks: [{ paragraph: 'Wat gebeurt er met locaties die vrijkomen, en welke kleinschalige woonvormen zijn nodig?' }],
  },
  {
    title: "Monitoring en KPI's",
    blocks: [
      {
        paragraph:
          'Halfjaarlijks rapporteren we aan colleges en raden over de voortgang, met de KPI’s per transformatiedoel.',
      },
    ],
  },
  {
    title: "Risico's en beheersmaatregelen",
    blocks: [{ paragraph: 'Wachttijden, personeelstekort en continuïteit van zorg tijdens de afbouw.' }],
  },
  { title: 'Planning', blocks: [{ paragraph: 'Fasering 2026-2030 met mijlpalen per half jaar.' }] },
];
