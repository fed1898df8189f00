/**
 * One roll-up row: the sums of the metric contributions (case-facts.ts) whose instant lies in one
 * UTC bucket, for `all` cases or one slice value. Counters are additive, so a period's value is
 * the sum of the rows that tile it (period-plan.ts); histograms add bin by bin (sketch.ts).
 */
export interface MetricRollupTable {
  /** h | d | m: hour, day, month (UTC). */
  grain: string;
  /** Epoch ms of the bucket's start. */
  bucket: number;
  /** `all` or a SliceDimension. */
  dim: string;
  /** `all` or the slice value. */
  key: string;
  opened: number;
  /** Cases opened in the bucket with a first response (fr_hist holds their minutes). */
  fr_n: number;
  escalated: number;
  /** Answered cases opened in the bucket with a first-response target, and those answered in time. */
  sla_target: number;
  sla_met: number;
  /** Cases opened in the bucket, unanswered now, with a first-response target (metric_sla_pending). */
  sla_unanswered: number;
  resolved: number;
  /** First resolutions with a resolution time (res_hist holds their hours). */
  res_n: number;
  reopened: number;
  recontacted: number;
  fcr: number;
  /** Cases entering (+1) and leaving (−1) the backlog of this slice in the bucket. */
  backlog_delta: number;
  worked_seconds: number;
  /** Cases whose first `case.worked` for this slice value lies in the bucket. */
  work_first: number;
  /** Distinct cases with a `case.worked` for this slice value in the bucket. */
  worked_cases: number;
  csat_n: number;
  /** CSAT answers 4–5. */
  csat_good: number;
  nps_n: number;
  /** NPS answers 9–10 and 0–6. */
  nps_promoters: number;
  nps_detractors: number;
  ces_n: number;
  ces_sum: number;
  /** JSON `{team: seconds}`: worked seconds by the team that priced them (cost per case). */
  worked_by_team: string;
  /** Log-bin histograms (sketch.ts, `LogHistogram.toJson`) of first-response minutes and resolution hours. */
  fr_hist: string;
  res_hist: string;
}

/**
 * The worked instants of a case worked at two or more instants. A case worked before a period's
 * start and again in it is not counted by the roll-ups' `work_first`; the planner finds it here.
 */
export interface MetricWorkSpanTable {
  case_id: string;
  /** ⌈log2(max(1, (last_at − first_at) in minutes))⌉. */
  span_class: number;
  first_at: number;
  last_at: number;
  /** JSON `{"dims": [dims by SLICE_DIMENSIONS order …], "at": [[at, dims index] …]}`. */
  worked: string;
}

/** A case unanswered now with a first-response target: missed once `due_at` is before `asOf`. */
export interface MetricSlaPendingTable {
  case_id: string;
  opened_at: number;
  due_at: number;
  /** JSON: the slice values of the opening, in SLICE_DIMENSIONS order. */
  dims: string;
}
