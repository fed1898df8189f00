import { Route, Routes } from "react-router-dom";
import { AppShell } from "./components/app-shell.tsx";
import { RequireSession } from "./components/require-session.tsx";
import { SessionProvider } from "./components/session-provider.tsx";
import { CaseListPage } from "./pages/cases/case-list-page.tsx";
import { CasePage } from "./pages/cases/case-page.tsx";
import { QueuePage } from "./pages/cases/queue-page.tsx";
import { CustomerListPage } from "./pages/customers/customer-list-page.tsx";
import { CustomerPage } from "./pages/customers/customer-page.tsx";
import { EventLogPage } from "./pages/events/event-log-page.tsx";
import { AuditPage } from "./pages/governance/audit-page.tsx";
import { GovernanceHome, GovernanceLayout } from "./pages/governance/governance-layout.tsx";
import { RolesPage } from "./pages/governance/roles-page.tsx";
import { UsersPage } from "./pages/governance/users-page.tsx";
import { HomeRedirect } from "./pages/home-redirect.tsx";
import { LoginPage } from "./pages/login/login-page.tsx";
import { AlertsPage } from "./pages/metrics/alerts-page.tsx";
import { DashboardPage } from "./pages/metrics/dashboard-page.tsx";
import { MetricsHome, MetricsLayout } from "./pages/metrics/metrics-layout.tsx";
import { ScorecardsPage } from "./pages/metrics/scorecards-page.tsx";
import { NotFoundPage } from "./pages/not-found-page.tsx";
import { MisclassificationPage } from "./pages/routing/misclassification-page.tsx";
import { ReplayPage } from "./pages/routing/replay-page.tsx";
import { RoutingHome, RoutingLayout } from "./pages/routing/routing-layout.tsx";
import { RoutingRulesPage } from "./pages/routing/routing-rules-page.tsx";
import { CalendarsPage } from "./pages/settings/calendars-page.tsx";
import { CaseRulesPage } from "./pages/settings/case-rules-page.tsx";
import { EscalationPoliciesPage } from "./pages/settings/escalation-policies-page.tsx";
import { HandoffTypesPage } from "./pages/settings/handoff-types-page.tsx";
import { IntakeRulesPage } from "./pages/settings/intake-rules-page.tsx";
import { QueueSettingsPage } from "./pages/settings/queue-settings-page.tsx";
import { SettingsHome, SettingsLayout } from "./pages/settings/settings-layout.tsx";
import { SlaPoliciesPage } from "./pages/settings/sla-policies-page.tsx";
import { TaxonomyPage } from "./pages/settings/taxonomy-page.tsx";
import { TokensPage } from "./pages/settings/tokens-page.tsx";
import { WebhooksPage } from "./pages/settings/webhooks-page.tsx";
import { TeamsPage } from "./pages/teams/teams-page.tsx";

export function App() {
  return (
    <SessionProvider>
      <Routes>
        <Route path="login" element={<LoginPage />} />
        <Route element={<RequireSession />}>
          <Route element={<AppShell />}>
            <Route index element={<HomeRedirect />} />
            <Route path="cases" element={<CaseListPage />} />
            <Route path="cases/:caseId" element={<CasePage />} />
            <Route path="queue" element={<QueuePage />} />
            <Route path="customers" element={<CustomerListPage />} />
            <Route path="customers/:customerId" element={<CustomerPage />} />
            <Route path="teams" element={<TeamsPage />} />
            <Route path="events" element={<EventLogPage />} />
            <Route path="admin" element={<GovernanceLayout />}>
              <Route index element={<GovernanceHome />} />
              <Route path="users" element={<UsersPage />} />
              <Route path="roles" element={<RolesPage />} />
              <Route path="audit" element={<AuditPage />} />
            </Route>
            <Route path="routing" element={<RoutingLayout />}>
              <Route index element={<RoutingHome />} />
              <Route path="rules" element={<RoutingRulesPage />} />
              <Route path="misclassification" element={<MisclassificationPage />} />
              <Route path="replay" element={<ReplayPage />} />
            </Route>
            <Route path="metrics" element={<MetricsLayout />}>
              <Route index element={<MetricsHome />} />
              <Route path="dashboard" element={<DashboardPage />} />
              <Route path="scorecards" element={<ScorecardsPage />} />
              <Route path="alerts" element={<AlertsPage />} />
            </Route>
            <Route path="settings" element={<SettingsLayout />}>
              <Route index element={<SettingsHome />} />
              <Route path="calendars" element={<CalendarsPage />} />
              <Route path="sla-policies" element={<SlaPoliciesPage />} />
              <Route path="escalation-policies" element={<EscalationPoliciesPage />} />
              <Route path="intake-rules" element={<IntakeRulesPage />} />
              <Route path="taxonomy" element={<TaxonomyPage />} />
              <Route path="handoff-types" element={<HandoffTypesPage />} />
              <Route path="case-rules" element={<CaseRulesPage />} />
              <Route path="queues" element={<QueueSettingsPage />} />
              <Route path="webhooks" element={<WebhooksPage />} />
              <Route path="tokens" element={<TokensPage />} />
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </SessionProvider>
  );
}
