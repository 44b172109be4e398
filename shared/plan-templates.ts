/** Section templates a plan can start from; the titles are the plan's language, so they are Dutch. */
export const PLAN_TEMPLATES = {
  transformatieplan: [
    'Doelen en ambitie',
    'Afbouw verblijf en opbouw ambulant',
    'Gezinshuizen en pleegzorg',
    'Randvoorwaarden',
    'Financiën en tarieven',
    'Vastgoed',
    "Monitoring en KPI's",
    "Risico's en beheersmaatregelen",
    'Planning',
  ],
  leeg: [],
} as const satisfies Record<string, readonly string[]>;

export type PlanTemplate = keyof typeof PLAN_TEMPLATES;
export const PLAN_TEMPLATE_NAMES = Object.keys(PLAN_TEMPLATES) as PlanTemplate[];
