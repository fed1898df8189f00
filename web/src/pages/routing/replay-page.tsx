import { type FormEvent, useId, useState } from "react";
import { Link } from "react-router-dom";
import { ApiError } from "../../api/client.ts";
import { type RoutingReplay, replayRoutingRules } from "../../api/routing.ts";
import { DateTime } from "../../components/date-time.tsx";
import { useDirectory } from "../../components/directory-provider.tsx";
import { TextField } from "../../components/editor-controls.tsx";
import { type FieldItem, FieldList } from "../../components/field-list.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { RequirePermission } from "../../components/require-permission.tsx";
import { ErrorState } from "../../components/state-views.tsx";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { formatDuration, formatLag } from "../../lib/format-duration.ts";
import { formatCount, formatPercent, formatSignedCount } from "../../lib/format-number.ts";
import { numberFromText } from "../../lib/number-text.ts";
import { draftToRuleSet } from "../../lib/routing-form.ts";
import { describeProblemPath } from "../../lib/routing-text.ts";
import { documentPathOf, fieldErrorsOf } from "../../lib/settings-errors.ts";
import { toError } from "../../lib/to-error.ts";
import { useRoutingRulesEditor } from "./routing-layout.tsx";

type Minutes = number | null;

/** Minutes as a span: 134 → "2h 14m"; null (no case answered) → "—". */
function MinutesCell({ minutes }: { minutes: Minutes }) {
  return <>{minutes === null ? "—" : formatDuration(minutes * 60_000)}</>;
}

/** Replay against actual, signed: "+12m" is slower; "—" when either is unknown. */
function MinutesDelta({ actual, replay }: { actual: Minutes; replay: Minutes }) {
  if (actual === null || replay === null) return <span className="muted">—</span>;
  const delta = replay - actual;
  const className = delta < 0 ? "delta-better" : delta > 0 ? "delta-worse" : "muted";
  return <span className={className}>{delta === 0 ? "0" : formatLag(delta * 60_000)}</span>;
}

function FirstResponseTable({ replay }: { replay: RoutingReplay }) {
  const { actual, replay: replayed, observed } = replay.firstResponse;
  const rows = [
    { label: "Median", actual: actual.median, replay: replayed.median, observed: observed.median },
    { label: "90th percentile", actual: actual.p90, replay: replayed.p90, observed: observed.p90 },
  ];
  return (
    <table className="data-table report-table" data-testid="replay-first-response">
      <thead>
        <tr>
          <th>First response</th>
          <th className="num">Actual routing</th>
          <th className="num">Replayed rules</th>
          <th className="num">Change</th>
          <th className="num">Observed</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td className="num">
              <MinutesCell minutes={row.actual} />
            </td>
            <td className="num">
              <MinutesCell minutes={row.replay} />
            </td>
            <td className="num">
              <MinutesDelta actual={row.actual} replay={row.replay} />
            </td>
            <td className="num muted">
              <MinutesCell minutes={row.observed} />
            </td>
          </tr>
        ))}
        <tr>
          <th scope="row">Unanswered in the window</th>
          <td className="num">{formatCount(actual.unanswered)}</td>
          <td className="num">{formatCount(replayed.unanswered)}</td>
          <td className="num">{formatSignedCount(replayed.unanswered - actual.unanswered)}</td>
          <td />
        </tr>
      </tbody>
    </table>
  );
}

