import { useCallback, useMemo } from "react";
import { CASE_STATUSES, CHANNELS, PRIORITIES } from "../../../../src/modules/events/event.types.ts";
import { listCases } from "../../api/client.ts";
import { CaseTable } from "../../components/case-table.tsx";
import { CursorListView } from "../../components/cursor-list-view.tsx";
import { useDirectory } from "../../components/directory-provider.tsx";
import {
  ClearFiltersButton,
  SelectFilter,
  type SelectOption,
  TextFilter,
} from "../../components/filter-controls.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { useCursorList } from "../../hooks/use-cursor-list.ts";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { useUrlFilters } from "../../hooks/use-url-filters.ts";
import { CHANNEL_LABELS, PRIORITY_LABELS, STATUS_LABELS } from "../../lib/labels.ts";
import { CASE_FILTERS, filtersToQuery } from "../../lib/query-filters.ts";

const PAGE_SIZE = 50;

const STATUS_OPTIONS: SelectOption[] = CASE_STATUSES.map((value) => ({
  value,
  label: STATUS_LABELS[value],
}));
const CHANNEL_OPTIONS: SelectOption[] = CHANNELS.map((value) => ({
  value,
  label: CHANNEL_LABELS[value],
}));
const PRIORITY_OPTIONS: SelectOption[] = PRIORITIES.map((value) => ({
  value,
  label: PRIORITY_LABELS[value],
}));

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

  const teamOptions = useMemo(
    () => directory.teams.map((team) => ({ value: team.id, label: team.name })),
    [directory.teams],
  );
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
      <div className="filter-bar">
        <SelectFilter
          name="status"
          label="Status"
          value={filters.status}
          options={STATUS_OPTIONS}
          onChange={setFilter}
        />
        <SelectFilter
          name="team"
          label="Team"
          value={filters.team}
          options={teamOptions}
          onChange={setFilter}
        />
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
        <ClearFiltersButton activeCount={activeCount} onClear={clearFilters} />
      </div>
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
