import { Heading, Paragraph } from '@utrecht/component-library-react';
import type { MemberOrganization, PersonView, TableDetail } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';

function Person({ person }: { person: PersonView }) {
  return (
    <>
      {person.name} <span className="tw-muted">({person.organization.name})</span> ·{' '}
      <a className="utrecht-link" href={`mailto:${person.email}`}>
        {person.email}
      </a>
    </>
  );
}

function MemberGroup({ title, members }: { title: string; members: MemberOrganization[] }) {
  const { t } = useI18n();
  if (members.length === 0) return null;
  return (
    <>
      <Heading level={3}>{title}</Heading>
      <ul className="tw-members">
        {members.map((member) => (
          <li key={member.organization.id}>
            <strong>{member.organization.name}</strong>
            {member.delegates.length === 0 ? (
              <span className="tw-muted"> — {t('table.members.noDelegates')}</span>
            ) : (
              <ul>
                {member.delegates.map((delegate) => (
                  <li key={delegate.userId}>
                    {delegate.name} ·{' '}
                    <a className="utrecht-link" href={`mailto:${delegate.email}`}>
                      {delegate.email}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Who sits at the table: member organizations with their delegates, the chair, the secretariat, readers. */
export function MembersView({ table }: { table: TableDetail }) {
  const { t } = useI18n();
  const byKind = (kind: string) => table.members.filter((m) => m.organization.kind === kind);
  const others = table.members.filter(
    (m) => m.organization.kind !== 'municipality' && m.organization.kind !== 'provider',
  );
  return (
    <section aria-labelledby="members-heading" data-testid="members">
      <Heading level={2} id="members-heading">
        {t('table.members')}
      </Heading>
      <div className="tw-columns">
        <div>
          <MemberGroup title={t('table.members.municipalities')} members={byKind('municipality')} />
        </div>
        <div>
          <MemberGroup title={t('table.members.providers')} members={byKind('provider')} />
          <MemberGroup title={t('table.members.others')} members={others} />
        </div>
      </div>
      <div className="tw-columns">
        <div>
          <Heading level={3}>{t('table.chair')}</Heading>
          <Paragraph>{table.chair ? <Person person={table.chair} /> : t('table.chair.none')}</Paragraph>
          <Heading level={3}>{t('table.secretariat')}</Heading>
          <ul className="tw-members">
            {table.secretariat.map((person) => (
              <li key={person.userId}>
                <Person person={person} />
              </li>
            ))}
          </ul>
        </div>
        <div>
          <Heading level={3}>{t('table.readers')}</Heading>
          {table.readers.length === 0 ? <Paragraph>{t('table.readers.none')}</Paragraph> : null}
          <ul className="tw-members">
            {table.readers.map((person) => (
              <li key={person.userId}>
                <Person person={person} /> — {t(`role.${person.role}`)}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