function TeamTable({ replay }: { replay: RoutingReplay }) {
  const directory = useDirectory();
  return (
    <div className="table-wrap">
      <table className="data-table report-table" data-testid="replay-teams">
        <thead>
          <tr>
            <th>Team</th>
            <th className="num">Cases, actual</th>
            <th className="num">Cases, replay</th>
            <th className="num">Change</th>
            <th className="num">Median, actual → replay</th>
            <th className="num">90th pct, actual → replay</th>
          </tr>
        </thead>
        <tbody>
          {replay.teams.map((team) => (
            <tr key={team.team} data-testid="replay-team-row" data-team-id={team.team}>
              <td>{directory.teamName(team.team)}</td>
              <td className="num">{formatCount(team.actualCases)}</td>
              <td className="num">{formatCount(team.replayCases)}</td>
              <td className="num">
                <strong>{formatSignedCount(team.delta)}</strong>
              </td>
              <td className="num nowrap">
                <MinutesCell minutes={team.actual.firstResponseMedianMinutes} /> →{" "}
                <MinutesCell minutes={team.replay.firstResponseMedianMinutes} />{" "}
                <MinutesDelta
                  actual={team.actual.firstResponseMedianMinutes}
                  replay={team.replay.firstResponseMedianMinutes}
                />
              </td>
              <td className="num nowrap">
                <MinutesCell minutes={team.actual.firstResponseP90Minutes} /> →{" "}
                <MinutesCell minutes={team.replay.firstResponseP90Minutes} />{" "}
                <MinutesDelta
                  actual={team.actual.firstResponseP90Minutes}
                  replay={team.replay.firstResponseP90Minutes}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RulesAndSamples({ replay }: { replay: RoutingReplay }) {
  const directory = useDirectory();
  return (
    <div className="panel-pair">
      <section className="panel">
        <h2 className="panel-title">Rules</h2>
        {replay.rules.length === 0 ? (
          <p className="muted">No rule fired.</p>
        ) : (
          <table className="data-table report-table">
            <thead>
              <tr>
                <th>Rule</th>
                <th className="num">Fired on</th>
                <th className="num">Set the team of</th>
              </tr>
            </thead>
            <tbody>
              {replay.rules.map((rule) => (
                <tr key={rule.rule}>
                  <td>
                    {rule.name} <span className="mono muted">{rule.rule}</span>
                  </td>
                  <td className="num">{formatCount(rule.fires)}</td>
                  <td className="num">{formatCount(rule.decides)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel">
        <h2 className="panel-title">Cases that would go elsewhere</h2>
        {replay.samples.length === 0 ? (
          <p className="muted">No case would change team.</p>
        ) : (
          <table className="data-table report-table" data-testid="replay-samples">
            <thead>
              <tr>
                <th>Case</th>
                <th>Went to</th>
                <th>Would go to</th>
                <th>By rule</th>
              </tr>
            </thead>
            <tbody>
              {replay.samples.map((sample) => (
                <tr key={sample.case} data-testid="replay-sample-row">
                  <td className="mono">
                    <Link to={`/cases/${encodeURIComponent(sample.case)}`}>{sample.case}</Link>
                  </td>
                  <td>{directory.teamName(sample.actualTeam)}</td>
                  <td>{directory.teamName(sample.replayTeam)}</td>
                  <td className="mono">{sample.rule ?? <span className="muted">fallback</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function ReplayReport({ replay }: { replay: RoutingReplay }) {
  const summary: FieldItem[] = [
    {
      label: "Rules",
      value: replay.version === null ? "The draft" : `Version ${replay.version} (in force)`,
    },
    {
      label: "Cases opened",
      value: (
        <>
          <DateTime iso={replay.from} /> – <DateTime iso={replay.to} />
        </>
      ),
    },
    { label: "Cases replayed", value: formatCount(replay.cases) },
    {
      label: "Would change team",
      value: `${formatCount(replay.changed)}${replay.cases === 0 ? "" : ` (${formatPercent(replay.changed / replay.cases)})`}`,
    },
    { label: "Handed off, actual", value: formatCount(replay.transfers.actual) },
    { label: "Not with their final team, replay", value: formatCount(replay.transfers.replay) },
    {
      label: "Transfers avoided",
      value: <span data-testid="transfers-avoided">{formatCount(replay.transfers.avoided)}</span>,
    },
    {
      label: "Transfers added",
      value: <span data-testid="transfers-added">{formatCount(replay.transfers.added)}</span>,
    },
  ];
  return (
    <div data-testid="replay-report">
      {replay.capped ? (
        <p className="notice">
          More cases than a replay takes were opened in this window: the oldest were left out.
        </p>
      ) : null}
      <section className="panel">
        <h2 className="panel-title">Summary</h2>
        <FieldList fields={summary} />
      </section>
      <section className="panel">
        <h2 className="panel-title">First response</h2>
        <p className="panel-note muted">
          Modelled for the actual and the replayed arrivals alike, so that they compare; observed is
          what really happened.
        </p>
        <FirstResponseTable replay={replay} />
      </section>
      <section className="panel">
        <h2 className="panel-title">Team loads</h2>
        <TeamTable replay={replay} />
      </section>
      <RulesAndSamples replay={replay} />
    </div>
  );
}

/**
 * Replays the rules in force or the Rules tab's draft over the cases of the last days: where they
 * would have gone, what that does to each team's load and first response, and to transfers.
 */
export function ReplayPage() {
  usePageTitle("Routing replay");
  const editor = useRoutingRulesEditor();
  const sourceId = useId();
  const [source, setSource] = useState<"saved" | "draft">("saved");
  const [days, setDays] = useState("14");
  const [running, setRunning] = useState(false);
  const [replay, setReplay] = useState<RoutingReplay | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  const draftRules = editor.draft?.rules ?? [];

  const run = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const document =
      source === "draft" && editor.draft !== null ? draftToRuleSet(editor.draft) : undefined;
    setRunning(true);
    setFailure(null);
    replayRoutingRules({
      days: numberFromText(days),
      ...(document === undefined ? {} : { document }),
    }).then(
      (answer) => {
        setRunning(false);
        setReplay(answer);
      },
      (error: unknown) => {
        setRunning(false);
        setFailure(toError(error));
      },
    );
  };

  const errors = fieldErrorsOf(failure, "body");
  // A draft the server refuses names the field inside it: `body.document.rules.2.actions`.
  const documentPath =
    failure instanceof ApiError ? documentPathOf(failure.field, "body.document") : null;
  const otherFailure =
    failure !== null && errors.within("days") === undefined && documentPath === null
      ? failure
      : null;

  return (
    <RequirePermission anyOf={["metrics:read"]} title="Routing replay">
      <PageHeader
        title="Replay"
        subtitle="What a rule set would have done with the cases of the last days: team loads, first responses and transfers, actual against replayed."
      />
      <form className="form filter-bar replay-form" aria-label="Replay" onSubmit={run}>
        <div className="form-field">
          <label htmlFor={sourceId}>Rules</label>
          <select
            id={sourceId}
            value={source}
            onChange={(event) => setSource(event.target.value === "draft" ? "draft" : "saved")}
          >
            <option value="saved">
              The rules in force{editor.base === null ? "" : ` (version ${editor.base.version})`}
            </option>
            <option value="draft" disabled={editor.draft === null}>
              The draft of the Rules tab{editor.changed ? " (unsaved changes)" : ""}
            </option>
          </select>
        </div>
        <TextField
          label="Days"
          value={days}
          inputMode="numeric"
          size={4}
          className="short-field"
          onChange={setDays}
          error={errors.within("days")}
        />
        <div className="form-field">
          <button type="submit" className="button button-primary" disabled={running}>
            {running ? "Replaying…" : "Run replay"}
          </button>
        </div>
      </form>
      {documentPath === null || failure === null ? null : (
        <p className="form-error" role="alert" data-testid="replay-draft-invalid">
          The draft cannot be replayed: {describeProblemPath(documentPath, draftRules)}:{" "}
          {failure.message}. <Link to="/routing/rules">Fix it in the Rules tab</Link>.
        </p>
      )}
      {otherFailure === null ? null : <ErrorState error={otherFailure} />}
      {replay === null ? null : <ReplayReport replay={replay} />}
    </RequirePermission>
  );
}
