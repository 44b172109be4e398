import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hasOpenRound,
  POSITION_KINDS,
  roundOutcome,
  rulingCarried,
  SECTION_STATES,
  transition,
  type ConsensusEvent,
  type PositionKind,
  type RoundOutcome,
  type SectionState,
} from '../../shared/consensus.ts';

const outcome = fc.constantFrom<RoundOutcome>('agreed', 'objected', 'not_all_responded');
const event: fc.Arbitrary<ConsensusEvent> = fc.oneof(
  fc.constant({ type: 'open_round' } as const),
  fc.constant({ type: 'withdraw_round' } as const),
  outcome.map((o) => ({ type: 'close_round', outcome: o }) as const),
  fc.constant({ type: 'revise' } as const),
  fc.constant({ type: 'escalate' } as const),
  fc.constant({ type: 'propose_compromise' } as const),
  fc.constant({ type: 'refer' } as const),
  fc.constant({ type: 'rule' } as const),
);

describe('the consensus state machine', () => {
  it('follows the transitions of domain.md', () => {
    const path: Array<[SectionState, ConsensusEvent, SectionState]> = [
      ['draft', { type: 'open_round' }, 'in_consultation'],
      ['in_consultation', { type: 'close_round', outcome: 'objected' }, 'objected'],
      ['objected', { type: 'escalate' }, 'escalated'],
      ['escalated', { type: 'propose_compromise' }, 'mediation_proposal'],
      ['mediation_proposal', { type: 'close_round', outcome: 'agreed' }, 'agreed'],
      ['agreed', { type: 'revise' }, 'draft'],
      ['in_consultation', { type: 'withdraw_round' }, 'draft'],
      ['objected', { type: 'revise' }, 'draft'],
      ['mediation_proposal', { type: 'close_round', outcome: 'objected' }, 'escalated'],
      ['mediation_proposal', { type: 'withdraw_round' }, 'escalated'],
      ['escalated', { type: 'refer' }, 'referred'],
      ['referred', { type: 'rule' }, 'ruled'],
      ['in_consultation', { type: 'close_round', outcome: 'not_all_responded' }, 'objected'],
    ];
    for (const [from, e, to] of path) expect(transition(from, e), `${from} + ${e.type}`).toBe(to);
    expect(transition('draft', { type: 'rule' })).toBeNull();
    expect(transition('agreed', { type: 'open_round' })).toBeNull();
    expect(transition('ruled', { type: 'escalate' })).toBeNull();
  });

  it('never reaches an illegal state; rounds close only when open and always with an outcome; rulings only on referred sections', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        let state: SectionState = 'draft';
        const rounds: Array<{ outcome: RoundOutcome | 'withdrawn' | null }> = [];
        for (const e of events) {
          const next = transition(state, e);
          if (next === null) continue; // refused: the state stays as it was
          expect(SECTION_STATES).toContain(next);
          if (e.type === 'open_round' || e.type === 'propose_compromise') {
            expect(hasOpenRound(state)).toBe(false);
            rounds.push({ outcome: null });
          }
          if (e.type === 'close_round' || e.type === 'withdraw_round') {
            expect(hasOpenRound(state)).toBe(true);
            const open = rounds.at(-1)!;
            expect(open.outcome).toBeNull(); // a round cannot close twice
            open.outcome = e.type === 'close_round' ? e.outcome : 'withdrawn';
          }
          if (e.type === 'rule') expect(state).toBe('referred');
          state = next;
          // A round is open exactly when the state says so.
          expect(rounds.filter((r) => r.outcome === null).length).toBe(hasOpenRound(state) ? 1 : 0);
        }
        for (const round of rounds.slice(0, hasOpenRound(state) ? -1 : undefined)) expect(round.outcome).not.toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('can reach every state from draft', () => {
    const seen = new Set<SectionState>(['draft']);
    const events: ConsensusEvent[] = [
      { type: 'open_round' },
      { type: 'withdraw_round' },
      { type: 'close_round', outcome: 'agreed' },
      { type: 'close_round', outcome: 'objected' },
      { type: 'revise' },
      { type: 'escalate' },
      { type: 'propose_compromise' },
      { type: 'refer' },
      { type: 'rule' },
    ];
    for (let changed = true; changed;) {
      changed = false;
      for (const state of [...seen]) {
        for (const e of events) {
          const next = transition(state, e);
          if (next && !seen.has(next)) {
            seen.add(next);
            changed = true;
          }
        }
      }
    }
    expect([...seen].sort()).toEqual([...SECTION_STATES].sort());
  });
});

describe('the outcome of a round', () => {
  const positions = fc.array(fc.option(fc.constantFrom<PositionKind>(...POSITION_KINDS), { nil: undefined }), {
    minLength: 1,
    maxLength: 12,
  });

  it('is open while someone has not responded before the deadline; any objection means no consensus', () => {
    fc.assert(
      fc.property(positions, fc.boolean(), fc.boolean(), (stated, silenceIsConsent, deadlinePassed) => {
        const organizationIds = stated.map((_, i) => `org-${i}`);
        const map = new Map<string, PositionKind>();
        stated.forEach((kind, i) => kind && map.set(`org-${i}`, kind));
        const result = roundOutcome({ organizationIds, positions: map, silenceIsConsent, deadlinePassed });
        const everyone = map.size === organizationIds.length;
        const expected =
          !everyone && !deadlinePassed
            ? null
            : [...map.values()].includes('object')
              ? 'objected'
              : everyone || silenceIsConsent
                ? 'agreed'
                : 'not_all_responded';
        expect(result).toBe(expected);
      }),
    );
  });
});

describe('a ruling', () => {
  it('needs every municipality, or a majority when the table chose that', () => {
    const all = ['a', 'b', 'c', 'd'];
    expect(rulingCarried('all_municipalities', all, new Set(['a', 'b', 'c']))).toBe(false);
    expect(rulingCarried('all_municipalities', all, new Set(all))).toBe(true);
    expect(rulingCarried('majority_municipalities', all, new Set(['a', 'b']))).toBe(false);
    expect(rulingCarried('majority_municipalities', all, new Set(['a', 'b', 'c']))).toBe(true);
    // Endorsements by others (a provider) never count.
    expect(rulingCarried('majority_municipalities', all, new Set(['a', 'provider', 'other']))).toBe(false);
    expect(rulingCarried('all_municipalities', [], new Set())).toBe(false);
  });
});
