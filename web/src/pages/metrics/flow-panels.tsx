import { useMemo } from "react";
import type { ScorecardRow } from "../../../../src/modules/metrics/kpi.ts";
import type { HandoffFlow, HandoffFlows, KpiScorecard } from "../../api/metrics.ts";
import { CsvExportButton } from "../../components/csv-export-button.tsx";
import { useDirectory } from "../../components/directory-provider.tsx";
import type { AsyncState } from "../../hooks/use-async.ts";
import type { CsvColumn } from "../../lib/csv-export.ts";
import { handoffSankeyOption, surveyByChannelOption } from "../../lib/metric-charts.ts";
import { ChartPanel, panelState } from "./chart-panel.tsx";

const FLOW_COLUMNS: readonly CsvColumn<HandoffFlow>[] = [
  { header: "fromTeam", value: (flow) => flow.from },
  { header: "toTeam", value: (flow) => flow.to },
  { header: "handoffs", value: (flow) => flow.count },
];

const SURVEY_COLUMNS: readonly CsvColumn<ScorecardRow>[] = [
  { header: "channel", value: (row) => row.key },
  { header: "csat", value: (row) => row.csat },
  { header: "nps", value: (row) => row.nps },
  { header: "ces", value: (row) => row.ces },
];

/** Team-to-team handoffs in the period: who hands cases to whom, and how many. */
export function HandoffPanel({
  flows,
  onRetry,
}: {
  flows: AsyncState<HandoffFlows>;
  onRetry: () => void;
}) {
  const directory = useDirectory();
  const data = flows.status === "ready" ? flows.data.flows : undefined;
  const option = useMemo(
    () =>
      data?.some((flow) => flow.from !== flow.to && flow.count > 0)
        ? handoffSankeyOption(data, directory.teamName)
        : null,
    [data, directory],
  );
  return (
    <ChartPanel
      title="Handoffs between teams"
      testId="handoff-panel"
      state={panelState(flows)}
      option={option}
      emptyText="No handoffs between teams in this period."
      onRetry={onRetry}
      height={300}
      tools={
        <CsvExportButton title="Handoffs between teams" columns={FLOW_COLUMNS} rows={data ?? []} />
      }
    />
  );
}

/** CSAT and NPS per channel over the period's survey answers. */
export function SurveyPanel({
  byChannel,
  onRetry,
}: {
  byChannel: AsyncState<KpiScorecard>;
  onRetry: () => void;
}) {
  const rows = byChannel.status === "ready" ? byChannel.data.rows : undefined;
  const answered = useMemo(
    () => (rows ?? []).filter((row) => row.csat !== null || row.nps !== null),
    [rows],
  );
  const option = useMemo(
    () => (answered.length === 0 ? null : surveyByChannelOption(answered)),
    [answered],
  );
  return (
    <ChartPanel
      title="CSAT and NPS by channel"
      testId="survey-panel"
      state={panelState(byChannel)}
      option={option}
      emptyText="No survey answers in this period."
      onRetry={onRetry}
      height={300}
      tools={
        <CsvExportButton title="CSAT and NPS by channel" columns={SURVEY_COLUMNS} rows={answered} />
      }
    />
  );
}
