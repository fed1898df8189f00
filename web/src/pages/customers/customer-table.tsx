import { Link } from "react-router-dom";
import type { Customer } from "../../api/types.ts";
import { DateTime } from "../../components/date-time.tsx";
import { toCssToken } from "../../lib/css-token.ts";

export function CustomerTable({ customers }: { customers: readonly Customer[] }) {
  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            <th>Customer</th>
            <th>Name</th>
            <th>Email</th>
            <th>Phone</th>
            <th>Tier</th>
            <th>Segment</th>
            <th>Region</th>
            <th>Last update</th>
          </tr>
        </thead>
        <tbody>
          {customers.map((customer) => (
            <tr key={customer.id} data-testid="customer-row" data-customer-id={customer.id}>
              <td className="mono">
                <Link to={`/customers/${encodeURIComponent(customer.id)}`}>{customer.id}</Link>
              </td>
              <td>{customer.name ?? <span className="muted">—</span>}</td>
              <td>{customer.email ?? <span className="muted">—</span>}</td>
              <td className="nowrap">{customer.phone ?? <span className="muted">—</span>}</td>
              <td>
                <span className={`tier tier-${toCssToken(customer.tier)}`}>{customer.tier}</span>
              </td>
              <td>{customer.segment}</td>
              <td>{customer.region}</td>
              <td className="nowrap">
                <DateTime iso={customer.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
