import { useCallback } from "react";
import { Link } from "react-router-dom";
import { EVENT_TYPES } from "../../../../src/modules/events/event.types.ts";
import { listEvents } from "../../api/client.ts";
import type { JourneyEvent } from "../../api/types.ts";
import { CursorListView } from "../../components/cursor-list-view.tsx";
import { DateTime } from "../../components/date-time.tsx";
import { useDirectory } from "../../components/directory-provider.tsx";
import { FilterBar, SelectFilter, type SelectOption } from "../../components/filter-controls.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { useCursorList } from "../../hooks/use-cursor-list.ts";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { useUrlFilters } from "../../hooks/use-url-filters.ts";
import { toCssToken } from "../../lib/css-token.ts";
import { summarizeEvent } from "../../lib/event-summary.ts";
import { EVENT_TYPE_LABELS, labelOf } from "../../lib/labels.ts";
import { EVENT_FILTERS, filtersToQuery } from "../../lib/query-filters.ts";

const PAGE_SIZE = 100;

const TYPE_OPTIONS: SelectOption[] = EVENT_TYPES.map((value) => ({
  value,
  label: `${EVENT_TYPE_LABELS[value]} (${value})`,
}));

/** The record an event is about: its case, else the customer of a customer event. */
function EventSubject({ event }: { event: JourneyEvent }) {
  if (event.caseId !== null) {
    return <Link to={`/cases/${encodeURIComponent(event.caseId)}`}>{event.caseId}</Link>;
  }
  const customer =
    event.customerId ?? (typeof event.data.customer === "string" ? event.data.customer : null);
  if (customer !== null) {
    return <Link to={`/customers/${encodeURIComponent(customer)}`}>{customer}</Link>;
  }
  return <span className="muted">—</span>;
}

function EventRow({ event }: { event: JourneyEvent }) {
  const directory = useDirectory();
  const fields = summarizeEvent(event.data, directory);
  return (
    <tr data-testid="event-row">
      <td className="mono muted">{event.seq}</td>
      <td className="nowrap">
        <DateTime iso={event.at} />
      </td>
      <td className="nowrap">
        <span className={`event-tag event-${toCssToken(event.type)}`} title={event.type}>
          {labelOf(EVENT_TYPE_LABELS, event.type)}
        </span>
      </td>
      <td className="mono">
        <EventSubject event={event} />
      </td>
      <td>
        {event.teamId === null ? (
          <span className="muted">—</span>
        ) : (
          directory.teamName(event.teamId)
        )}
      </td>
      <td>
        {event.agentId === null ? (
          <span className="muted">—</span>
        ) : (
          directory.agentName(event.agentId)
        )}
      </td>
      <td className="cell-summary">
        {fields.map((field) => (
          <span key={field.label} className="summary-field">
            <span className="summary-label">{field.label}</span> {field.value}
          </span>
        ))}
      </td>
    </tr>
  );
}

export function EventLogPage() {
  usePageTitle("Event log");
  const { filters, activeCount, setFilter, clearFilters } = useUrlFilters(EVENT_FILTERS);
  const fetchPage = useCallback(
    (cursor: string | null, signal: AbortSignal) =>
      listEvents({ ...filtersToQuery(EVENT_FILTERS, filters), limit: PAGE_SIZE, cursor }, signal),
    [filters],
  );
  const events = useCursorList(fetchPage);

  return (
    <>
      <PageHeader title="Event log" subtitle="Every change, newest first." />
      <FilterBar activeCount={activeCount} onClear={clearFilters}>
        <SelectFilter
          name="type"
          label="Type"
          value={filters.type}
          options={TYPE_OPTIONS}
          allLabel="All types"
          wide
          onChange={setFilter}
        />
      </FilterBar>
      <CursorListView
        list={events}
        noun="event"
        loadingLabel="Loading events…"
        empty={activeCount > 0 ? "No events of this type." : "The event log is empty."}
      >
        {(items) => (
          <>
            <div className="table-wrap">
              <table className="data-table">
                <thead>
                  <tr>
                    <th>Seq</th>
                    <th>At</th>
                    <th>Type</th>
                    <th>Case / customer</th>
                    <th>Team</th>
                    <th>Agent</th>
                    <th>Details</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((event) => (
                    <EventRow key={event.id} event={event} />
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </CursorListView>
    </>
  );
}
