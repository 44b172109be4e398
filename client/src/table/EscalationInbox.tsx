import { Heading, Paragraph } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** The chair's inbox: the table's open escalations, oldest first, each with its section and age. */
export function EscalationInbox({ tableId }: { tableId: string }) {
  const { t, formatDateTime } = useI18n();
  const { data, error } = useLoad(() => endpoints.escalationInbox(tableId), [tableId]);
  const escalations = [...(data?.escalations ?? [])].sort((a, b) => a.escalatedAt.localeCompare(b.escalatedAt));
  return (
    <section aria-labelledby="inbox-heading" data-testid="escalation-inbox">
      <Heading level={2} id="inbox-heading">
        {t('inbox.title')}
      </Heading>
      <Paragraph>{t('inbox.intro')}</Paragraph>
      <ErrorAlert error={error} />
      {!data && !error ? <Paragraph>{t('app.loading')}</Paragraph> : null}
      {data && escalations.length === 0 ? <Paragraph data-testid="inbox-empty">{t('inbox.none')}</Paragraph> : null}
      {escalations.length > 0 ? (
        <div className="tw-scroll" role="region" aria-label={t('inbox.caption')} tabIndex={0}>
          <table className="tw-table">
            <caption className="tw-caption">{t('inbox.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('inbox.section')}</th>
                <th scope="col">{t('inbox.state')}</th>
                <th scope="col">{t('inbox.reason')}</th>
                <th scope="col">{t('inbox.escalatedBy')}</th>
                <th scope="col">{t('inbox.age')}</th>
                <th scope="col">{t('inbox.steps')}</th>
              </tr>
            </thead>
            <tbody>
              {escalations.map((escalation) => (
                <tr key={escalation.id} data-testid="inbox-escalation" data-section-id={escalation.section.id}>
                  <th scope="row">
                    <Link
                      to={`/sections/${escalation.section.id}`}
                      className="utrecht-link"
                      data-testid="inbox-section"
                    >
                      {escalation.section.title}
                    </Link>
                  </th>
                  <td>
                    <span
                      className={`tw-badge tw-state tw-state-${escalation.section.state}`}
                      data-testid="inbox-state"
                    >
                      {t(`plan.state.${escalation.section.state}`)}
                    </span>
                  </td>
                  <td className="tw-pre" data-testid="inbox-reason">
                    {escalation.reason}
                  </td>
                  <td>
                    {escalation.escalatedBy.name} ({escalation.escalatedBy.organizationName}),{' '}
                    {formatDateTime(escalation.escalatedAt)}
                  </td>
                  <td data-testid="inbox-age">{escalation.ageDays}</td>
                  <td data-testid="inbox-steps">{escalation.steps.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
