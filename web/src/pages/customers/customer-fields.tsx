import type { Customer } from "../../api/types.ts";
import { DateTime } from "../../components/date-time.tsx";
import type { FieldItem } from "../../components/field-list.tsx";
import { toCssToken } from "../../lib/css-token.ts";

function orDash(value: string | null) {
  return value ?? <span className="muted">—</span>;
}

export function customerFields(customer: Customer): FieldItem[] {
  return [
    { label: "Name", value: orDash(customer.name) },
    { label: "Email", value: orDash(customer.email) },
    { label: "Phone", value: orDash(customer.phone) },
    {
      label: "Tier",
      value: <span className={`tier tier-${toCssToken(customer.tier)}`}>{customer.tier}</span>,
    },
    { label: "Segment", value: customer.segment },
    { label: "Region", value: customer.region },
    { label: "Customer since", value: <DateTime iso={customer.createdAt} /> },
    { label: "Last update", value: <DateTime iso={customer.updatedAt} /> },
  ];
}
