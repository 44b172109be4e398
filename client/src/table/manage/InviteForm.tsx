import {
  Button,
  Fieldset,
  FieldsetLegend,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { OrganizationSummary, TableDetail } from '../../../../shared/api.ts';
import { ROLES, roleFitsOrganization, type Role } from '../../../../shared/roles.ts';
import { endpoints } from '../../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../../components/ErrorAlert.tsx';
import { Field } from '../../components/Field.tsx';
import { fieldError } from '../../components/fieldErrors.ts';
import { useAction } from '../../components/useAction.ts';
import { useLoad } from '../../components/useLoad.ts';
import { useDisabledReason } from '../../components/DisabledReason.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

/** Invites a person by e-mail for a role at an organization, and lists the open invitations. */
export function InviteForm({ table, organizations }: { table: TableDetail; organizations: OrganizationSummary[] }) {
  const { t, formatDate } = useI18n();
  const invitations = useLoad(() => endpoints.invitations(table.id), [table.id]);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const organization = organizations.find((o) => o.id === organizationId);
  const roles = organization ? ROLES.filter((r) => roleFitsOrganization(r, organization.kind)) : [];
  const [role, setRole] = useState<Role | ''>('');
  const { run, error, status, busy } = useAction();
  const why = useDisabledReason(
    busy || role ? null : t(organization ? 'manage.invite.whyRole' : 'manage.invite.whyOrganization'),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!role) return;
    const sentTo = email;
    const ok = await run(
      () => endpoints.invite(table.id, { email, name, organizationId, role }),
      t('manage.invite.sent', { email: sentTo }),
    );
    if (ok) {
      setEmail('');
      setName('');
      await invitations.reload();
    }
  }

  return (
    <div className="tw-panel">
      <form onSubmit={submit} noValidate data-testid="invite-form">
        <Fieldset>
          <FieldsetLegend>{t('manage.invite.title')}</FieldsetLegend>
          <Paragraph>{t('manage.invite.intro')}</Paragraph>
          <ErrorAlert error={error} inline={['email', 'name', 'organizationId', 'role']} />
          <Field id="invite-email" label={t('manage.invite.email')} error={fieldError(t, error, 'email')}>
            <Textbox type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <Field id="invite-name" label={t('manage.invite.name')} error={fieldError(t, error, 'name')}>
            <Textbox required value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field
            id="invite-organization"
            label={t('manage.invite.organization')}
            error={fieldError(t, error, 'organizationId')}
          >
            <Select
              required
              value={organizationId}
              onChange={(e) => {
                setOrganizationId(e.target.value);
                setRole('');
              }}
            >
              <SelectOption value="">{t('manage.members.choose')}</SelectOption>
              {organizations.map((o) => (
                <SelectOption key={o.id} value={o.id}>
                  {o.name}
                </SelectOption>
              ))}
            </Select>
          </Field>
          <Field id="invite-role" label={t('manage.invite.role')} error={fieldError(t, error, 'role')}>
            <Select required value={role} disabled={!organization} onChange={(e) => setRole(e.target.value as Role)}>
              <SelectOption value="">—</SelectOption>
              {roles.map((r) => (
                <SelectOption key={r} value={r}>
                  {t(`role.${r}`)}
                </SelectOption>
              ))}
            </Select>
          </Field>
          <Button type="submit" appearance="primary-action-button" disabled={busy || !role} {...why.describedBy}>
            {t('manage.invite.submit')}
          </Button>
          {why.hint}
          <StatusMessage text={status} />
        </Fieldset>
      </form>
      <Heading level={3}>{t('manage.invitations.title')}</Heading>
      <ErrorAlert error={invitations.error} />
      {invitations.data?.invitations.length === 0 ? <Paragraph>{t('manage.invitations.none')}</Paragraph> : null}
      <ul className="tw-members">
        {invitations.data?.invitations.map((invitation) => (
          <li key={invitation.id} className="tw-row">
            <span>
              {invitation.name} · {invitation.email} · {t(`role.${invitation.role}`)} ({invitation.organization.name}){' '}
              <span className="tw-muted">
                {t('manage.invitations.by', { name: invitation.invitedBy })},{' '}
                {t('manage.invitations.expires', { date: formatDate(invitation.expiresAt) })}
              </span>
            </span>
            <Button
              appearance="subtle-button"
              aria-label={t('manage.invitations.revokeLabel', { email: invitation.email })}
              onClick={async () => {
                if (await run(() => endpoints.revokeInvitation(table.id, invitation.id), t('manage.saved'))) {
                  await invitations.reload();
                }
              }}
            >
              {t('manage.invitations.revoke')}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
