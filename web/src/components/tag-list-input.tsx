import { type ReactNode, useId, useState } from "react";
import { parseCommaList } from "../lib/comma-list.ts";
import { FieldError } from "./field-error.tsx";

/**
 * A list of short strings (tags, keywords, category ids) as chips: typing a comma or Enter adds
 * what was typed (several at once when pasted with commas), × drops one, Backspace in the empty
 * input drops the last. Repeats are not added twice.
 */
export function TagListInput({
  label,
  ariaLabel,
  values,
  onChange,
  placeholder,
  error,
  hint,
}: {
  label: string;
  /** Names the text input more precisely where many alike stand side by side. */
  ariaLabel?: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
  placeholder?: string;
  error?: string | undefined;
  hint?: ReactNode;
}) {
  const id = useId();
  const [typed, setTyped] = useState("");
  const name = ariaLabel ?? label;

  const commit = (text: string) => {
    const added = parseCommaList(text).filter((value) => !values.includes(value));
    if (added.length > 0) onChange([...values, ...added]);
    setTyped("");
  };

  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <div className="tag-list" data-testid="tag-list" aria-invalid={error !== undefined}>
        {values.map((value) => (
          <span key={value} className="chip tag-chip">
            {value}
            <button
              type="button"
              className="tag-remove"
              aria-label={`Remove ${value} from ${name}`}
              onClick={() => onChange(values.filter((item) => item !== value))}
            >
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          type="text"
          value={typed}
          placeholder={values.length === 0 ? placeholder : undefined}
          aria-label={ariaLabel}
          aria-invalid={error !== undefined}
          autoComplete="off"
          onChange={(event) => {
            const text = event.target.value;
            if (text.includes(",")) commit(text);
            else setTyped(text);
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              // Enter adds the item; it must not submit the form around the list.
              event.preventDefault();
              commit(typed);
            } else if (event.key === "Backspace" && typed === "" && values.length > 0) {
              onChange(values.slice(0, -1));
            }
          }}
          onBlur={() => commit(typed)}
        />
      </div>
      {hint === undefined ? null : <span className="field-hint">{hint}</span>}
      <FieldError message={error} />
    </div>
  );
}
