import {
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react/css-module';
import { useState, type FormEvent } from 'react';
import type { OrganizationSummary, PersonView, TableDetail, TableRules } from '../../../shared/api.ts';
import { ROLES, RULING_RULES, roleFitsOrganization, type Role, type RulingRule } from '../../../shared/roles.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/i18n.tsx';

interface Props {
  table: TableDetail;
  onChange(table: TableDetail): void;
}

/** Runs one management action: shows success or the error, and hands the updated table up. */
function useAction(onChange: (table: TableDetail) => void) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<TableDetail | null>, success = t('manage.saved')) {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const table = await action();
      if (table) onChange(table);
      setStatus(success);
      return true;
    } catch (cause) {
      setError(cause);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { run, error, status, busy };
}

function RulesForm({ table, onChange }: Props) {
  const { t } = useI18n();
  const [rules, setRules] = useState<TableRules>(table.rules);
  const { run, error, status, busy } = useAction(onChange);
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(() => endpoints.updateRules(table.id, rules));
  }
  return (
    <form onSubmit={submit} className="tw-panel" data-testid="rules-form">
      <Heading level={3}>{t('manage.rules.title')}</Heading>
      <ErrorAlert error={error} />
      <FormField>
        <FormLabel htmlFor="rules-period">{t('manage.rules.responsePeriod')}</FormLabel>
        <FormFieldDescription id="rules-period-help">{t('manage.rules.responsePeriodHelp')}</FormFieldDescription>
        <Textbox
          id="rules-period"
          type="number"
          min={1}
          max={60}
          required
          aria-describedby="rules-period-help"
          value={String(rules.responsePeriodDays)}
          onChange={(e) => setRules({ ...rules, responsePeriodDays: Number(e.target.value) })}
        />
      </FormField>
      <FormField type="checkbox">
        <Checkbox
          id="rules-silence"
          checked={rules.silenceIsConsent}
          onChange={(e) => setRules({ ...rules, silenceIsConsent: e.target.checked })}
        />{' '}
        <FormLabel htmlFor="rules-silence" type="checkbox">
          {t('manage.rules.silence')}
        </FormLabel>
      </FormField>
      <FormField>
        <FormLabel htmlFor="rules-ruling">{t('manage.rules.ruling')}</FormLabel>
        <Select
          id="rules-ruling"
          value={rules.rulingRule}
          onChange={(e) => setRules({ ...rules, rulingRule: e.target.value as RulingRule })}
        >
          {RULING_RULES.map((rule) => (
            <SelectOption key={rule} value={rule}>
              {t(`ruling.${rule}`)}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <Button type="submit" appearance="primary-action-button" disabled={busy}>
        {t('manage.rules.save')}
      </Button>
      <StatusMessage text={status} />
    </form>
  );
}

function PhaseForm({ table, onChange }: Props) {
  const { t } = useI18n();
  const [phase, setPhase] = useState(table.phases.find((p) => p.isCurrent)?.key ?? table.phases[0]?.key ?? '');
  const { run, error, status, busy } = useAction(onChange);
  return (
    <form
      className="tw-panel"
      onSubmit={(event) => {
        event.preventDefault();
        void run(() => endpoints.setPhase(table.id, phase));
      }}
    >
      <Heading level={3}>{t('manage.phase.title')}</Heading>
      <ErrorAlert error={error} />
      <FormField>
        <FormLabel htmlFor="phase-select">{t('manage.phase.label')}</FormLabel>
        <Select id="phase-select" value={phase} onChange={(e) => setPhase(e.target.value)}>
          {table.phases.map((p) => (
            <SelectOption key={p.key} value={p.key}>
              {p.name}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <Button type="submit" appearance="primary-action-button" disabled={busy}>
        {t('manage.phase.save')}
      </Button>
      <StatusMessage text={status} />
    </form>
  );
}

function MembersForm({ table, onChange, organizations }: Props & { organizations: OrganizationSummary[] }) {
  const { t } = useI18n();
  const memberIds = new Set(table.members.map((m) => m.organization.id));
  const candidates = organizations.filter(
    (o) => !memberIds.has(o.id) && (o.kind === 'municipality' || o.kind === 'provider'),
  );
  const [choice, setChoice] = useState('');
  const { run, error, status, busy } = useAction(onChange);
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
              onClick={() => void run(() => endpoints.removeMember(table.id, member.organization.id))}
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
          onSubmit={(event) => {
            event.preventDefault();
            if (choice) void run(() => endpoints.addMember(table.id, choice)).then((ok) => ok && setChoice(''));
          }}
        >
          <FormField>
            <FormLabel htmlFor="member-add">{t('manage.members.addLabel')}</FormLabel>
            <Select id="member-add" value={choice} required onChange={(e) => setChoice(e.target.value)}>
              <SelectOption value="">{t('manage.members.choose')}</SelectOption>
              {candidates.map((o) => (
                <SelectOption key={o.id} value={o.id}>
                  {o.name}
                </SelectOption>
              ))}
            </Select>
          </FormField>
          <Button type="submit" appearance="secondary-action-button" disabled={busy || !choice}>
            {t('manage.members.add')}
          </Button>
        </form>
      )}
      <StatusMessage text={status} />
    </div>
  );
}

function everyone(table: TableDetail): PersonView[] {
  const people = [
    ...table.members.flatMap((m) => m.delegates),
    ...(table.chair ? [table.chair] : []),
    ...table.secretariat,
    ...table.readers,
  ];
  return people.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

function PeopleForm({ table, onChange }: Props) {
  const { t } = useI18n();
  const { run, error, status, busy } = useAction(onChange);
  return (
    <div className="tw-panel">
      <Heading level={3}>{t('manage.people.title')}</Heading>
      <ErrorAlert error={error} />
      <table className="tw-table">
        <thead>
          <tr>
            <th scope="col">{t('manage.people.name')}</th>
            <th scope="col">{t('manage.people.organization')}</th>
            <th scope="col">{t('manage.people.role')}</th>
            <th scope="col">{t('manage.people.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {everyone(table).map((person) => (
            <tr key={person.userId}>
              <td>{person.name}</td>
              <td>{person.organization.name}</td>
              <td>
                <Select
                  aria-label={t('manage.people.roleLabel', { name: person.name })}
                  value={person.role}
                  disabled={busy}
                  onChange={(e) => void run(() => endpoints.setRole(table.id, person.userId, e.target.value as Role))}
                >
                  {ROLES.filter((role) => roleFitsOrganization(role, person.organization.kind)).map((role) => (
                    <SelectOption key={role} value={role}>
                      {t(`role.${role}`)}
                    </SelectOption>
                  ))}
                </Select>
              </td>
              <td>
                <Button
                  appearance="subtle-button"
                  disabled={busy}
                  aria-label={t('manage.people.revokeLabel', { name: person.name })}
                  onClick={() => void run(() => endpoints.revokeRole(table.id, person.userId))}
                >
                  {t('manage.people.revoke')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <StatusMessage text={status} />
    </div>
  );
}

function InviteForm({ table, organizations }: { table: TableDetail; organizations: OrganizationSummary[] }) {
  const { t, formatDate } = useI18n();
  const invitations = useLoad(() => endpoints.invitations(table.id), [table.id]);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const organization = organizations.find((o) => o.id === organizationId);
  const roles = organization ? ROLES.filter((r) => roleFitsOrganization(r, organization.kind)) : [];
  const [role, setRole] = useState<Role | ''>('');
  const { run, error, status, busy } = useAction(() => undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!role) return;
    const sentTo = email;
    const ok = await run(
      async () => {
        await endpoints.invite(table.id, { email, name, organizationId, role });
        return null;
      },
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
      <form onSubmit={submit} data-testid="invite-form">
        <Fieldset>
          <FieldsetLegend>{t('manage.invite.title')}</FieldsetLegend>
          <Paragraph>{t('manage.invite.intro')}</Paragraph>
          <ErrorAlert error={error} />
          <FormField>
            <FormLabel htmlFor="invite-email">{t('manage.invite.email')}</FormLabel>
            <Textbox id="invite-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </FormField>
          <FormField>
            <FormLabel htmlFor="invite-name">{t('manage.invite.name')}</FormLabel>
            <Textbox id="invite-name" required value={name} onChange={(e) => setName(e.target.value)} />
          </FormField>
          <FormField>
            <FormLabel htmlFor="invite-organization">{t('manage.invite.organization')}</FormLabel>
            <Select
              id="invite-organization"
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
          </FormField>
          <FormField>
            <FormLabel htmlFor="invite-role">{t('manage.invite.role')}</FormLabel>
            <Select
              id="invite-role"
              required
              value={role}
              disabled={!organization}
              onChange={(e) => setRole(e.target.value as Role)}
            >
              <SelectOption value="">—</SelectOption>
              {roles.map((r) => (
                <SelectOption key={r} value={r}>
                  {t(`role.${r}`)}
                </SelectOption>
              ))}
            </Select>
          </FormField>
          <Button type="submit" appearance="primary-action-button" disabled={busy || !role}>
            {t('manage.invite.submit')}
          </Button>
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
                if (await run(async () => (await endpoints.revokeInvitation(table.id, invitation.id), null))) {
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

/** The secretariat's tools for a table: rules of play, phase, organizations, roles and invitations. */
export function ManagePanel({ table, onChange }: Props) {
  const { t } = useI18n();
  const organizations = useLoad(() => endpoints.organizations(), []);
  const orgs = organizations.data?.organizations ?? [];
  return (
    <section aria-labelledby="manage-heading">
      <Heading level={2} id="manage-heading">
        {t('manage.title')}
      </Heading>
      <ErrorAlert error={organizations.error} />
      <div className="tw-columns">
        <RulesForm table={table} onChange={onChange} />
        <PhaseForm table={table} onChange={onChange} />
      </div>
      <PeopleForm table={table} onChange={onChange} />
      <div className="tw-columns">
        <InviteForm table={table} organizations={orgs} />
        <MembersForm table={table} onChange={onChange} organizations={orgs} />
      </div>
    </section>
  );
}
