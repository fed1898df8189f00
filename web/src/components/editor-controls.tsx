/**
 * The inputs the settings editors are built from: a label, the control, and the server's
 * complaint about it underneath. `label` is what the screen shows; `ariaLabel` names the control
 * more precisely where many alike stand side by side ("Monday span 2 start").
 */
import { type ReactNode, useId } from "react";
import { FieldError } from "./field-error.tsx";
import type { SelectOption } from "./filter-controls.tsx";

interface FieldProps {
  label: string;
  ariaLabel?: string;
  error?: string | undefined;
  hint?: ReactNode;
  className?: string;
}

export function TextField({
  label,
  ariaLabel,
  error,
  hint,
  className,
  value,
  onChange,
  placeholder,
  inputMode,
  type = "text",
  size,
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  inputMode?: "text" | "numeric" | "decimal" | "url";
  type?: "text" | "url" | "date" | "password";
  size?: number;
}) {
  const id = useId();
  return (
    <div className={`form-field${className === undefined ? "" : ` ${className}`}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        placeholder={placeholder}
        inputMode={inputMode}
        size={size}
        aria-label={ariaLabel}
        aria-invalid={error !== undefined}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value)}
      />
      {hint === undefined ? null : <span className="field-hint">{hint}</span>}
      <FieldError message={error} />
    </div>
  );
}

export function SelectField({
  label,
  ariaLabel,
  error,
  hint,
  className,
  value,
  options,
  onChange,
  emptyLabel,
}: FieldProps & {
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
  /** Offers "" as a choice with this label (e.g. "No calendar"). */
  emptyLabel?: string;
}) {
  const id = useId();
  const known = value === "" || options.some((option) => option.value === value);
  return (
    <div className={`form-field${className === undefined ? "" : ` ${className}`}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-label={ariaLabel}
        aria-invalid={error !== undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {emptyLabel === undefined ? null : <option value="">{emptyLabel}</option>}
        {known ? null : <option value={value}>{value} (unknown)</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint === undefined ? null : <span className="field-hint">{hint}</span>}
      <FieldError message={error} />
    </div>
  );
}

export function CheckboxField({
  label,
  checked,
  onChange,
  error,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | undefined;
}) {
  return (
    <div className="form-field form-field-check">
      <label className="check-label">
        <input
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
        />
        {label}
      </label>
      <FieldError message={error} />
    </div>
  );
}

/** Picks any number of values; nothing picked usually means "any". */
export function CheckChips<T extends string>({
  legend,
  options,
  value,
  onChange,
  error,
  hint,
}: {
  legend: string;
  options: readonly { value: T; label: string }[];
  value: readonly T[];
  onChange: (value: T[]) => void;
  error?: string | undefined;
  hint?: ReactNode;
}) {
  const toggle = (option: T, checked: boolean) =>
    onChange(
      checked
        ? options
            .map((item) => item.value)
            .filter((item) => item === option || value.includes(item))
        : value.filter((item) => item !== option),
    );
  return (
    <fieldset className="form-field">
      <legend>{legend}</legend>
      <div className="check-chips">
        {options.map((option) => (
          <label key={option.value} className="check-chip">
            <input
              type="checkbox"
              checked={value.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            {option.label}
          </label>
        ))}
      </div>
      {hint === undefined ? null : <span className="field-hint">{hint}</span>}
      <FieldError message={error} />
    </fieldset>
  );
}

/** Move up, move down and remove for one item of an ordered list. */
export function ItemActions({
  name,
  index,
  count,
  onMove,
  onRemove,
}: {
  /** What the item is called, for the buttons' accessible names. */
  name: string;
  index: number;
  count: number;
  onMove?: (step: -1 | 1) => void;
  onRemove: () => void;
}) {
  return (
    <span className="row-actions">
      {onMove === undefined ? null : (
        <>
          <button
            type="button"
            className="button button-small"
            disabled={index === 0}
            aria-label={`Move ${name} up`}
            onClick={() => onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={index === count - 1}
            aria-label={`Move ${name} down`}
            onClick={() => onMove(1)}
          >
            ↓
          </button>
        </>
      )}
      <button
        type="button"
        className="button button-small button-link"
        aria-label={`Remove ${name}`}
        onClick={onRemove}
      >
        Remove
      </button>
    </span>
  );
}

/** Replaces the item at `index` of a list. */
export function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((current, at) => (at === index ? item : current));
}

export function removeAt<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, at) => at !== index);
}
