import { type ReactNode, useEffect, useId, useState } from "react";
import { useTeamOptions } from "./directory-provider.tsx";

export interface SelectOption {
  value: string;
  label: string;
}

/** One option per value, in the order given, labelled from a shared label table. */
export function labelledOptions<V extends string>(
  values: readonly V[],
  labels: Readonly<Record<V, string>>,
): { value: V; label: string }[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

/** Called with the filter's name, so one setter can serve a whole filter bar. */
export type FilterChange<N extends string> = (name: N, value: string) => void;

export function SelectFilter<N extends string>({
  name,
  label,
  value,
  options,
  allLabel = "All",
  wide = false,
  onChange,
}: {
  name: N;
  label: string;
  value: string;
  options: readonly SelectOption[];
  allLabel?: string;
  /** For options with long labels. */
  wide?: boolean;
  onChange: FilterChange<N>;
}) {
  const id = useId();
  const known = value === "" || options.some((option) => option.value === value);
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(event) => onChange(name, event.target.value)}
        className={`${wide ? "is-wide " : ""}${value === "" ? "" : "is-active"}`.trim()}
      >
        <option value="">{allLabel}</option>
        {known ? null : <option value={value}>{value}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The team filter of the case lists, offering the teams of the directory. */
export function TeamFilter({ value, onChange }: { value: string; onChange: FilterChange<"team"> }) {
  const teamOptions = useTeamOptions();
  return (
    <SelectFilter
      name="team"
      label="Team"
      value={value}
      options={teamOptions}
      onChange={onChange}
    />
  );
}

/** A day filter (`YYYY-MM-DD`), committed when a whole date is picked or cleared. */
export function DateFilter<N extends string>({
  name,
  label,
  value,
  onChange,
}: {
  name: N;
  label: string;
  value: string;
  onChange: FilterChange<N>;
}) {
  const id = useId();
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="date"
        value={value}
        className={value === "" ? "" : "is-active"}
        onChange={(event) => onChange(name, event.target.value)}
      />
    </div>
  );
}

/** An on/off filter: checked sets the value "true", unchecked clears it. */
export function CheckFilter<N extends string>({
  name,
  label,
  value,
  onChange,
}: {
  name: N;
  label: string;
  value: string;
  onChange: FilterChange<N>;
}) {
  return (
    <div className="filter filter-check">
      <label className="check-label filter-check-label">
        <input
          type="checkbox"
          name={name}
          checked={value === "true"}
          onChange={(event) => onChange(name, event.target.checked ? "true" : "")}
        />
        {label}
      </label>
    </div>
  );
}

const COMMIT_DELAY_MS = 400;

/**
 * A text filter that commits after the user pauses typing (or presses Enter, or leaves the
 * field), so the URL and the list do not change on every keystroke.
 */
export function TextFilter<N extends string>({
  name,
  label,
  value,
  placeholder,
  onChange,
}: {
  name: N;
  label: string;
  value: string;
  placeholder?: string;
  onChange: FilterChange<N>;
}) {
  const id = useId();
  const [draft, setDraft] = useState(value);

  // The committed value can change from outside (back button, "Clear filters").
  useEffect(() => {
    setDraft(value);
  }, [value]);

  useEffect(() => {
    if (draft.trim() === value) return;
    const timer = window.setTimeout(() => onChange(name, draft.trim()), COMMIT_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [draft, value, name, onChange]);

  const commitNow = () => {
    if (draft.trim() !== value) onChange(name, draft.trim());
  };

  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="search"
        value={draft}
        placeholder={placeholder}
        className={value === "" ? "" : "is-active"}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commitNow}
        onKeyDown={(event) => {
          if (event.key === "Enter") commitNow();
        }}
      />
    </div>
  );
}

/** A row of filters, ending with "Clear filters" while any of them is set. */
export function FilterBar({
  activeCount,
  onClear,
  children,
}: {
  activeCount: number;
  onClear: () => void;
  children: ReactNode;
}) {
  return (
    <div className="filter-bar">
      {children}
      <ClearFiltersButton activeCount={activeCount} onClear={onClear} />
    </div>
  );
}

/** Offered only while some filter is set. */
export function ClearFiltersButton({
  activeCount,
  onClear,
}: {
  activeCount: number;
  onClear: () => void;
}) {
  if (activeCount === 0) return null;
  return (
    <button type="button" className="button button-link" onClick={onClear}>
      Clear filters
    </button>
  );
}
