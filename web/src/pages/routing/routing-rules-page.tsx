import { useCallback, useMemo, useState } from "react";
import { checkRoutingRules, type RoutingCheck, type RoutingRuleSet } from "../../api/routing.ts";
import { useTeamOptions } from "../../components/directory-provider.tsx";
import { CheckboxField, ListEditor, SelectField } from "../../components/editor-controls.tsx";
import {
  type EditorContext,
  SettingsEditorFrame,
  SettingsPage,
} from "../../components/settings-editor-frame.tsx";
import { ErrorState } from "../../components/state-views.tsx";
import {
  draftToRuleSet,
  newRuleDraft,
  type RuleDraft,
  type RuleSetDraft,
} from "../../lib/routing-form.ts";
import { describeProblemPath } from "../../lib/routing-text.ts";
import {
  type FieldErrors,
  fieldErrorsOf,
  fieldErrorsOfProblems,
  firstFieldErrors,
  NO_FIELD_ERRORS,
} from "../../lib/settings-errors.ts";
import { toError } from "../../lib/to-error.ts";
import { useRoutingRulesEditor } from "./routing-layout.tsx";
import { RuleEditor } from "./rule-editor.tsx";
import { TestPanel } from "./test-panel.tsx";

/** The answer of a check or a test run, and the draft it was about. */
interface DraftVerdict<T> {
  draft: RuleSetDraft;
  outcome: T;
}

/** The errors a verdict marks on the inputs: only while the draft is still the one judged. */
function errorsOf<T>(
  verdict: DraftVerdict<T> | null,
  draft: RuleSetDraft | null,
  toErrors: (outcome: T) => FieldErrors,
): FieldErrors {
  return verdict === null || verdict.draft !== draft ? NO_FIELD_ERRORS : toErrors(verdict.outcome);
}

/** The check's verdict beside its button: "Would save · 2 warnings (see above)". */
function checkSummary(check: RoutingCheck): string {
  const verdict = check.valid ? "Would save" : "Would not save";
  const count = check.warnings.length;
  const warnings = count === 0 ? "no warnings" : `${count} ${count === 1 ? "warning" : "warnings"}`;
  return `${verdict} · ${warnings}${check.valid && count === 0 ? "" : " (see above)"}`;
}

