import { useCallback, useMemo } from "react";
import { CASE_STATUSES, CHANNELS, PRIORITIES } from "../../../../src/modules/events/event.types.ts";
import { listCases } from "../../api/client.ts";
import { CaseTable } from "../../components/case-table.tsx";
import { CursorListView } from "../../components/cursor-list-view.tsx";
import { useDirectory } from "../../components/directory-provider.tsx";
import {
  FilterBar,
  labelledOptions,
  SelectFilter,
  type SelectOption,
  TeamFilter,
  TextFilter,
} from "../../components/filter-controls.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { useCursorList } from "../../hooks/use-cursor-list.ts";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { useUrlFilters } from "../../hooks/use-url-filters.ts";
import { CHANNEL_LABELS, PRIORITY_LABELS, STATUS_LABELS } from "../../lib/labels.ts";
import { CASE_FILTERS, filtersToQuery } from "../../lib/query-filters.ts";

const PAGE_SIZE = 50;

const STATUS_OPTIONS: SelectOption[] = labelledOptions(CASE_STATUSES, STATUS_LABELS);
const CHANNEL_OPTIONS: SelectOption[] = labelledOptions(CHANNELS, CHANNEL_LABELS);
const PRIORITY_OPTIONS: SelectOption[] = labelledOptions(PRIORITIES, PRIORITY_LABELS);

export function CaseListPage() {
  usePageTitle("Cases");
  const directory = useDirectory();
  const { filters, activeCount, setFilter, clearFilters } = useUrlFilters(CASE_FILTERS);

  const fetchPage = useCallback(
    (cursor: string | null, signal: AbortSignal) =>
      listCases({ ...filtersToQuery(CASE_FILTERS, filters), limit: PAGE_SIZE, cursor }, signal),
    [filters],
  );
  const cases = useCursorList(fetchPage);

  const agentOptions = useMemo(
    () =>
      directory.agents
        .filter((agent) => filters.team === "" || agent.teamId === filters.team)
        .map((agent) => ({ value: agent.id, label: agent.name })),
    [directory.agents, filters.team],
  );

  return (
    <>
      <PageHeader title="Cases" subtitle="Newest first. Filters are kept in the address bar." />
      <FilterBar activeCount={activeCount} onClear={clearFilters}>
        <SelectFilter
          name="status"
          label="Status"
          value={filters.status}
          options={STATUS_OPTIONS}
          onChange={setFilter}
        />
        <TeamFilter value={filters.team} onChange={setFilter} />
        <SelectFilter
          name="agent"
          label="Agent"
          value={filters.agent}
          options={agentOptions}
          onChange={setFilter}
        />
        <SelectFilter
          name="channel"
          label="Channel"
          value={filters.channel}
          options={CHANNEL_OPTIONS}
          onChange={setFilter}
        />
        <SelectFilter
          name="priority"
          label="Priority"
          value={filters.priority}
          options={PRIORITY_OPTIONS}
          onChange={setFilter}
        />
        <TextFilter
          name="category"
          label="Category"
          value={filters.category}
          placeholder="billing/refund"
          onChange={setFilter}
        />
        <TextFilter
          name="customer"
          label="Customer id"
          value={filters.customer}
          placeholder="Customer id"
          onChange={setFilter}
        />
      </FilterBar>
      <CursorListView
        list={cases}
        noun="case"
        loadingLabel="Loading cases…"
        empty={activeCount > 0 ? "No cases match these filters." : "No cases have been opened yet."}
      >
        {(items) => <CaseTable cases={items} />}
      </CursorListView>
    </>
  );
}
