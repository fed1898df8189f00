import { useCallback, useId, useState } from "react";
import {
  SETTABLE_CASE_STATUSES,
  type SettableCaseStatus,
} from "../../../../src/modules/events/event.types.ts";
import {
  closeCase,
  handOffCase,
  linkCase,
  mergeCase,
  reopenCase,
  resolveCase,
  setCaseStatus,
} from "../../api/cases.ts";
import { getSettings } from "../../api/settings.ts";
import type { CaseDetail, ManualLinkKind } from "../../api/types.ts";
import { MANUAL_LINK_KINDS } from "../../api/types.ts";
import { ActionForm, messageFor, useSubmit } from "../../components/action-form.tsx";
import { useDirectory } from "../../components/directory-provider.tsx";
import { FieldError } from "../../components/field-error.tsx";
import { ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { MANUAL_LINK_LABELS } from "../../lib/case-links.ts";
import { type HandoffDraft, handoffBody, handoffTypesForPair } from "../../lib/handoff.ts";
import { STATUS_LABELS } from "../../lib/labels.ts";
import { fieldErrorsOf } from "../../lib/settings-errors.ts";
import { OPEN_CASE_STATUSES } from "../../lib/sla.ts";
import type { CaseDialogProps } from "./case-dialog.ts";
import { CategoryDialog, RouteDialog } from "./routing-dialogs.tsx";

type ActionKind =
  | "handoff"
  | "status"
  | "resolve"
  | "reopen"
  | "close"
  | "link"
  | "merge"
  | "category"
  | "route";

function HandoffDialog({ item, onDone, onClose }: CaseDialogProps) {
  const directory = useDirectory();
  const ids = { team: useId(), type: useId(), reason: useId() };
  const loadTypes = useCallback((signal: AbortSignal) => getSettings("handoff-types", signal), []);
  const typesDocument = useAsync(loadTypes);
  const [draft, setDraft] = useState<HandoffDraft>({ to: "", type: "", reason: "", checked: {} });
  const { busy, failure, run } = useSubmit(onClose);

  const allTypes = typesDocument.status === "ready" ? typesDocument.data.document.types : [];
  const pairTypes = draft.to === "" ? [] : handoffTypesForPair(allTypes, item.teamId, draft.to);
  const type = pairTypes.find((candidate) => candidate.id === draft.type);
  const checklistErrors = fieldErrorsOf(failure, "body.checklist");
  // The server names the type `handoffType` (the event's field) in its checklist answer.
  const bodyErrors = fieldErrorsOf(failure, "body");
  const typeError = bodyErrors.at("handoffType") ?? bodyErrors.at("type");

  const pickTeam = (to: string) => {
    const types = handoffTypesForPair(allTypes, item.teamId, to);
    setDraft({ ...draft, to, type: types.length === 1 ? (types[0]?.id ?? "") : "", checked: {} });
  };
  const submit = () =>
    run(async () => {
      const updated = await handOffCase(item.id, handoffBody(draft, type));
      onDone(updated, `Handed off to ${directory.teamName(draft.to)}.`);
    });

  return (
    <ActionForm
      title="Hand off"
      submitLabel="Hand off"
      busy={busy}
      failure={failure}
      handledFields={[
        "to",
        "reason",
        // Shown only where their input is on screen; otherwise the error is shown whole.
        ...(pairTypes.length > 0 ? ["type", "handoffType"] : []),
        ...(type !== undefined ? ["checklist"] : []),
      ]}
      onSubmit={submit}
      onClose={onClose}
      testId="handoff-dialog"
    >
      <p className="muted">
        From <strong>{directory.teamName(item.teamId)}</strong> to another team.
      </p>
      <div className="form-field">
        <label htmlFor={ids.team}>Receiving team</label>
        <select
          id={ids.team}
          value={draft.to}
          required
          aria-invalid={bodyErrors.at("to") !== undefined}
          onChange={(event) => pickTeam(event.target.value)}
        >
          <option value="">Pick a team</option>
          {directory.teams
            .filter((team) => team.id !== item.teamId)
            .map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
        </select>
        <FieldError message={bodyErrors.at("to")} />
      </div>
      {typesDocument.status === "loading" ? <LoadingState label="Loading handoff types…" /> : null}
      {typesDocument.status === "error" ? (
        <ErrorState error={typesDocument.error} onRetry={typesDocument.reload} />
      ) : null}
      {draft.to !== "" && typesDocument.status === "ready" && pairTypes.length === 0 ? (
        <p className="muted" data-testid="handoff-no-types">
          No handoff type is defined for this pair of teams: any handoff is accepted.
        </p>
      ) : null}
      {pairTypes.length > 0 ? (
        <div className="form-field">
          <label htmlFor={ids.type}>Handoff type</label>
          <select
            id={ids.type}
            value={draft.type}
            aria-invalid={typeError !== undefined}
            onChange={(event) => setDraft({ ...draft, type: event.target.value, checked: {} })}
          >
            <option value="">Pick a type</option>
            {pairTypes.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
          <FieldError message={typeError} />
        </div>
      ) : null}
      {type === undefined ? null : (
        <fieldset className="form-field checklist" data-testid="handoff-checklist">
          <legend>Checklist</legend>
          {type.checklist.length === 0 ? <span className="muted">No items.</span> : null}
          {type.checklist.map((checklistItem) => {
            const error = checklistErrors.at(checklistItem.id);
            return (
              <div
                key={checklistItem.id}
                className={`checklist-item${error === undefined ? "" : " is-invalid"}`}
                data-testid="checklist-item"
                data-item-id={checklistItem.id}
                data-required={checklistItem.required ? "true" : "false"}
              >
                <label className="check-label">
                  <input
                    type="checkbox"
                    checked={draft.checked[checklistItem.id] === true}
                    onChange={(event) =>
                      setDraft({
                        ...draft,
                        checked: { ...draft.checked, [checklistItem.id]: event.target.checked },
                      })
                    }
                  />
                  {checklistItem.label}
                  {checklistItem.required ? (
                    <span className="required-tag">required</span>
                  ) : (
                    <span className="muted">optional</span>
                  )}
                </label>
                <FieldError message={error} />
              </div>
            );
          })}
          <FieldError message={checklistErrors.at("")} />
        </fieldset>
      )}
      <div className="form-field">
        <label htmlFor={ids.reason}>Reason (optional)</label>
        <textarea
          id={ids.reason}
          rows={2}
          value={draft.reason}
          onChange={(event) => setDraft({ ...draft, reason: event.target.value })}
        />
        <FieldError message={messageFor(failure, "reason")} />
      </div>
    </ActionForm>
  );
}

function StatusDialog({ item, onDone, onClose }: CaseDialogProps) {
  const id = useId();
  const choices = SETTABLE_CASE_STATUSES.filter((status) => status !== item.status);
  const [status, setStatus] = useState<SettableCaseStatus>(choices[0] ?? "open");
  const { busy, failure, run } = useSubmit(onClose);
  return (
    <ActionForm
      title="Change status"
      submitLabel="Change status"
      busy={busy}
      failure={failure}
      handledFields={["status"]}
      onSubmit={() =>
        run(async () => {
          const updated = await setCaseStatus(item.id, status);
          onDone(updated, `Status set to ${STATUS_LABELS[status]}.`);
        })
      }
      onClose={onClose}
      testId="status-dialog"
    >
      <div className="form-field">
        <label htmlFor={id}>New status</label>
        <select
          id={id}
          value={status}
          onChange={(event) => setStatus(event.target.value as SettableCaseStatus)}
        >
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {STATUS_LABELS[choice]}
            </option>
          ))}
        </select>
        <FieldError message={messageFor(failure, "status")} />
        <span className="field-hint">Pending customer pauses the SLA clocks.</span>
      </div>
    </ActionForm>
  );
}

