/**
 * The inputs the settings editors are built from: a label, the control, and the server's
 * complaint about it underneath. `label` is what the screen shows; `ariaLabel` names the control
 * more precisely where many alike stand side by side ("Monday span 2 start").
 */
import { Fragment, type ReactNode, useId } from "react";
import { type FieldErrors, pathOf } from "../lib/settings-errors.ts";
import { moveItem } from "../lib/sla-policy-form.ts";
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
  suggestions,
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  inputMode?: "text" | "numeric" | "decimal" | "url";
  type?: "text" | "url" | "date" | "password";
  size?: number;
  /** The id of a <datalist> whose values the input suggests. */
  suggestions?: string;
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
        list={suggestions}
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

/** A small link-styled button that drops one item; `text` is "×" where space is short. */
export function RemoveButton({
  ariaLabel,
  text = "Remove",
  onClick,
}: {
  ariaLabel: string;
  text?: string;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="button button-small button-link"
      aria-label={ariaLabel}
      onClick={onClick}
    >
      {text}
    </button>
  );
}

/** The × at the end of an inline row (a condition, a tier, a skill); nothing when read-only. */
export function RowRemoveButton({
  ariaLabel,
  onClick,
  readOnly = false,
}: {
  ariaLabel: string;
  onClick: () => void;
  readOnly?: boolean;
}) {
  if (readOnly) return null;
  return (
    <span className="condition-remove">
      <RemoveButton ariaLabel={ariaLabel} text="×" onClick={onClick} />
    </span>
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
  onMove?: ((step: -1 | 1) => void) | undefined;
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
      <RemoveButton ariaLabel={`Remove ${name}`} onClick={onRemove} />
    </span>
  );
}

/** The id and name inputs every named settings item starts with, labelled "Id of …", "Name of …". */
export function IdAndNameFields<Item extends { id: string; name: string }>({
  of,
  item,
  onChange,
  errors,
  path,
  idPlaceholder,
  idHint,
}: {
  /** What the item is called, for the inputs' accessible names. */
  of: string;
  item: Item;
  onChange: (item: Item) => void;
  errors: FieldErrors;
  /** The item's path in the document: the errors of `<path>.id` and `<path>.name` show here. */
  path: string;
  idPlaceholder?: string;
  idHint?: ReactNode;
}) {
  return (
    <>
      <TextField
        label="Id"
        ariaLabel={`Id of ${of}`}
        value={item.id}
        placeholder={idPlaceholder}
        onChange={(id) => onChange({ ...item, id })}
        error={errors.within(pathOf(path, "id"))}
        hint={idHint}
      />
      <TextField
        label="Name"
        ariaLabel={`Name of ${of}`}
        value={item.name}
        onChange={(name) => onChange({ ...item, name })}
        error={errors.within(pathOf(path, "name"))}
      />
    </>
  );
}

/** What a list editor hands each of its items: its place, and the changes it may make. */
export interface ListItemControls<T> {
  index: number;
  count: number;
  onChange: (item: T) => void;
  /** Only for lists whose order matters. */
  onMove: ((step: -1 | 1) => void) | undefined;
  onRemove: () => void;
}

/** Changes to one list of a draft, always applied to the latest draft. */
export type ListUpdate<T> = (change: (items: readonly T[]) => T[]) => void;

/** The controls of the item at `index`, each a change to the whole list. */
export function listItemControls<T>(
  update: ListUpdate<T>,
  index: number,
  count: number,
  movable = false,
): ListItemControls<T> {
  return {
    index,
    count,
    onChange: (item) => update((items) => replaceAt(items, index, item)),
    onMove: movable ? (step) => update((items) => moveItem(items, index, step)) : undefined,
    onRemove: () => update((items) => removeAt(items, index)),
  };
}

/**
 * Items with add, remove and (when `movable`) move up and down. A top-level list shows its
 * complaint above the items and a full-size add button; a `nested` one (inside an item) shows it
 * below them and a small button. Nothing to add or remove for readers.
 */
export function ListEditor<T>({
  items,
  update,
  create,
  addLabel,
  readOnly,
  error,
  title,
  empty,
  movable = false,
  nested = false,
  container,
  footer,
  children,
}: {
  items: readonly T[];
  update: ListUpdate<T>;
  /** The item "Add" appends, given the items so far (for fresh ids). */
  create: (items: readonly T[]) => T;
  addLabel: string;
  readOnly: boolean;
  error: string | undefined;
  /** A section heading above the list. */
  title?: string;
  /** Said when there are no items. */
  empty?: ReactNode;
  movable?: boolean;
  nested?: boolean;
  /** Wraps the items (a table around rows); not called when there are none. */
  container?: (rows: ReactNode) => ReactNode;
  /** Shown between the items and the add button. */
  footer?: ReactNode;
  children: (item: T, controls: ListItemControls<T>) => ReactNode;
}) {
  const rows = items.map((item, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: ids are edited too (or there are none); the place is the identity.
    <Fragment key={index}>
      {children(item, listItemControls(update, index, items.length, movable))}
    </Fragment>
  ));
  const errorLine = <FieldError message={error} />;
  const add = () => update((current) => [...current, create(current)]);
  return (
    <>
      {title === undefined ? null : <h2 className="section-title">{title}</h2>}
      {items.length === 0 && empty !== undefined ? <p className="muted">{empty}</p> : null}
      {nested ? null : errorLine}
      {container === undefined || items.length === 0 ? rows : container(rows)}
      {nested ? errorLine : null}
      {footer}
      {readOnly ? null : nested ? (
        <button type="button" className="button button-small" onClick={add}>
          {addLabel}
        </button>
      ) : (
        <div>
          <button type="button" className="button" onClick={add}>
            {addLabel}
          </button>
        </div>
      )}
    </>
  );
}

/** Replaces the item at `index` of a list. */
export function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((current, at) => (at === index ? item : current));
}

export function removeAt<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, at) => at !== index);
}
