import { type FormEvent, useId, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { createUser, updateUser } from "../../api/governance.ts";
import type { UpdateUserInput, User } from "../../api/types.ts";
import { useDirectory } from "../../components/directory-provider.tsx";
import { GrantEditor } from "../../components/grant-editor.tsx";
import { ErrorState } from "../../components/state-views.tsx";
import { formFieldOf } from "../../lib/form-errors.ts";
import {
  draftToGrantInput,
  type GrantDraft,
  grantToDraft,
  newGrantDraft,
} from "../../lib/grants.ts";
import { toError } from "../../lib/to-error.ts";

/** The body fields the form shows a server error under. */
const FORM_FIELDS = ["email", "name", "password", "grants"] as const;
type FormField = (typeof FORM_FIELDS)[number];

function FieldError({ message }: { message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <span className="field-error" role="alert">
      {message}
    </span>
  );
}

/**
 * Creates a user (`user` absent) or edits one: name, a new password, grants. A server error about
 * one field is shown under that field; any other error above the buttons.
 */
export function UserForm({
  user,
  onSaved,
  onCancel,
}: {
  user?: User;
  onSaved: (user: User) => void;
  onCancel: () => void;
}) {
  const directory = useDirectory();
  const ids = { email: useId(), name: useId(), password: useId() };
  const isNew = user === undefined;
  const [email, setEmail] = useState("");
  const [name, setName] = useState(user?.name ?? "");
  const [password, setPassword] = useState("");
  const [grants, setGrants] = useState<GrantDraft[]>(
    user === undefined ? [newGrantDraft()] : user.grants.map(grantToDraft),
  );
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);

  const failedField = failure instanceof ApiError ? formFieldOf(failure.field) : null;
  const fieldError = (field: FormField) =>
    failedField === field && failure !== null ? failure.message : undefined;
  const generalFailure =
    failure !== null &&
    (failedField === null || !(FORM_FIELDS as readonly string[]).includes(failedField))
      ? failure
      : null;

  const save = (): Promise<User> => {
    const grantInputs = grants.map(draftToGrantInput);
    if (isNew) {
      return createUser({ email: email.trim(), name: name.trim(), password, grants: grantInputs });
    }
    const changes: UpdateUserInput = { name: name.trim(), grants: grantInputs };
    if (password !== "") changes.password = password;
    return updateUser(user.id, changes);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    save().then(
      (saved) => {
        setSaving(false);
        onSaved(saved);
      },
      (error: unknown) => {
        setSaving(false);
        setFailure(toError(error));
      },
    );
  };

  return (
    <form
      className="form user-form"
      onSubmit={onSubmit}
      aria-label={isNew ? "New user" : `Edit ${user.email}`}
      data-testid="user-form"
    >
      <div className="form-row">
        {isNew ? (
          <div className="form-field">
            <label htmlFor={ids.email}>Email</label>
            <input
              id={ids.email}
              name="email"
              type="email"
              autoComplete="off"
              required
              value={email}
              aria-invalid={fieldError("email") !== undefined}
              onChange={(event) => setEmail(event.target.value)}
            />
            <FieldError message={fieldError("email")} />
          </div>
        ) : null}
        <div className="form-field">
          <label htmlFor={ids.name}>Name</label>
          <input
            id={ids.name}
            name="name"
            type="text"
            autoComplete="off"
            required
            value={name}
            aria-invalid={fieldError("name") !== undefined}
            onChange={(event) => setName(event.target.value)}
          />
          <FieldError message={fieldError("name")} />
        </div>
        <div className="form-field">
          <label htmlFor={ids.password}>{isNew ? "Password" : "New password"}</label>
          <input
            id={ids.password}
            name="password"
            type="password"
            autoComplete="new-password"
            required={isNew}
            placeholder={isNew ? undefined : "Leave empty to keep"}
            value={password}
            aria-invalid={fieldError("password") !== undefined}
            onChange={(event) => setPassword(event.target.value)}
          />
          <FieldError message={fieldError("password")} />
        </div>
      </div>
      <div className="form-section">
        <h3 className="form-section-title">Grants</h3>
        <GrantEditor drafts={grants} teams={directory.teams} onChange={setGrants} />
        <FieldError message={fieldError("grants")} />
      </div>
      {generalFailure === null ? null : <ErrorState error={generalFailure} />}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? "Saving…" : isNew ? "Create user" : "Save changes"}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