function ResolveDialog({ item, onDone, onClose }: CaseDialogProps) {
  const id = useId();
  const loadTaxonomy = useCallback((signal: AbortSignal) => getSettings("taxonomy", signal), []);
  const taxonomy = useAsync(loadTaxonomy);
  const [rootCause, setRootCause] = useState("");
  const { busy, failure, run } = useSubmit(onClose);
  const codes =
    taxonomy.status === "ready"
      ? taxonomy.data.document.rootCauses.filter((code) => !code.retired)
      : [];
  return (
    <ActionForm
      title="Resolve"
      submitLabel="Resolve case"
      busy={busy}
      failure={failure}
      handledFields={["rootCause"]}
      onSubmit={() =>
        run(async () => {
          const updated = await resolveCase(item.id, rootCause === "" ? null : rootCause);
          onDone(updated, "Case resolved.");
        })
      }
      onClose={onClose}
      testId="resolve-dialog"
    >
      {taxonomy.status === "loading" ? <LoadingState label="Loading root causes…" /> : null}
      {taxonomy.status === "error" ? (
        <ErrorState error={taxonomy.error} onRetry={taxonomy.reload} />
      ) : null}
      {taxonomy.status === "ready" ? (
        <div className="form-field">
          <label htmlFor={id}>Root cause</label>
          <select
            id={id}
            value={rootCause}
            required={codes.length > 0}
            aria-invalid={messageFor(failure, "rootCause") !== undefined}
            onChange={(event) => setRootCause(event.target.value)}
          >
            <option value="">
              {codes.length === 0 ? "None (no codes defined)" : "Pick a root cause"}
            </option>
            {codes.map((code) => (
              <option key={code.code} value={code.code}>
                {code.name} ({code.code})
              </option>
            ))}
          </select>
          <FieldError message={messageFor(failure, "rootCause")} />
        </div>
      ) : null}
    </ActionForm>
  );
}

