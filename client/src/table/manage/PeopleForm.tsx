import { Button, Heading, Select, SelectOption } from '@utrecht/component-library-react';
import type { PersonView, TableDetail } from '../../../../shared/api.ts';
import { ROLES, roleFitsOrganization, type Role } from '../../../../shared/roles.ts';
import { endpoints } from '../../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../../components/ErrorAlert.tsx';
import { useAction } from '../../components/useAction.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { TableFormProps } from './types.ts';

/** Everyone with a role at the table, by name. */
function everyone(table: TableDetail): PersonView[] {
  const people = [
    ...table.members.flatMap((m) => m.delegates),
    ...(table.chair ? [table.chair] : []),
    ...table.secretariat,
    ...table.readers,
  ];
  return people.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** The people at the table: change a person's role (within what their organization allows) or revoke it. */
export function PeopleForm({ table, onChange }: TableFormProps) {
  const { t } = useI18n();
  const { run, error, status, busy } = useAction();
  const change = (action: () => Promise<TableDetail>) => run(async () => onChange(await action()), t('manage.saved'));
  return (
    <div className="tw-panel">
      <Heading level={3}>{t('manage.people.title')}</Heading>
      <ErrorAlert error={error} />
      <div className="tw-scroll" role="region" aria-label={t('manage.people.title')} tabIndex={0}>
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
                  {/* One select per row: its label is the row's name, so aria-label rather than a visible Field. */}
                  <Select
                    aria-label={t('manage.people.roleLabel', { name: person.name })}
                    value={person.role}
                    disabled={busy}
                    onChange={(e) =>
                      void change(() => endpoints.setRole(table.id, person.userId, e.target.value as Role))
                    }
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
                    onClick={() => void change(() => endpoints.revokeRole(table.id, person.userId))}
                  >
                    {t('manage.people.revoke')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <StatusMessage text={status} />
    </div>
  );
}
