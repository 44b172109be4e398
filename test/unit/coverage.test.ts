import { describe, expect, it } from 'vitest';
import { coverageGaps } from '../../shared/coverage.ts';

describe('coverageGaps', () => {
  it('lists the goals no section serves and the sections that serve no goal, in their given order', () => {
    const gaps = coverageGaps(
      ['g3', 'g1', 'g2'],
      ['s2', 's1', 's3'],
      [
        { sectionId: 's1', goalId: 'g1' },
        { sectionId: 's1', goalId: 'g2' },
      ],
    );
    expect(gaps).toEqual({ uncoveredGoals: ['g3'], unlinkedSections: ['s2', 's3'] });
  });

  it('finds no gaps when every goal and every section is linked', () => {
    expect(
      coverageGaps(
        ['g1', 'g2'],
        ['s1', 's2'],
        [
          { sectionId: 's1', goalId: 'g2' },
          { sectionId: 's2', goalId: 'g1' },
          { sectionId: 's2', goalId: 'g1' },
        ],
      ),
    ).toEqual({ uncoveredGoals: [], unlinkedSections: [] });
  });

  it('ignores links to sections or goals that are not part of the plan (archived, deleted)', () => {
    const gaps = coverageGaps(
      ['g1', 'g2'],
      ['s1'],
      [
        { sectionId: 'archived', goalId: 'g1' },
        { sectionId: 's1', goalId: 'removed-goal' },
        { sectionId: 's1', goalId: 'g2' },
      ],
    );
    expect(gaps).toEqual({ uncoveredGoals: ['g1'], unlinkedSections: [] });
  });

  it('counts a section linked only to an unknown goal as unlinked', () => {
    expect(coverageGaps([], ['s1'], [{ sectionId: 's1', goalId: 'gone' }])).toEqual({
      uncoveredGoals: [],
      unlinkedSections: ['s1'],
    });
  });

  it('reports everything when there are no links, and nothing for an empty plan', () => {
    expect(coverageGaps(['g1'], ['s1'], [])).toEqual({ uncoveredGoals: ['g1'], unlinkedSections: ['s1'] });
    expect(coverageGaps([], [], [{ sectionId: 's1', goalId: 'g1' }])).toEqual({
      uncoveredGoals: [],
      unlinkedSections: [],
    });
  });
});