function ConfirmDialog({
  item,
  onDone,
  onClose,
  kind,
}: CaseDialogProps & { kind: "reopen" | "close" }) {
  const { busy, failure, run } = useSubmit(onClose);
  const reopen = kind === "reopen";
  return (
    <ActionForm
      title={reopen ? "Reopen" : "Close"}
      submitLabel={reopen ? "Reopen case" : "Close case"}
      busy={busy}
      failure={failure}
      onSubmit={() =>
        run(async () => {
          const updated = reopen ? await reopenCase(item.id) : await closeCase(item.id);
          onDone(updated, reopen ? "Case reopened." : "Case closed.");
        })
      }
      onClose={onClose}
      testId={`${kind}-dialog`}
    >
      <p>
        {reopen
          ? "The case goes back to open; its resolution clock continues where it stopped."
          : "A closed case takes no more work. It cannot be reopened."}
      </p>
    </ActionForm>
  );
}

function LinkDialog({ item, onDone, onClose }: CaseDialogProps) {
  const ids = { kind: useId(), target: useId() };
  const [kind, setKind] = useState<ManualLinkKind>("duplicate_of");
  const [target, setTarget] = useState("");
  const { busy, failure, run } = useSubmit(onClose);
  return (
    <ActionForm
      title="Link to another case"
      submitLabel="Link"
      busy={busy}
      failure={failure}
      handledFields={["kind", "target"]}
      onSubmit={() =>
        run(async () => {
          const updated = await linkCase(item.id, kind, target.trim());
          onDone(updated, `Linked to ${target.trim()}.`);
        })
      }
      onClose={onClose}
      testId="link-dialog"
    >
      <div className="form-field">
        <label htmlFor={ids.kind}>Link</label>
        <select
          id={ids.kind}
          value={kind}
          onChange={(event) => setKind(event.target.value as ManualLinkKind)}
        >
          {MANUAL_LINK_KINDS.map((choice) => (
            <option key={choice} value={choice}>
              {MANUAL_LINK_LABELS[choice]}
            </option>
          ))}
        </select>
        <FieldError message={messageFor(failure, "kind")} />
      </div>
      <div className="form-field">
        <label htmlFor={ids.target}>Other case id</label>
        <input
          id={ids.target}
          className="mono"
          value={target}
          required
          aria-invalid={messageFor(failure, "target") !== undefined}
          onChange={(event) => setTarget(event.target.value)}
        />
        <FieldError message={messageFor(failure, "target")} />
      </div>
    </ActionForm>
  );
}

