import { Button, Heading, Paragraph, Select, SelectOption } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { OrganizationSummary, TableDetail } from '../../../../shared/api.ts';
import { endpoints } from '../../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../../components/ErrorAlert.tsx';
import { Field } from '../../components/Field.tsx';
import { useAction } from '../../components/useAction.ts';
import { useDisabledReason } from '../../components/DisabledReason.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { TableFormProps } from './types.ts';

/** The member organizations: remove one, or add a municipality or provider that is not yet a member. */
export function MembersForm({
  table,
  onChange,
  organizations,
}: TableFormProps & { organizations: OrganizationSummary[] }) {
  const { t } = useI18n();
  const memberIds = new Set(table.members.map((m) => m.organization.id));
  const candidates = organizations.filter(
    (o) => !memberIds.has(o.id) && (o.kind === 'municipality' || o.kind === 'provider'),
  );
  const [choice, setChoice] = useState('');
  const { run, error, status, busy } = useAction();
  const why = useDisabledReason(busy || choice ? null : t('manage.members.whyChoose'));
  const change = (action: () => Promise<TableDetail>) => run(async () => onChange(await action()), t('manage.saved'));
  return (
    <div className="tw-panel">
      <Heading level={3}>{t('manage.members.title')}</Heading>
      <ErrorAlert error={error} />
      <ul className="tw-members">
        {table.members.map((member) => (
          <li key={member.organization.id} className="tw-row">
            <span>
              {member.organization.name} <span className="tw-muted">({t(`orgKind.${member.organization.kind}`)})</span>
            </span>
            <Button
              appearance="subtle-button"
              disabled={busy}
              aria-label={t('manage.members.removeLabel', { organization: member.organization.name })}
              onClick={() => void change(() => endpoints.removeMember(table.id, member.organization.id))}
            >
              {t('manage.members.remove')}
            </Button>
          </li>
        ))}
      </ul>
      {candidates.length === 0 ? (
        <Paragraph>{t('manage.members.allMembers')}</Paragraph>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (choice) void change(() => endpoints.addMember(table.id, choice)).then((ok) => ok && setChoice(''));
          }}
        >
          <Field id="member-add" label={t('manage.members.addLabel')}>
            <Select value={choice} required onChange={(e) => setChoice(e.target.value)}>
              <SelectOption value="">{t('manage.members.choose')}</SelectOption>
              {candidates.map((o) => (
                <SelectOption key={o.id} value={o.id}>
                  {o.name}
                </SelectOption>
              ))}
            </Select>
          </Field>
          <Button type="submit" appearance="secondary-action-button" disabled={busy || !choice} {...why.describedBy}>
            {t('manage.members.add')}
          </Button>
          {why.hint}
        </form>
      )}
      <StatusMessage text={status} />
    </div>
  );
}
