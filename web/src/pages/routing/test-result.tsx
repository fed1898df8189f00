import type { RoutingTestResult, RuleTrace } from "../../api/routing.ts";
import { PriorityBadge } from "../../components/badges.tsx";
import { useDirectory } from "../../components/directory-provider.tsx";
import { FieldList } from "../../components/field-list.tsx";
import { describeCondition, formatRoutingValue } from "../../lib/routing-text.ts";

const OUTCOME_LABELS: Record<RuleTrace["outcome"], string> = {
  fired: "Fired",
  not_matched: "Not matched",
  disabled: "Disabled",
  skipped: "Skipped",
};

const APPLIED_LABELS: Record<string, string> = {
  setTeam: "team",
  setQueue: "queue",
  setPriority: "priority",
  raisePriority: "priority",
  addTags: "tags",
  requireSkills: "skills",
};

function ConditionTraceRow({ condition }: { condition: RuleTrace["conditions"][number] }) {
  const directory = useDirectory();
  const described = describeCondition(condition, directory.teamName);
  return (
    <tr data-testid="trace-condition" data-holds={String(condition.holds)}>
      <td className="trace-cell trace-mark">
        <span
          className={condition.holds ? "holds" : "fails"}
          role="img"
          aria-label={condition.holds ? "holds" : "does not hold"}
        >
          {condition.holds ? "✓" : "✗"}
        </span>
      </td>
      <td className="trace-cell">{described}</td>
      <td className="trace-cell trace-actual">
        <span className="muted">was </span>
        <span data-testid="trace-actual">{formatRoutingValue(condition.actual)}</span>
        {condition.matched === undefined ? null : (
          <span className="muted"> (matched “{condition.matched}”)</span>
        )}
      </td>
    </tr>
  );
}

function RuleTraceItem({ trace, position }: { trace: RuleTrace; position: number }) {
  const applied = [...new Set(trace.applied.map((action) => APPLIED_LABELS[action] ?? action))];
  return (
    <li
      className={`trace-rule outcome-${trace.outcome}`}
      data-testid="trace-rule"
      data-rule-id={trace.rule}
      data-outcome={trace.outcome}
    >
      <div className="trace-rule-head">
        <span className="position-tag">{position}</span>
        <strong>{trace.name}</strong>
        <span className={`badge trace-outcome outcome-${trace.outcome}`}>
          {OUTCOME_LABELS[trace.outcome]}
        </span>
        {applied.length === 0 ? null : <span className="muted">set {applied.join(", ")}</span>}
      </div>
      {trace.conditions.length === 0 ? null : (
        <table className="trace-conditions">
          <tbody>
            {trace.conditions.map((condition, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: conditions are listed in rule order and have no id.
              <ConditionTraceRow key={index} condition={condition} />
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}

/** Where the test case would go, and every rule as evaluated, in order. */
export function TestResult({ result }: { result: RoutingTestResult }) {
  const directory = useDirectory();
  const { decision } = result;
  const decidedBy = decision.trace.find((trace) => trace.rule === decision.rule);
  return (
    <div className="test-result" data-testid="routing-test-result">
      <h3 className="form-section-title">
        Decision{" "}
        <span className="muted">
          ({result.version === null ? "the draft" : `version ${result.version}`})
        </span>
      </h3>
      <FieldList
        fields={[
          {
            label: "Team",
            value: <span data-testid="decision-team">{directory.teamName(decision.team)}</span>,
          },
          { label: "Queue", value: decision.queue ?? <span className="muted">—</span> },
          { label: "Priority", value: <PriorityBadge priority={decision.priority} /> },
          {
            label: "Decided by",
            value: (
              <span data-testid="decision-rule" data-rule-id={decision.rule ?? ""}>
                {decidedBy === undefined ? (
                  <span className="muted">No rule: the fallback or the case's own team</span>
                ) : (
                  decidedBy.name
                )}
              </span>
            ),
          },
          {
            label: "Tags",
            value:
              decision.tags.length === 0 ? (
                <span className="muted">—</span>
              ) : (
                decision.tags.join(", ")
              ),
          },
          {
            label: "Skills",
            value:
              decision.skills.length === 0 ? (
                <span className="muted">—</span>
              ) : (
                decision.skills.map((skill) => `${skill.skill} ≥ ${skill.level}`).join(", ")
              ),
          },
        ]}
      />
      <h3 className="form-section-title">
        Rules <span className="muted">({decision.fired.length} fired)</span>
      </h3>
      <ol className="trace-list">
        {decision.trace.map((trace, index) => (
          <RuleTraceItem key={trace.rule} trace={trace} position={index + 1} />
        ))}
      </ol>
    </div>
  );
}
