import type { Client } from './app-server.ts';

/** The demo region's logins (server/demo), by role: the people the integration and e2e tests act as. */
export const MUNICIPALITIES = ['alkmaar', 'bergen', 'castricum', 'dijkenwaard', 'heiloo', 'uitgeest'].map(
  (m) => `beleid@${m}.demo`,
);
export const PROVIDERS = ['horizon-jeugd', 'gezinshuis-noord', 'kompas-ggz', 'de-brug-lvb'].map(
  (p) => `bestuur@${p}.demo`,
);
export const SECRETARIAT = 'secretariaat@regio-alkmaar.demo';
export const CHAIR = 'voorzitter@regio-alkmaar.demo';
export const COUNCIL = 'raadslid@alkmaar.demo';

/** Every member organization consents in a round (through one delegate each): a section gets agreed. */
export async function consentAll(as: (email: string) => Client, roundId: string): Promise<void> {
  for (const email of [...MUNICIPALITIES, ...PROVIDERS]) {
    const reply = await as(email).post(`/api/rounds/${roundId}/positions`, { kind: 'consent' });
    if (reply.status !== 201)
      throw new Error(`${email} could not consent: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
}
