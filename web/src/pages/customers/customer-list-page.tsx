import { useCallback } from "react";
import { listCustomers } from "../../api/client.ts";
import { TextFilter } from "../../components/filter-controls.tsx";
import { LoadMore } from "../../components/load-more.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useCursorList } from "../../hooks/use-cursor-list.ts";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { useUrlFilters } from "../../hooks/use-url-filters.ts";
import { CUSTOMER_FILTERS, filtersToQuery } from "../../lib/query-filters.ts";
import { CustomerTable } from "./customer-table.tsx";

const PAGE_SIZE = 50;

export function CustomerListPage() {
  usePageTitle("Customers");
  const { filters, activeCount, setFilter, clearFilters } = useUrlFilters(CUSTOMER_FILTERS);

  const fetchPage = useCallback(
    (cursor: string | null, signal: AbortSignal) =>
      listCustomers(
        { ...filtersToQuery(CUSTOMER_FILTERS, filters), limit: PAGE_SIZE, cursor },
        signal,
      ),
    [filters],
  );
  const customers = useCursorList(fetchPage);

  return (
    <>
      <PageHeader title="Customers" subtitle="Accounts with their tier, segment and region." />
      <div className="filter-bar">
        <TextFilter
          name="q"
          label="Search"
          value={filters.q}
          placeholder="Name, email or id"
          onChange={setFilter}
        />
        <TextFilter
          name="tier"
          label="Tier"
          value={filters.tier}
          placeholder="gold"
          onChange={setFilter}
        />
        <TextFilter
          name="segment"
          label="Segment"
          value={filters.segment}
          placeholder="Any segment"
          onChange={setFilter}
        />
        <TextFilter
          name="region"
          label="Region"
          value={filters.region}
          placeholder="Any region"
          onChange={setFilter}
        />
        {activeCount > 0 ? (
          <button type="button" className="button button-link" onClick={clearFilters}>
            Clear filters
          </button>
        ) : null}
      </div>
      {customers.status === "loading" ? <LoadingState label="Loading customers…" /> : null}
      {customers.status === "error" && customers.error !== null ? (
        <ErrorState error={customers.error} onRetry={customers.reload} />
      ) : null}
      {customers.status === "ready" && customers.items.length === 0 ? (
        <EmptyState>
          {activeCount > 0 ? "No customers match these filters." : "No customers yet."}
        </EmptyState>
      ) : null}
      {customers.status === "ready" && customers.items.length > 0 ? (
        <>
          <CustomerTable customers={customers.items} />
          <LoadMore list={customers} noun="customer" />
        </>
      ) : null}
    </>
  );
}
