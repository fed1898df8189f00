import { useId } from "react";
import { ROLES, type Role } from "../../../src/access/permissions.ts";
import type { Team } from "../api/types.ts";
import { type GrantDraft, newGrantDraft } from "../lib/grants.ts";
import { ROLE_LABELS } from "../lib/labels.ts";
import { TeamPicker } from "./team-picker.tsx";

function GrantRow({
  index,
  draft,
  teams,
  canRemove,
  onChange,
  onRemove,
}: {
  index: number;
  draft: GrantDraft;
  teams: readonly Team[];
  canRemove: boolean;
  onChange: (draft: GrantDraft) => void;
  onRemove: () => void;
}) {
  const roleId = useId();
  const regionsId = useId();
  const number = index + 1;
  return (
    <div className="grant-row" data-testid="grant-row">
      <div className="grant-row-head">
        <div className="form-field">
          <label htmlFor={roleId}>Role</label>
          <select
            id={roleId}
            aria-label={`Role of grant ${number}`}
            value={draft.role}
            onChange={(event) => onChange({ ...draft, role: event.target.value as Role })}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor={regionsId}>Regions</label>
          <input
            id={regionsId}
            aria-label={`Regions of grant ${number}`}
            type="text"
            value={draft.regionsText}
            placeholder="All regions (or: emea, amer)"
            onChange={(event) => onChange({ ...draft, regionsText: event.target.value })}
          />
        </div>
        {canRemove ? (
          <button type="button" className="button button-small button-link" onClick={onRemove}>
            Remove grant
          </button>
        ) : null}
      </div>
      <TeamPicker
        label={`Teams of grant ${number}`}
        teams={teams}
        value={draft.teams}
        onChange={(picked) => onChange({ ...draft, teams: picked })}
      />
    </div>
  );
}

/** Edits a user's grants: each a role, limited to picked teams and typed regions. */
export function GrantEditor({
  drafts,
  teams,
  onChange,
}: {
  drafts: readonly GrantDraft[];
  teams: readonly Team[];
  onChange: (drafts: GrantDraft[]) => void;
}) {
  const replaceAt = (index: number, draft: GrantDraft) =>
    onChange(drafts.map((current, at) => (at === index ? draft : current)));
  const removeAt = (index: number) => onChange(drafts.filter((_, at) => at !== index));
  return (
    <div className="grant-editor">
      {drafts.length === 0 ? (
        <p className="muted panel-note">No grants: the user can sign in but open nothing.</p>
      ) : null}
      {drafts.map((draft, index) => (
        <GrantRow
          // Grants have no ids of their own; their position is their identity while editing.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above.
          key={index}
          index={index}
          draft={draft}
          teams={teams}
          canRemove={drafts.length > 1}
          onChange={(next) => replaceAt(index, next)}
          onRemove={() => removeAt(index)}
        />
      ))}
      <button
        type="button"
        className="button button-small"
        onClick={() => onChange([...drafts, newGrantDraft()])}
      >
        Add grant
      </button>
    </div>
  );
}
