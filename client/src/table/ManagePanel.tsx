import { Heading } from '@utrecht/component-library-react';
import type { TableDetail } from '../../../shared/api.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { InviteForm } from './manage/InviteForm.tsx';
import { MembersForm } from './manage/MembersForm.tsx';
import { PeopleForm } from './manage/PeopleForm.tsx';
import { PhaseForm } from './manage/PhaseForm.tsx';
import { RulesForm } from './manage/RulesForm.tsx';

interface Props {
  table: TableDetail;
  onChange(table: TableDetail): void;
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
