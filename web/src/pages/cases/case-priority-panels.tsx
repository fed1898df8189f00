import { useCallback } from "react";
import { Link } from "react-router-dom";
import { type CasePrediction, getCasePrediction, getCaseScore } from "../../api/queues.ts";
import { DateTime } from "../../components/date-time.tsx";
import { type FieldItem, FieldList } from "../../components/field-list.tsx";
import { ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { formatPoints } from "../../lib/format-number.ts";
import { SCORE_TERM_LABELS } from "../../lib/labels.ts";

/**
 * The case's priority score now, term by term (docs/queues.md): what each term was read from, its
 * value, its weight and the points it gives; the score is their sum.
 */
export function CasePriorityPanel({ caseId, revision }: { caseId: string; revision: number }) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new revision (the case changed) loads the score again.
  const load = useCallback(
    (signal: AbortSignal) => getCaseScore(caseId, signal),
    [caseId, revision],
  );
  const score = useAsync(load);
  return (
    <section className="panel" data-testid="case-priority">
      <h2 className="panel-title">Priority score</h2>
      {score.status === "loading" ? <LoadingState label="Loading the score…" /> : null}
      {score.status === "error" ? <ErrorState error={score.error} onRetry={score.reload} /> : null}
      {score.status === "ready" ? (
        <>
          <p className="score-line">
            <strong className="score-total" data-testid="case-score">
              {formatPoints(score.data.score)}
            </strong>{" "}
            <span className="muted">of 100</span>
            {" · "}
            {score.data.position === null ? (
              <span className="muted">
                {score.data.waiting ? "waiting" : "not waiting in a queue"}
              </span>
            ) : (
              <span data-testid="case-queue-position">
                number {score.data.position} in its team's queue
              </span>
            )}
          </p>
          <table className="data-table score-table">
            <thead>
              <tr>
                <th>Term</th>
                <th>Read from</th>
                <th className="num">Value</th>
                <th className="num">Weight</th>
                <th className="num">Points</th>
              </tr>
            </thead>
            <tbody>
              {score.data.terms.map((term) => (
                <tr key={term.term} data-testid="score-term" data-term={term.term}>
                  <td>{SCORE_TERM_LABELS[term.term]}</td>
                  <td>{term.input}</td>
                  <td className="num">{formatPoints(term.value)}</td>
                  <td className="num">{formatPoints(term.weight)}</td>
                  <td className="num">
                    <strong>{formatPoints(term.points)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="field-hint">
            Each term's points are 100 × weight × value ÷ the sum of the weights; the score is their
            sum. The weights are the <Link to="/settings/queues">queue settings</Link>'.
          </p>
        </>
      ) : null}
    </section>
  );
}

/** When the case is predicted to get its first response, against its due time, and why. */
export function CasePredictionPanel({ caseId, revision }: { caseId: string; revision: number }) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new revision (the case changed) predicts again.
  const load = useCallback(
    (signal: AbortSignal) => getCasePrediction(caseId, signal),
    [caseId, revision],
  );
  const result = useAsync(load);
  return (
    <section className="panel" data-testid="case-prediction">
      <h2 className="panel-title">First-response prediction</h2>
      {result.status === "loading" ? <LoadingState label="Loading the prediction…" /> : null}
      {result.status === "error" ? (
        <ErrorState error={result.error} onRetry={result.reload} />
      ) : null}
      {result.status === "ready" ? <PredictionFacts found={result.data} /> : null}
    </section>
  );
}

function PredictionFacts({ found }: { found: CasePrediction }) {
  const { prediction, handling } = found;
  const handlingText = `${formatPoints(handling.ahtMinutes)} min per case${
    handling.sampleCases === 0
      ? " (the default: no recent cases)"
      : ` (${handling.sampleCases} recent cases)`
  }`;
  if (prediction === null) {
    return (
      <p className="muted" data-testid="prediction-none">
        {found.note ?? "No prediction: the case does not wait for a first response."}
      </p>
    );
  }
  const fields: FieldItem[] = [
    {
      label: "Verdict",
      value: prediction.breach ? (
        <span
          className="badge breach-predicted"
          data-testid="prediction-verdict"
          data-breach="true"
        >
          Breach predicted
        </span>
      ) : (
        <span className="badge sla-on_track" data-testid="prediction-verdict" data-breach="false">
          In time
        </span>
      ),
    },
    {
      label: "Predicted first response",
      value:
        prediction.predictedAt === null ? (
          <span className="muted">Nobody of the team can take it</span>
        ) : (
          <DateTime iso={prediction.predictedAt} />
        ),
    },
    { label: "Due", value: <DateTime iso={prediction.dueAt} /> },
    { label: "Why", value: prediction.reason },
    {
      label: "Ahead of it",
      value: `${prediction.ahead} ${prediction.ahead === 1 ? "case" : "cases"} its agents could take`,
    },
    {
      label: "Agents who could take it",
      value: `${prediction.eligibleAgents}, ${prediction.eligibleOnShift} on shift, ${prediction.freeSlots} free ${prediction.freeSlots === 1 ? "slot" : "slots"}`,
    },
    { label: "Handling time", value: handlingText },
  ];
  if (found.flaggedAt !== null) {
    fields.push({ label: "Breach flagged", value: <DateTime iso={found.flaggedAt} /> });
  }
  return <FieldList fields={fields} />;
}