function CheckPanel({
  verdict,
  failure,
  current,
}: {
  verdict: DraftVerdict<RoutingCheck> | null;
  failure: Error | null;
  current: RuleSetDraft;
}) {
  if (failure !== null) {
    if (!fieldErrorsOf(failure, "body.document").any) return <ErrorState error={failure} />;
    return (
      <p className="form-error" role="alert" data-testid="check-error">
        Not checked: {failure.message}. The field is marked below.
      </p>
    );
  }
  if (verdict === null) return null;
  const check = verdict.outcome;
  const stale = verdict.draft !== current;
  return (
    <section
      className={`panel check-panel${check.valid ? "" : " panel-warning"}`}
      data-testid="routing-check"
      data-valid={String(check.valid)}
      aria-live="polite"
    >
      <h2 className="panel-title">
        {check.valid ? "The draft would save" : "The draft would not save"}
        {stale ? <span className="muted"> (before your latest changes: check again)</span> : null}
      </h2>
      {check.error === undefined ? null : (
        <p className="form-error" data-testid="check-error">
          {describeProblemPath(check.error.field, verdict.draft.rules)}: {check.error.reason}.
          {stale ? null : " The field is marked below."}
        </p>
      )}
      {check.warnings.length === 0 ? (
        <p className="muted">No warnings.</p>
      ) : (
        <ul className="check-warnings">
          {check.warnings.map((warning) => (
            <li key={`${warning.field}:${warning.reason}`} data-testid="check-warning">
              <span className="warning-text">
                {describeProblemPath(warning.field, verdict.draft.rules)}:
              </span>{" "}
              {warning.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RuleSetFields({
  draft,
  setDraft,
  context,
}: {
  draft: RuleSetDraft;
  setDraft: (update: (draft: RuleSetDraft) => RuleSetDraft) => void;
  context: EditorContext;
}) {
  const teamOptions = useTeamOptions();
  const { errors } = context;
  return (
    <>
      <section className="panel">
        <div className="form-row">
          <CheckboxField
            label="Routing is on: new cases are routed by these rules"
            checked={draft.enabled}
            onChange={(enabled) => setDraft((current) => ({ ...current, enabled }))}
            error={errors.within("enabled")}
          />
          <SelectField
            label="Fallback team"
            value={draft.fallbackTeam}
            options={teamOptions}
            emptyLabel="None: the case keeps its team"
            onChange={(fallbackTeam) => setDraft((current) => ({ ...current, fallbackTeam }))}
            error={errors.within("fallbackTeam")}
            hint="Where a case goes that no rule sends to a team."
          />
        </div>
      </section>
      <ListEditor<RuleDraft>
        items={draft.rules}
        update={(change) => setDraft((current) => ({ ...current, rules: change(current.rules) }))}
        create={newRuleDraft}
        addLabel="Add rule"
        readOnly={context.readOnly}
        error={errors.at("rules")}
        empty="No rules: every case keeps its team, or goes to the fallback team."
        movable
      >
        {(rule, controls) => <RuleEditor rule={rule} controls={controls} context={context} />}
      </ListEditor>
    </>
  );
}

function RoutingRulesEditorView() {
  const editor = useRoutingRulesEditor();
  const { draft } = editor;
  const [check, setCheck] = useState<DraftVerdict<RoutingCheck> | null>(null);
  const [checkFailure, setCheckFailure] = useState<DraftVerdict<Error> | null>(null);
  const [testFailure, setTestFailure] = useState<DraftVerdict<Error> | null>(null);
  const [checking, setChecking] = useState(false);

  const document = useMemo(() => (draft === null ? null : draftToRuleSet(draft)), [draft]);

  const runCheck = () => {
    if (draft === null || document === null) return;
    setChecking(true);
    setCheckFailure(null);
    checkRoutingRules(document).then(
      (outcome) => {
        setChecking(false);
        setCheck({ draft, outcome });
      },
      (error: unknown) => {
        setChecking(false);
        setCheck(null);
        setCheckFailure({ draft, outcome: toError(error) });
      },
    );
  };

  const onTestFailure = useCallback(
    (failure: Error | null, tried: RoutingRuleSet | undefined) => {
      setTestFailure(
        failure === null || tried === undefined || draft === null
          ? null
          : { draft, outcome: failure },
      );
    },
    [draft],
  );

  const toDocumentErrors = (failure: Error) => fieldErrorsOf(failure, "body.document");
  const fieldErrors = firstFieldErrors(
    editor.fieldErrors,
    errorsOf(checkFailure, draft, toDocumentErrors),
    errorsOf(check, draft, (outcome) =>
      fieldErrorsOfProblems(outcome.error === undefined ? [] : [outcome.error]),
    ),
    errorsOf(testFailure, draft, toDocumentErrors),
  );

  return (
    <SettingsEditorFrame
      title="Routing rules"
      description="Ordered rules that decide a new case's team and queue, its priority, tags and the skills it needs. Every rule whose conditions hold fires; the first that sets a team decides it."
      noun="the routing rules"
      editor={editor}
      fieldErrors={fieldErrors}
      actions={
        <>
          <button
            type="button"
            className="button"
            onClick={runCheck}
            disabled={checking || editor.saving}
          >
            {checking ? "Checking…" : "Check"}
          </button>
          {check === null || check.draft !== draft ? null : (
            <span className="muted" data-testid="check-summary">
              {checkSummary(check.outcome)}
            </span>
          )}
        </>
      }
      aside={
        document === null || editor.base === null ? undefined : (
          <TestPanel
            draft={document}
            version={editor.base.version}
            changed={editor.changed}
            onFailure={onTestFailure}
          />
        )
      }
    >
      {(current, setDraft, context) => (
        <>
          <CheckPanel verdict={check} failure={checkFailure?.outcome ?? null} current={current} />
          <RuleSetFields draft={current} setDraft={setDraft} context={context} />
        </>
      )}
    </SettingsEditorFrame>
  );
}

export function RoutingRulesPage() {
  return (
    <SettingsPage title="Routing rules">
      <RoutingRulesEditorView />
    </SettingsPage>
  );
}
