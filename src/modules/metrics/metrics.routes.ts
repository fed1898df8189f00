import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { CLIENT_ERRORS } from "../../http/common.schemas.js";
import {
  CatalogueResponse,
  HandoffsQuery,
  HandoffsResponse,
  KpiCasesQuery,
  KpiCasesResponse,
  ScorecardQuery,
  ScorecardResponse,
  SeriesQueryString,
  SeriesResponse,
  toHandoffsResponse,
  toKpiCasesResponse,
  toScorecardResponse,
  toSeriesResponse,
} from "./metrics.schemas.js";
import {
  computeScorecard,
  computeSeries,
  kpiCatalogue,
  listHandoffFlows,
  listKpiCases,
  type MetricsOptions,
  parseKpiNames,
  parseKpiQuery,
} from "./metrics.service.js";

const TAG = "metrics";

/** The metrics API: scorecards, series, the KPI catalogue, handoff flows, the cases behind a KPI. */
export const metricsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const optionsOf = (request: FastifyRequest): MetricsOptions => ({
    actor: request.actor,
    maxPeriodDays: app.config.metricsMaxPeriodDays,
    now: Date.now(),
  });

  app.get(
    "/metrics/scorecard",
    {
      config: { access: "metrics:read" },
      schema: {
        tags: [TAG],
        summary:
          "Every KPI over a period [from, to), one row per slice value with `by` (or one row `all`); slice filters as parameters",
        querystring: ScorecardQuery,
        response: { 200: ScorecardResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const options = optionsOf(request);
      const query = parseKpiQuery(
        {
          from: request.query.from,
          to: request.query.to,
          asOf: request.query.asOf,
          by: request.query.by,
          filter: request.query,
        },
        options,
      );
      return toScorecardResponse(await computeScorecard(app.store.db, query, options));
    },
  );

  app.get(
    "/metrics/series",
    {
      config: { access: "metrics:read" },
      schema: {
        tags: [TAG],
        summary:
          "Chosen KPIs per UTC time bucket (hour, day, week from Monday, month), every bucket present; one series per slice value with `by`",
        querystring: SeriesQueryString,
        response: { 200: SeriesResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const options = optionsOf(request);
      const metrics = parseKpiNames(request.query.metrics, options);
      const query = parseKpiQuery(
        {
          from: request.query.from,
          to: request.query.to,
          asOf: request.query.asOf,
          by: request.query.by,
          filter: request.query,
        },
        options,
      );
      return toSeriesResponse(
        await computeSeries(
          app.store.db,
          { ...query, bucket: request.query.bucket, metrics },
          options,
        ),
      );
    },
  );

  app.get(
    "/metrics/catalogue",
    {
      config: { access: "metrics:read" },
      schema: {
        tags: [TAG],
        summary: "Every KPI with its unit, exact definition and which way is better",
        response: { 200: CatalogueResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => [...kpiCatalogue(request.actor)],
  );

  app.get(
    "/metrics/handoffs",
    {
      config: { access: "metrics:read" },
      schema: {
        tags: [TAG],
        summary:
          "Team-to-team handoffs in a period [from, to), most first (a `team` filter keeps handoffs from or to it)",
        querystring: HandoffsQuery,
        response: { 200: HandoffsResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const options = optionsOf(request);
      const query = parseKpiQuery(
        { from: request.query.from, to: request.query.to, filter: request.query },
        options,
      );
      return toHandoffsResponse(await listHandoffFlows(app.store.db, query, options));
    },
  );

  app.get(
    "/metrics/cases",
    {
      config: { access: "metrics:read" },
      schema: {
        tags: [TAG],
        summary:
          "The cases behind a KPI value over a period and slice (opened, resolved, worked, answered or in the backlog, as the KPI counts them)",
        querystring: KpiCasesQuery,
        response: { 200: KpiCasesResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const options = optionsOf(request);
      const query = parseKpiQuery(
        {
          from: request.query.from,
          to: request.query.to,
          asOf: request.query.asOf,
          filter: request.query,
        },
        options,
      );
      return toKpiCasesResponse(
        await listKpiCases(
          app.store.db,
          {
            ...query,
            metric: request.query.metric,
            limit: request.query.limit,
            cursor: request.query.cursor,
          },
          options,
        ),
      );
    },
  );
};
