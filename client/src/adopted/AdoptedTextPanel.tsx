import { Button, ButtonGroup, Heading, Paragraph } from '@utrecht/component-library-react';
import { useState, type ReactNode } from 'react';
import type { Role } from '../../../shared/roles.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { DiffView } from '../consensus/DiffView.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { adoptedEndpoints, readsAdoptedFirst } from './api.ts';
import { AdoptedTextView } from './AdoptedTextView.tsx';

type View = 'draft' | 'adopted' | 'diff';

/** What changed in the live draft since the adopted version (loaded afresh each time it is opened). */
function AdoptedDiff({ sectionId, version }: { sectionId: string; version: number }) {
  const { t } = useI18n();
  const { data, error } = useLoad(() => endpoints.diff(sectionId, version, 'current'), [sectionId, version]);
  return (
    <section className="tw-viewer" aria-labelledby="adopted-diff-title" data-testid="adopted-diff">
      <Heading level={3} id="adopted-diff-title">
        {t('adopted.diffTitle', { version })}
      </Heading>
      <ErrorAlert error={error} />
      {data ? <DiffView diff={data} /> : error ? null : <Paragraph>{t('app.loading')}</Paragraph>}
    </section>
  );
}

interface Props {
  sectionId: string;
  /** The viewer's role at the section's table: council members and observers start at the adopted text. */
  role: Role | undefined;
  /** Changes when the section's consensus moves (a version adopted, a revision opened): load again. */
  refreshKey: string;
  /** The live draft: presence and the co-editing editor. Kept mounted while hidden, so it stays connected. */
  children: ReactNode;
}

/**
 * The section page's switch between the live draft ("Concept (live)"), the adopted text ("Vastgestelde
 * tekst (versie n, datum)") and the difference between them, saying which one is shown.
 */
export function AdoptedTextPanel({ sectionId, role, refreshKey, children }: Props) {
  const { t, formatDate } = useI18n();
  const { data, error, reload } = useLoad(() => adoptedEndpoints.section(sectionId), [sectionId, refreshKey]);
  const [chosen, setChosen] = useState<View | null>(null);
  const [diffKey, setDiffKey] = useState(0);
  const adopted = data?.adopted ?? null;
  const view: View = adopted ? (chosen ?? (readsAdoptedFirst(role) ? 'adopted' : 'draft')) : 'draft';

  const choose = (next: View) => {
    setChosen(next);
    // People keep typing: whether the draft differs, and how, is asked again on every switch.
    if (next === 'diff') setDiffKey((key) => key + 1);
    void reload();
  };

  const showing = adopted
    ? {
        draft: t('adopted.showing.draft'),
        adopted: t('adopted.showing.adopted', {
          version: adopted.versionNumber,
          date: formatDate(adopted.adoptedAt),
          way: t(`adopted.way.${adopted.way}`),
        }),
        diff: t('adopted.showing.diff', { version: adopted.versionNumber }),
      }[view]
    : null;

  return (
    <>
      <ErrorAlert error={error} />
      {adopted ? (
        <div className="tw-adopted-switch" data-testid="adopted-switch" data-view={view}>
          <ButtonGroup role="group" aria-label={t('adopted.switch.label')}>
            <Button
              appearance="secondary-action-button"
              pressed={view === 'draft'}
              onClick={() => choose('draft')}
              data-testid="adopted-switch-draft"
            >
              {t('adopted.switch.draft')}
            </Button>
            <Button
              appearance="secondary-action-button"
              pressed={view === 'adopted'}
              onClick={() => choose('adopted')}
              data-testid="adopted-switch-adopted"
            >
              {t('adopted.switch.adopted', {
                version: adopted.versionNumber,
                date: formatDate(adopted.adoptedAt),
              })}
            </Button>
            <Button
              appearance="secondary-action-button"
              pressed={view === 'diff'}
              onClick={() => choose('diff')}
              data-testid="adopted-switch-diff"
            >
              {t('adopted.switch.diff')}
            </Button>
          </ButtonGroup>
          <Paragraph role="status" data-testid="adopted-showing">
            {showing}
          </Paragraph>
          {data?.draftDiffers && view === 'adopted' ? (
            <Paragraph small className="tw-adopted-draft-note" data-testid="adopted-draft-differs">
              {t('adopted.draftDiffers')}
            </Paragraph>
          ) : null}
        </div>
      ) : data ? (
        <Paragraph small className="tw-muted" data-testid="adopted-none">
          {t('adopted.section.none')}
        </Paragraph>
      ) : null}
      {view === 'adopted' && adopted ? <AdoptedTextView adopted={adopted} level={3} /> : null}
      {view === 'diff' && adopted ? (
        <AdoptedDiff key={diffKey} sectionId={sectionId} version={adopted.versionNumber} />
      ) : null}
      <div hidden={view !== 'draft'}>{children}</div>
    </>
  );
}
