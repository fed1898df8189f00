import { useCallback } from "react";
import { listCustomers } from "../../api/client.ts";
import { CursorListView } from "../../components/cursor-list-view.tsx";
import { FilterBar, TextFilter } from "../../components/filter-controls.tsx";
import { PageHeader } from "../../components/page-header.tsx";
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
      <FilterBar activeCount={activeCount} onClear={clearFilters}>
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
      </FilterBar>
      <CursorListView
        list={customers}
        noun="customer"
        loadingLabel="Loading customers…"
        empty={activeCount > 0 ? "No customers match these filters." : "No customers yet."}
      >
        {(items) => <CustomerTable customers={items} />}
      </CursorListView>
    </>
  );
}
