import { useCallback, useMemo } from "react";
import { listAudit, listUsers } from "../../api/governance.ts";
import type { User } from "../../api/types.ts";
import { CursorListView } from "../../components/cursor-list-view.tsx";
import { FilterBar, TextFilter } from "../../components/filter-controls.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { RequirePermission } from "../../components/require-permission.tsx";
import { useSessionUser } from "../../components/session-provider.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { useCursorList } from "../../hooks/use-cursor-list.ts";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { useUrlFilters } from "../../hooks/use-url-filters.ts";
import { hasPermission } from "../../lib/access.ts";
import { AUDIT_FILTERS, filtersToQuery } from "../../lib/query-filters.ts";
import { AuditTable } from "./audit-table.tsx";
import { VerificationBanner } from "./verification-banner.tsx";

const PAGE_SIZE = 100;

/** Users by id, to show actors by name; empty for viewers who may not list users. */
function useUserNames(): (id: string) => string | undefined {
  const me = useSessionUser();
  const mayListUsers = hasPermission(me.permissions, "user:read");
  const load = useCallback(
    async (signal: AbortSignal): Promise<User[]> =>
      mayListUsers ? (await listUsers(signal)).items : [],
    [mayListUsers],
  );
  const users = useAsync(load);
  const ready = users.status === "ready" ? users.data : null;
  return useMemo(() => {
    const names = new Map((ready ?? []).map((user) => [user.id, user.name]));
    return (id: string) => names.get(id);
  }, [ready]);
}

function AuditLog() {
  const { filters, activeCount, setFilter, clearFilters } = useUrlFilters(AUDIT_FILTERS);
  const fetchPage = useCallback(
    (cursor: string | null, signal: AbortSignal) =>
      listAudit({ ...filtersToQuery(AUDIT_FILTERS, filters), limit: PAGE_SIZE, cursor }, signal),
    [filters],
  );
  const entries = useCursorList(fetchPage);
  const userName = useUserNames();

  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Every write, newest first; each entry carries the hash of the one before."
      />
      <VerificationBanner />
      <FilterBar activeCount={activeCount} onClear={clearFilters}>
        <TextFilter
          name="actor"
          label="Actor"
          value={filters.actor}
          placeholder="user:… or system:…"
          onChange={setFilter}
        />
        <TextFilter
          name="action"
          label="Action"
          value={filters.action}
          placeholder="user.create"
          onChange={setFilter}
        />
      </FilterBar>
      <CursorListView
        list={entries}
        noun="entry"
        plural="entries"
        loadingLabel="Loading audit entries…"
        empty={
          activeCount > 0 ? "No audit entries match these filters." : "The audit log is empty."
        }
      >
        {(items) => <AuditTable entries={items} userName={userName} onFilter={setFilter} />}
      </CursorListView>
    </>
  );
}

export function AuditPage() {
  usePageTitle("Audit log");
  return (
    <RequirePermission anyOf={["audit:read"]} title="Audit log">
      <AuditLog />
    </RequirePermission>
  );
}
