import { describe, expect, it } from 'vitest';
import { ACTIONS, allowedActions, can, type Action } from '../../shared/permissions.ts';
import { ROLES, roleFitsOrganization, ORGANIZATION_KINDS, type Role } from '../../shared/roles.ts';

/**
 * The whole matrix, written out by hand from domain.md. A change to shared/permissions.ts that is
 * not also made here fails, so every change to who-may-do-what is a deliberate one.
 */
const M = 'municipality_delegate';
const P = 'provider_delegate';
const C = 'chair';
const S = 'secretariat';
const R = 'council_member';
const O = 'observer';

const EXPECTED: Record<Action, Role[]> = {
  'table.read': [M, P, C, S, R, O],
  'table.audit.read': [M, P, C, S, O],
  'table.manage': [S],
  'plan.manage': [S],
  'goals.manage': [S],
  'kpi.measure': [S],
  'section.read': [M, P, C, S, R, O],
  'section.edit': [M, P],
  'section.link_goals': [M, P, S],
  'section.comment': [M, P, C, S],
  'consensus.readDeliberation': [M, P, C, S],
  'round.open': [M, P, C],
  'round.withdraw_any': [C],
  'position.state': [M, P],
  'section.escalate': [M, P, C],
  'escalation.mediate': [C],
  'ruling.draft': [M],
  'ruling.endorse': [M],
  'report.read_draft': [M, P, C, S],
  'report.read_published': [M, P, C, S, R, O],
  'report.write_narrative': [M, P],
  'report.manage': [S],
  'report.review': [C, S],
  'report.ask_question': [R],
  'report.answer_question': [S],
  'outbox.read': [S],
};

describe('permission matrix', () => {
  it('lists every action exactly once in the expectation', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const expected = EXPECTED[action].includes(role);
      it(`${role} ${expected ? 'may' : 'may not'} ${action}`, () => {
        expect(can(role, action)).toBe(expected);
      });
    }
  }

  it('gives allowedActions in ACTIONS order, matching can()', () => {
    for (const role of ROLES) {
      expect(allowedActions(role)).toEqual(ACTIONS.filter((action) => can(role, action)));
    }
  });

  it('keeps the domain’s hard rules', () => {
    expect(can('chair', 'position.state')).toBe(false);
    expect(can('provider_delegate', 'ruling.endorse')).toBe(false);
    expect(can('council_member', 'section.edit')).toBe(false);
    expect(can('observer', 'section.edit')).toBe(false);
    // Council members and observers read outcomes, not the deliberation in progress.
    expect(can('council_member', 'consensus.readDeliberation')).toBe(false);
    expect(can('observer', 'consensus.readDeliberation')).toBe(false);
  });
});

describe('roles and organizations', () => {
  it('lets only municipalities send municipality delegates and providers provider delegates', () => {
    for (const kind of ORGANIZATION_KINDS) {
      expect(roleFitsOrganization('municipality_delegate', kind)).toBe(kind === 'municipality');
      expect(roleFitsOrganization('provider_delegate', kind)).toBe(kind === 'provider');
      expect(roleFitsOrganization('chair', kind)).toBe(true);
      expect(roleFitsOrganization('observer', kind)).toBe(true);
    }
  });
});
