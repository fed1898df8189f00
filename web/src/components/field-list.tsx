import type { ReactNode } from "react";

export interface FieldItem {
  label: string;
  value: ReactNode;
}

/** Label/value pairs of a record, laid out as a dense grid. */
export function FieldList({ fields }: { fields: readonly FieldItem[] }) {
  return (
    <dl className="field-list">
      {fields.map((field) => (
        <div className="field" key={field.label}>
          <dt>{field.label}</dt>
          <dd>{field.value}</dd>
        </div>
      ))}
    </dl>
  );
}
