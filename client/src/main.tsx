import '@utrecht/design-tokens/dist/index.css';
import './styles.css';
import './nlds.ts';
import './zodConfig.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Layout, RequireLogin } from './components/Layout.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import { AccessibilityPage } from './pages/AccessibilityPage.tsx';
import { InvitePage } from './pages/InvitePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { OutboxPage } from './pages/OutboxPage.tsx';
import { TablesPage } from './pages/TablesPage.tsx';
import { AdoptedPlanPage, GoalPage, ReportPage, SectionPage, TablePage } from './lazyPages.tsx';
import { SessionProvider } from './session.tsx';

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/invite/:token', element: <InvitePage /> },
      { path: '/toegankelijkheid', element: <AccessibilityPage /> },
      {
        element: <RequireLogin />,
        children: [
          { path: '/', element: <TablesPage /> },
          { path: '/tables/:id', element: <TablePage tab="overview" /> },
          { path: '/tables/:id/plan', element: <TablePage tab="plan" /> },
          { path: '/tables/:id/goals', element: <TablePage tab="goals" /> },
          { path: '/tables/:id/goals/:goalId', element: <GoalPage /> },
          { path: '/tables/:id/reports', element: <TablePage tab="reports" /> },
          { path: '/reports/:id', element: <ReportPage /> },
          { path: '/tables/:id/escalations', element: <TablePage tab="escalations" /> },
          { path: '/tables/:id/audit', element: <TablePage tab="timeline" /> },
          { path: '/tables/:id/manage', element: <TablePage tab="manage" /> },
          { path: '/sections/:id', element: <SectionPage /> },
          { path: '/plans/:id/adopted', element: <AdoptedPlanPage /> },
          { path: '/dev/outbox', element: <OutboxPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
