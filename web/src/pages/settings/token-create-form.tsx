import { type FormEvent, useId, useState } from "react";
import { createToken } from "../../api/governance.ts";
import type { CreatedApiToken } from "../../api/types.ts";
import { ErrorState } from "../../components/state-views.tsx";
import { toError } from "../../lib/to-error.ts";
import {
  DEFAULT_TOKEN_EXPIRY_DAYS,
  expiryChoiceValue,
  parseExpiryChoice,
  TOKEN_EXPIRY_CHOICES,
} from "../../lib/tokens.ts";

/** Names a new token and picks its lifetime. */
export function TokenCreateForm({
  onCreated,
  onCancel,
}: {
  onCreated: (token: CreatedApiToken) => void;
  onCancel: () => void;
}) {
  const nameId = useId();
  const expiryId = useId();
  const [name, setName] = useState("");
  const [expiresInDays, setExpiresInDays] = useState<number | null>(DEFAULT_TOKEN_EXPIRY_DAYS);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    createToken({ name: name.trim(), ...(expiresInDays === null ? {} : { expiresInDays }) }).then(
      (token) => {
        setSaving(false);
        onCreated(token);
      },
      (error: unknown) => {
        setSaving(false);
        setFailure(toError(error));
      },
    );
  };

  return (
    <form className="form" onSubmit={onSubmit} aria-label="New API token">
      <div className="form-row">
        <div className="form-field">
          <label htmlFor={nameId}>Name</label>
          <input
            id={nameId}
            name="name"
            type="text"
            required
            autoComplete="off"
            placeholder="Nightly export"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="form-field">
          <label htmlFor={expiryId}>Expires after</label>
          <select
            id={expiryId}
            name="expiresInDays"
            value={expiryChoiceValue(expiresInDays)}
            onChange={(event) => setExpiresInDays(parseExpiryChoice(event.target.value))}
          >
            {TOKEN_EXPIRY_CHOICES.map((choice) => (
              <option key={choice.label} value={expiryChoiceValue(choice.days)}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {failure === null ? null : <ErrorState error={failure} />}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? "Creating…" : "Create token"}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
