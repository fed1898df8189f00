import { useCallback } from "react";
import { Link, useParams } from "react-router-dom";
import { getCustomer, listCases } from "../../api/client.ts";
import { CaseTable } from "../../components/case-table.tsx";
import { FieldList } from "../../components/field-list.tsx";
import { JourneyTimeline } from "../../components/journey-timeline.tsx";
import { LoadMore } from "../../components/load-more.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { useCursorList } from "../../hooks/use-cursor-list.ts";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { customerFields } from "./customer-fields.tsx";

const CASE_PAGE_SIZE = 20;

function CustomerCases({ customerId }: { customerId: string }) {
  const fetchPage = useCallback(
    (cursor: string | null, signal: AbortSignal) =>
      listCases({ customer: customerId, limit: CASE_PAGE_SIZE, cursor }, signal),
    [customerId],
  );
  const cases = useCursorList(fetchPage);
  if (cases.status === "loading") return <LoadingState label="Loading cases…" />;
  if (cases.status === "error" && cases.error !== null) {
    return <ErrorState error={cases.error} onRetry={cases.reload} />;
  }
  if (cases.items.length === 0) return <EmptyState>This customer has no cases.</EmptyState>;
  return (
    <>
      <CaseTable cases={cases.items} showCustomer={false} />
      <LoadMore list={cases} noun="case" />
    </>
  );
}

export function CustomerPage() {
  const { customerId = "" } = useParams();
  const load = useCallback((signal: AbortSignal) => getCustomer(customerId, signal), [customerId]);
  const result = useAsync(load);
  const name = result.status === "ready" ? (result.data.name ?? result.data.id) : customerId;
  usePageTitle(name);

  if (result.status === "loading") return <LoadingState label="Loading customer…" />;
  if (result.status === "error") {
    return (
      <>
        <PageHeader title={`Customer ${customerId}`} />
        <ErrorState error={result.error} onRetry={result.reload} />
      </>
    );
  }

  const customer = result.data;
  return (
    <>
      <PageHeader
        title={name}
        subtitle={<span className="mono">{customer.id}</span>}
        actions={
          <Link className="button" to={`/cases?customer=${encodeURIComponent(customer.id)}`}>
            Open in case list
          </Link>
        }
      />
      <section className="panel">
        <h2 className="panel-title">Customer</h2>
        <FieldList fields={customerFields(customer)} />
      </section>
      <section className="panel">
        <h2 className="panel-title">Cases</h2>
        <CustomerCases customerId={customer.id} />
      </section>
      <section className="panel">
        <h2 className="panel-title">Journey</h2>
        <JourneyTimeline customerId={customer.id} />
      </section>
    </>
  );
}