function MergeDialog({ item, onDone, onClose }: CaseDialogProps) {
  const id = useId();
  const [merged, setMerged] = useState("");
  const { busy, failure, run } = useSubmit(onClose);
  return (
    <ActionForm
      title="Merge another case into this one"
      submitLabel="Merge"
      busy={busy}
      failure={failure}
      handledFields={["merged"]}
      onSubmit={() =>
        run(async () => {
          const updated = await mergeCase(item.id, merged.trim());
          onDone(updated, `Merged ${merged.trim()} into this case.`);
        })
      }
      onClose={onClose}
      testId="merge-dialog"
    >
      <p className="muted">
        This case survives with both histories; the other is closed as merged into it.
      </p>
      <div className="form-field">
        <label htmlFor={id}>Case id to merge in</label>
        <input
          id={id}
          className="mono"
          value={merged}
          required
          aria-invalid={messageFor(failure, "merged") !== undefined}
          onChange={(event) => setMerged(event.target.value)}
        />
        <FieldError message={messageFor(failure, "merged")} />
      </div>
    </ActionForm>
  );
}

const ACTION_LABELS: Record<ActionKind, string> = {
  handoff: "Hand off",
  status: "Change status",
  resolve: "Resolve",
  reopen: "Reopen",
  close: "Close",
  link: "Link",
  merge: "Merge",
  category: "Change category",
  route: "Route again",
};

/** The actions the lifecycle allows in the case's status; the server stays the judge (409). */
export function availableActions(status: CaseDetail["status"]): ActionKind[] {
  if (status === "closed") return ["link"];
  if (status === "resolved") return ["reopen", "close", "handoff", "link", "merge", "category"];
  if ((OPEN_CASE_STATUSES as readonly string[]).includes(status)) {
    return ["handoff", "status", "resolve", "link", "merge", "category", "route"];
  }
  return [];
}

/** Buttons for working the case, each opening its dialog; shown to holders of case:write. */
export function CaseActions({
  item,
  onChanged,
}: {
  item: CaseDetail;
  onChanged: (updated: CaseDetail, notice: string) => void;
}) {
  const [open, setOpen] = useState<ActionKind | null>(null);
  const close = useCallback(() => setOpen(null), []);
  const props: CaseDialogProps = { item, onDone: onChanged, onClose: close };
  return (
    <>
      <div className="case-actions" data-testid="case-actions">
        {availableActions(item.status).map((kind) => (
          <button
            key={kind}
            type="button"
            className={`button${kind === "handoff" || kind === "resolve" ? " button-primary" : ""}`}
            onClick={() => setOpen(kind)}
          >
            {ACTION_LABELS[kind]}
          </button>
        ))}
      </div>
      {open === "handoff" ? <HandoffDialog {...props} /> : null}
      {open === "status" ? <StatusDialog {...props} /> : null}
      {open === "resolve" ? <ResolveDialog {...props} /> : null}
      {open === "reopen" ? <ConfirmDialog {...props} kind="reopen" /> : null}
      {open === "close" ? <ConfirmDialog {...props} kind="close" /> : null}
      {open === "link" ? <LinkDialog {...props} /> : null}
      {open === "merge" ? <MergeDialog {...props} /> : null}
      {open === "category" ? <CategoryDialog {...props} /> : null}
      {open === "route" ? <RouteDialog {...props} /> : null}
    </>
  );
}
