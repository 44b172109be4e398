import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlanView } from '../../shared/api.ts';
import { api, ApiError, onSessionLost } from '../../client/src/api/client.ts';
import { fieldError, fieldProblems } from '../../client/src/components/fieldErrors.ts';
import { nl } from '../../client/src/i18n/messages.nl.ts';
import type { Translate } from '../../client/src/i18n/i18n.tsx';
import { safeNext } from '../../client/src/pages/LoginPage.tsx';
import { orderPlans } from '../../client/src/plan/PlanSwitcher.tsx';

const t: Translate = (key, params) =>
  nl[key].replace(/\{(\w+)\}/g, (match, name: string) => (params && name in params ? String(params[name]) : match));

const refused = (fields: unknown[]) =>
  new ApiError(400, 'validation_failed', 'invalid body: email: not a valid e-mail address', undefined, {
    fields,
    issues: [],
  });

describe('field errors in the catalog’s words', () => {
  it('puts each problem next to its field, in Dutch, never the server’s English', () => {
    const error = refused([
      { path: 'email', code: 'invalid_email' },
      { path: 'targets.1.value', code: 'percent_range' },
      { path: 'title', code: 'too_long', max: 200 },
    ]);
    expect(fieldError(t, error, 'email')).toBe('Vul een geldig e-mailadres in, zoals naam@gemeente.nl.');
    expect(fieldError(t, error, 'targets.1')).toBe('Een percentage ligt tussen 0 en 100.');
    expect(fieldError(t, error, 'title')).toBe('Dit is te lang: hoogstens 200 tekens.');
    expect(fieldError(t, error, 'password')).toBeUndefined();
  });

  it('ignores what it does not know and other errors', () => {
    expect(fieldProblems(refused([{ path: 'x', code: 'made_up' }, { code: 'required' }]))).toEqual([]);
    expect(fieldProblems(new ApiError(409, 'conflict', 'no'))).toEqual([]);
  });
});

describe('back where the person was after logging in', () => {
  it.each([
    ['/tables/1?tab=plan#sectie', '/tables/1?tab=plan#sectie'],
    [null, '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['/login?next=/x', '/'],
  ])('%s leads to %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe('the plan switcher', () => {
  const plan = (id: string, start: number, end: number, archived = false, createdAt = '2026-01-01'): PlanView => ({
    id,
    tableId: 't',
    title: id,
    periodStart: start,
    periodEnd: end,
    archived,
    createdAt,
  });

  it('puts the current plan first, then the other live plans, then the archived ones', () => {
    const plans = [
      plan('oud', 2020, 2022, true, '2020-01-01'),
      plan('huidig', 2026, 2030, false, '2025-01-01'),
      plan('later', 2031, 2034, false, '2026-06-01'),
    ];
    expect(orderPlans(plans, 2027).map((p) => p.id)).toEqual(['huidig', 'later', 'oud']);
    expect(orderPlans(plans, 2040).map((p) => p.id)).toEqual(['later', 'huidig', 'oud']);
    expect(orderPlans([plans[0]!], 2027).map((p) => p.id)).toEqual(['oud']);
  });
});

describe('a lost session', () => {
  afterEach(() => vi.unstubAllGlobals());
  const answer = (status: number, code: string) =>
    vi.stubGlobal('fetch', () =>
      Promise.resolve(new Response(JSON.stringify({ error: { code, message: code } }), { status })),
    );

  it('tells the session state when any call answers 401 unauthenticated, and only then', async () => {
    let lost = 0;
    const stop = onSessionLost(() => lost++);
    answer(401, 'unauthenticated');
    await expect(api('GET', '/api/tables')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(lost).toBe(1);
    answer(401, 'invalid_credentials');
    await expect(api('POST', '/api/auth/login', {})).rejects.toMatchObject({ code: 'invalid_credentials' });
    answer(403, 'forbidden');
    await expect(api('GET', '/api/tables/x')).rejects.toMatchObject({ code: 'forbidden' });
    expect(lost).toBe(1);
    stop();
    answer(401, 'unauthenticated');
    await expect(api('GET', '/api/tables')).rejects.toBeInstanceOf(ApiError);
    expect(lost).toBe(1);
  });
});
