import { Navigate, Route, Routes } from "react-router-dom";
import { AppShell } from "./components/app-shell.tsx";
import { DirectoryProvider } from "./components/directory-provider.tsx";
import { CaseListPage } from "./pages/cases/case-list-page.tsx";
import { CasePage } from "./pages/cases/case-page.tsx";
import { CustomerListPage } from "./pages/customers/customer-list-page.tsx";
import { CustomerPage } from "./pages/customers/customer-page.tsx";
import { EventLogPage } from "./pages/events/event-log-page.tsx";
import { NotFoundPage } from "./pages/not-found-page.tsx";
import { TeamsPage } from "./pages/teams/teams-page.tsx";

export function App() {
  return (
    <DirectoryProvider>
      <Routes>
        <Route element={<AppShell />}>
          <Route index element={<Navigate to="/cases" replace />} />
          <Route path="cases" element={<CaseListPage />} />
          <Route path="cases/:caseId" element={<CasePage />} />
          <Route path="customers" element={<CustomerListPage />} />
          <Route path="customers/:customerId" element={<CustomerPage />} />
          <Route path="teams" element={<TeamsPage />} />
          <Route path="events" element={<EventLogPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </DirectoryProvider>
  );
}
