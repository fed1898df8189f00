import { type FormEvent, useId, useState } from "react";
import {
  KPI_NAMES,
  type KpiName,
  SLICE_DIMENSIONS,
  type SliceDimension,
} from "../../../../src/modules/metrics/kpi.ts";
import { sideOf } from "../../../../src/modules/scorecards/scorecard.ts";
import { ApiError } from "../../api/client.ts";
import { createScorecard } from "../../api/metrics.ts";
import { FieldError } from "../../components/field-error.tsx";
import { DIMENSION_LABELS, KPI_LABELS } from "../../lib/metric-format.ts";
import {
  type DraftError,
  draftToScorecardRequest,
  emptyScorecardDraft,
  type MetricDraft,
  type ScorecardDraft,
  targetUnit,
} from "../../lib/scorecard-form.ts";
import { toError } from "../../lib/to-error.ts";
import { useSliceLabel } from "./breakdown-panel.tsx";

const SIDES = [
  { side: "operations", title: "Operations" },
  { side: "experience", title: "Customer experience" },
] as const;

function MetricRow({
  name,
  entry,
  errors,
  onChange,
}: {
  name: KpiName;
  entry: MetricDraft;
  errors: ReadonlyMap<string, string>;
  onChange: (entry: MetricDraft) => void;
}) {
  const unit = targetUnit(name);
  const targetError = errors.get(`metrics.${name}.target`);
  const amberError = errors.get(`metrics.${name}.amberWithin`);
  return (
    <tr>
      <td>
        <label className="check-label">
          <input
            type="checkbox"
            checked={entry.on}
            onChange={(event) => onChange({ ...entry, on: event.target.checked })}
          />
          {KPI_LABELS[name]}
        </label>
      </td>
      <td>
        <input
          type="text"
          inputMode="decimal"
          className="target-input"
          aria-label={`${KPI_LABELS[name]} target (${unit})`}
          aria-invalid={targetError !== undefined}
          value={entry.target}
          disabled={!entry.on}
          placeholder="none"
          onChange={(event) => onChange({ ...entry, target: event.target.value })}
        />{" "}
        <span className="muted">{unit}</span>
        <FieldError message={targetError} />
      </td>
      <td>
        <input
          type="text"
          inputMode="decimal"
          className="target-input"
          aria-label={`${KPI_LABELS[name]} amber margin (${unit})`}
          aria-invalid={amberError !== undefined}
          value={entry.amberWithin}
          disabled={!entry.on}
          placeholder="0"
          onChange={(event) => onChange({ ...entry, amberWithin: event.target.value })}
        />{" "}
        <span className="muted">{unit}</span>
        <FieldError message={amberError} />
      </td>
    </tr>
  );
}

/**
 * A new saved scorecard: what it is about (a team, or a journey such as a top-level category),
 * whether it has one row per team or channel, and the KPIs with their targets, operations beside
 * customer experience. Targets are typed in the dashboard's units (rates in %).
 */
export function ScorecardForm({
  teamOptions,
  onSaved,
  onCancel,
}: {
  teamOptions: readonly { value: string; label: string }[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const sliceLabel = useSliceLabel();
  const [draft, setDraft] = useState<ScorecardDraft>(emptyScorecardDraft);
  const [errors, setErrors] = useState<DraftError[]>([]);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const errorByField = new Map(errors.map((error) => [error.field, error.message]));

  const setMetric = (name: KpiName, entry: MetricDraft) =>
    setDraft((current) => ({ ...current, metrics: { ...current.metrics, [name]: entry } }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = draftToScorecardRequest(draft);
    if ("errors" in result) {
      setErrors(result.errors);
      return;
    }
    setErrors([]);
    setFailure(null);
    setSaving(true);
    createScorecard(result.body).then(
      () => {
        setSaving(false);
        onSaved();
      },
      (error: unknown) => {
        setSaving(false);
        const problem = toError(error);
        setFailure(
          problem instanceof ApiError && problem.field !== undefined
            ? `${problem.message} (${problem.field})`
            : problem.message,
        );
      },
    );
  };

  return (
    <form className="form panel" onSubmit={submit} data-testid="scorecard-form" noValidate>
      <h2 className="panel-title">New scorecard</h2>
      {failure === null ? null : (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      <div className="form-row">
        <div className="form-field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            type="text"
            value={draft.name}
            aria-invalid={errorByField.has("name")}
            onChange={(event) => setDraft({ ...draft, name: event.target.value })}
          />
          <FieldError message={errorByField.get("name")} />
        </div>
        <div className="form-field">
          <label htmlFor={`${id}-about`}>About</label>
          <select
            id={`${id}-about`}
            value={draft.aboutDimension}
            onChange={(event) =>
              setDraft({
                ...draft,
                aboutDimension: event.target.value as SliceDimension | "",
                aboutKey: "",
              })
            }
          >
            <option value="">The whole workspace</option>
            <option value="team">A team</option>
            <option value="categoryTop">A journey (top-level category)</option>
            <option value="channel">A channel</option>
            <option value="region">A region</option>
          </select>
        </div>
        {draft.aboutDimension === "" ? null : (
          <div className="form-field">
            <label htmlFor={`${id}-key`}>{DIMENSION_LABELS[draft.aboutDimension]}</label>
            {draft.aboutDimension === "team" ? (
              <select
                id={`${id}-key`}
                value={draft.aboutKey}
                aria-invalid={errorByField.has("aboutKey")}
                onChange={(event) => setDraft({ ...draft, aboutKey: event.target.value })}
              >
                <option value="">Pick a team…</option>
                {teamOptions.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={`${id}-key`}
                type="text"
                value={draft.aboutKey}
                aria-invalid={errorByField.has("aboutKey")}
                placeholder={draft.aboutDimension === "categoryTop" ? "billing" : ""}
                onChange={(event) => setDraft({ ...draft, aboutKey: event.target.value })}
              />
            )}
            <FieldError message={errorByField.get("aboutKey")} />
          </div>
        )}
        <div className="form-field">
          <label htmlFor={`${id}-by`}>Rows</label>
          <select
            id={`${id}-by`}
            value={draft.by}
            onChange={(event) =>
              setDraft({ ...draft, by: event.target.value as SliceDimension | "" })
            }
          >
            <option value="">One row</option>
            {SLICE_DIMENSIONS.map((dimension) => (
              <option key={dimension} value={dimension}>
                One per {DIMENSION_LABELS[dimension].toLowerCase()}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-description`}>Description</label>
        <input
          id={`${id}-description`}
          type="text"
          value={draft.description}
          placeholder={
            draft.aboutDimension === "" || draft.aboutKey === ""
              ? "Optional"
              : `How ${sliceLabel(draft.aboutDimension, draft.aboutKey)} is doing`
          }
          onChange={(event) => setDraft({ ...draft, description: event.target.value })}
        />
      </div>
      <div className="chart-grid">
        {SIDES.map(({ side, title }) => (
          <div key={side}>
            <h3 className="form-section-title">{title}</h3>
            <table className="data-table">
              <thead>
                <tr>
                  <th>KPI</th>
                  <th>Target</th>
                  <th>Amber within</th>
                </tr>
              </thead>
              <tbody>
                {KPI_NAMES.filter((name) => sideOf(name) === side).map((name) => (
                  <MetricRow
                    key={name}
                    name={name}
                    entry={draft.metrics[name]}
                    errors={errorByField}
                    onChange={(entry) => setMetric(name, entry)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </div>
      <FieldError message={errorByField.get("metrics")} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? "Saving…" : "Save scorecard"}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
