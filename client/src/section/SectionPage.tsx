import { Alert, Heading, Paragraph } from '@utrecht/component-library-react';
import { useCallback, useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import type { SectionConsensus } from '../../../shared/api.ts';
import { sectionDocument } from '../../../shared/documents.ts';
import { AdoptedTextPanel } from '../adopted/AdoptedTextPanel.tsx';
import { ApiError } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import { take } from '../api/prefetch.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { CommentsPanel } from '../comments/CommentsPanel.tsx';
import { CommentsProvider } from '../comments/CommentsContext.tsx';
import { ConsensusPanel } from '../consensus/ConsensusPanel.tsx';
import { SectionHistory } from '../consensus/SectionHistory.tsx';
import { DraftHistory } from '../history/DraftHistory.tsx';
import { useLoad } from '../components/useLoad.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { SectionStateBadge } from '../components/SectionStateBadge.tsx';
import { useSession } from '../session.tsx';
import { Presence } from './Presence.tsx';
import { SectionGoals } from './SectionGoals.tsx';
import { SectionEditor } from './SectionEditor.tsx';
import { useCollab, type CollabStatus } from './useCollab.ts';

const STATUS_KEY = {
  connecting: 'section.status.connecting',
  connected: 'section.status.connected',
  saving: 'section.status.saving',
  offline: 'section.status.offline',
  refused: 'section.status.refused',
} as const satisfies Record<CollabStatus, string>;

/** Why the server refused the document for good, in words (close codes from server/collab/protocol.ts). */
const REFUSED_KEY = {
  4401: 'section.status.refused.4401',
  4403: 'section.status.refused.4403',
  4404: 'section.status.refused.4404',
} as const;

function statusKey(status: CollabStatus, refusedCode: number | null) {
  if (status !== 'refused') return STATUS_KEY[status];
  return REFUSED_KEY[refusedCode as keyof typeof REFUSED_KEY] ?? STATUS_KEY.refused;
}

/** The section, from the request lazyPages.tsx started with the page's code on a first visit, if any. */
const sectionDetail = (id: string) => take(`section:${id}`, () => endpoints.section(id));

/** Others move the section too (positions, the deadline, the chair): look again now and then. */
const CONSENSUS_REFRESH_MS = 15_000;

export function SectionPage() {
  const { t, formatDateTime } = useI18n();
  const { id = '' } = useParams();
  const { me } = useSession();
  const { data: section, setData, error, reload: reloadSection } = useLoad(() => sectionDetail(id), [id]);
  const consensus = useLoad(() => endpoints.consensus(id), [id]);
  const { setData: setConsensus, reload: reloadConsensus } = consensus;
  const collab = useCollab(sectionDocument(id));
  usePageTitle(error ? undefined : section?.title, section?.plan.title);

  // After an action: the consensus the server returned (or a fresh one), and the section's lock.
  const onConsensusChanged = useCallback(
    async (next: SectionConsensus | null) => {
      if (next) setConsensus(next);
      else await reloadConsensus();
      await reloadSection();
    },
    [setConsensus, reloadConsensus, reloadSection],
  );

  useEffect(() => {
    const timer = setInterval(() => void reloadConsensus(), CONSENSUS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reloadConsensus]);

  // When the state moved under us (someone else acted, a deadline passed), the lock may have changed too.
  const state = consensus.data?.state;
  const seenState = useRef(state);
  useEffect(() => {
    if (state && seenState.current && state !== seenState.current) void reloadSection();
    seenState.current = state;
  }, [state, reloadSection]);

  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (error) return <ErrorAlert error={error} />;
  if (!section || !me) return <Paragraph>{t('app.loading')}</Paragraph>;

  const status = collab?.status ?? 'connecting';
  const editable = section.canEdit && status !== 'refused';
  return (
    <article>
      <Paragraph small>
        <Link to={`/tables/${section.tableId}/plan`} className="utrecht-link">
          {section.plan.title}
        </Link>
      </Paragraph>
      <Heading level={1} data-testid="section-title">
        {section.title}
      </Heading>
      <Paragraph data-testid="section-drafters">
        {section.drafters.length
          ? t('section.drafters', { organizations: section.drafters.map((d) => d.name).join(', ') })
          : t('section.noDrafters')}
      </Paragraph>
      <div className="tw-section-bar">
        <SectionStateBadge section={section} />
        <span className={`tw-connection tw-connection-${status}`} role="status" data-testid="connection-status">
          {collab?.merged && status === 'connected'
            ? t('connection.merged')
            : t(statusKey(status, collab?.refusedCode ?? null))}
        </span>
        {section.lastEditedBy && section.lastEditedAt ? (
          <span className="tw-muted" data-testid="section-last-edited">
            {t(section.lastEditedVia ? `section.lastEdited.${section.lastEditedVia}` : 'section.lastEdited', {
              name: section.lastEditedBy.name,
              organization: section.lastEditedBy.organizationName,
              date: formatDateTime(section.lastEditedAt),
            })}
          </span>
        ) : null}
      </div>
      {section.locked && section.state !== 'draft' ? (
        <Alert type="warning">
          <Paragraph data-testid="section-locked">{t(`section.locked.${section.state}`)}</Paragraph>
        </Alert>
      ) : !section.canEdit ? (
        <Alert type="info">
          <Paragraph>{t('section.readOnly')}</Paragraph>
        </Alert>
      ) : null}
      {/* Two columns on wide screens: the round card with the position form beside the text it is about.
          The comments provider lets the panel and the position form beside the editor read its selection. */}
      <CommentsProvider sectionId={section.id} role={me.tables.find((table) => table.id === section.tableId)?.role}>
        <div className="tw-section-columns">
          <div className="tw-section-main">
            <AdoptedTextPanel
              sectionId={section.id}
              role={me.tables.find((table) => table.id === section.tableId)?.role}
              refreshKey={`${consensus.data?.state}:${consensus.data?.currentVersion}`}
            >
              {collab ? <Presence provider={collab.provider} /> : null}
              {collab ? <SectionEditor collab={collab} me={me} editable={editable} commentable /> : null}
            </AdoptedTextPanel>
          </div>
          <div className="tw-section-side">
            <ErrorAlert error={consensus.error} />
            {consensus.data ? (
              <ConsensusPanel
                consensus={consensus.data}
                me={me}
                role={me.tables.find((table) => table.id === section.tableId)?.role}
                onChanged={onConsensusChanged}
              />
            ) : null}
            <CommentsPanel />
          </div>
        </div>
      </CommentsProvider>
      <SectionHistory
        sectionId={section.id}
        refreshKey={`${consensus.data?.state}:${consensus.data?.currentVersion}:${consensus.data?.round?.statements.length}:${consensus.data?.escalation?.steps.length}:${consensus.data?.ruling?.endorsements.length}`}
      />
      <DraftHistory
        sectionId={section.id}
        role={me.tables.find((table) => table.id === section.tableId)?.role}
        refreshKey={`${consensus.data?.state}:${consensus.data?.currentVersion}`}
      />
      <SectionGoals section={section} onSaved={setData} />
    </article>
  );
}
