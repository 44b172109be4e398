import type {
  AcceptInvitationResponse,
  AuditResponse,
  InvitationPreview,
  InvitationsResponse,
  InvitationView,
  MeResponse,
  OrganizationsResponse,
  OutboxResponse,
  SectionDetail,
  SectionsResponse,
  TableDetail,
  TableRules,
  TablesResponse,
} from '../../../shared/api.ts';
import type { Role } from '../../../shared/roles.ts';
import { api } from './client.ts';

const enc = encodeURIComponent;

/** One function per API route the client uses; shapes come from shared/api.ts. */
export const endpoints = {
  login: (email: string, password: string) => api<MeResponse>('POST', '/api/auth/login', { email, password }),
  logout: () => api<{ ok: true }>('POST', '/api/auth/logout', {}),
  me: () => api<MeResponse>('GET', '/api/me'),
  tables: () => api<TablesResponse>('GET', '/api/tables'),
  table: (id: string) => api<TableDetail>('GET', `/api/tables/${enc(id)}`),
  audit: (id: string, before?: number) =>
    api<AuditResponse>('GET', `/api/tables/${enc(id)}/audit?limit=30${before ? `&before=${before}` : ''}`),
  organizations: () => api<OrganizationsResponse>('GET', '/api/organizations'),
  updateRules: (id: string, rules: TableRules) => api<TableDetail>('PUT', `/api/tables/${enc(id)}/rules`, rules),
  setPhase: (id: string, currentPhaseKey: string) =>
    api<TableDetail>('PUT', `/api/tables/${enc(id)}/phase`, { currentPhaseKey }),
  addMember: (id: string, organizationId: string) =>
    api<TableDetail>('POST', `/api/tables/${enc(id)}/members`, { organizationId }),
  removeMember: (id: string, organizationId: string) =>
    api<TableDetail>('DELETE', `/api/tables/${enc(id)}/members/${enc(organizationId)}`),
  setRole: (id: string, userId: string, role: Role) =>
    api<TableDetail>('PUT', `/api/tables/${enc(id)}/roles/${enc(userId)}`, { role }),
  revokeRole: (id: string, userId: string) => api<TableDetail>('DELETE', `/api/tables/${enc(id)}/roles/${enc(userId)}`),
  invitations: (id: string) => api<InvitationsResponse>('GET', `/api/tables/${enc(id)}/invitations`),
  invite: (id: string, input: { email: string; name: string; organizationId: string; role: Role }) =>
    api<InvitationView>('POST', `/api/tables/${enc(id)}/invitations`, input),
  revokeInvitation: (id: string, invitationId: string) =>
    api<{ ok: true }>('DELETE', `/api/tables/${enc(id)}/invitations/${enc(invitationId)}`),
  previewInvitation: (token: string) => api<InvitationPreview>('GET', `/api/invitations/${enc(token)}`),
  acceptInvitation: (token: string, input: { name: string; password?: string }) =>
    api<AcceptInvitationResponse>('POST', `/api/invitations/${enc(token)}/accept`, input),
  outbox: () => api<OutboxResponse>('GET', '/api/dev/outbox'),
  sections: (tableId: string) => api<SectionsResponse>('GET', `/api/tables/${enc(tableId)}/sections`),
  section: (id: string) => api<SectionDetail>('GET', `/api/sections/${enc(id)}`),
};
