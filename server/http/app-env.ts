import type { OrganizationSummary } from '../../shared/api.ts';
import type { Session } from '../auth/commands.ts';
import type { AppDeps } from '../deps.ts';

export interface CurrentUser {
  id: string;
  name: string;
  email: string;
  isDemo: boolean;
  organization: OrganizationSummary;
}

/** Hono's environment for every route: the injected dependencies and who is asking. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    user: CurrentUser | null;
    session: Session | null;
  };
}
