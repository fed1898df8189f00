import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance } from "fastify";
import type { Config } from "./config.js";
import type { Store } from "./db/database.js";
import { installAuthentication } from "./http/authentication.js";
import { installErrorHandler, routeNotFound } from "./http/error-handler.js";
import { healthRoutes } from "./http/health.routes.js";
import { installPiiMasking } from "./http/pii-masking.js";
import { installRateLimits } from "./http/rate-limits.js";
import { typeboxValidatorCompiler } from "./http/validation.js";
import { agentRoutes } from "./modules/agents/agent.routes.js";
import { alertRoutes, alertRuleRoutes } from "./modules/alerts/alert.routes.js";
import { assignmentRoutes } from "./modules/assignment/assignment.routes.js";
import { auditRoutes } from "./modules/audit/audit.routes.js";
import { authRoutes } from "./modules/auth/auth.routes.js";
import { tokenRoutes } from "./modules/auth/token.routes.js";
import { caseRoutes } from "./modules/cases/case.routes.js";
import { caseActionRoutes } from "./modules/cases/case-actions.routes.js";
import { caseRuleRoutes } from "./modules/cases/case-rules.routes.js";
import { customerRoutes } from "./modules/customers/customer.routes.js";
import { digestRoutes, digestSettingsRoutes } from "./modules/digests/digest.routes.js";
import { escalationPolicyRoutes } from "./modules/escalations/escalation.routes.js";
import { eventRoutes } from "./modules/events/event.routes.js";
import { exportRoutes } from "./modules/exports/export.routes.js";
import { handoffRoutes, handoffTypeRoutes } from "./modules/handoffs/handoff.routes.js";
import { intakeRoutes } from "./modules/intake/intake.routes.js";
import { liveRoutes } from "./modules/live/live.routes.js";
import { metricsRoutes } from "./modules/metrics/metrics.routes.js";
import { notificationRoutes } from "./modules/notifications/notification.routes.js";
import { predictionRoutes } from "./modules/prediction/prediction.routes.js";
import { queueRoutes, queueSettingsRoutes } from "./modules/queues/queue.routes.js";
import { retentionRoutes } from "./modules/retention/retention.routes.js";
import { routingRoutes } from "./modules/routing/routing.routes.js";
import { routingReportRoutes } from "./modules/routing-reports/routing-reports.routes.js";
import { scorecardRoutes } from "./modules/scorecards/scorecard.routes.js";
import { calendarRoutes, caseSlaRoutes, slaPolicyRoutes } from "./modules/sla/sla.routes.js";
import { taxonomyRoutes } from "./modules/taxonomy/taxonomy.routes.js";
import { teamRoutes } from "./modules/teams/team.routes.js";
import { userRoutes } from "./modules/users/user.routes.js";
import { webhookRoutes, webhookSettingsRoutes } from "./modules/webhooks/webhook.routes.js";

declare module "fastify" {
  interface FastifyInstance {
    store: Store;
    config: Config;
  }
}

/** The Fastify app, without listening: the server listens, tests use `app.inject()`. */
export async function buildApp(config: Config, store: Store): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    // Stops slow clients from holding a connection while shutdown waits for it.
    requestTimeout: 30_000,
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate("store", store);
  app.decorate("config", config);
  app.setValidatorCompiler(typeboxValidatorCompiler);
  // The API speaks JSON only; anything else is a 415 rather than a string body to guess about.
  app.removeContentTypeParser("text/plain");
  installErrorHandler(app);
  await installRateLimits(app, config);
  await installAuthentication(app);
  installPiiMasking(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Throughline API",
        version: "1",
        description:
          "Customer-experience operations: cases, customers, journeys and the event log. " +
          'Errors are `{"error": {"code", "message", "field"}}`. Authenticate with ' +
          "`POST /api/v1/auth/login` (session cookie) or `Authorization: Bearer <token>`.",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: "throughline_session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes, { prefix: "/api" });
  await app.register(
    async (v1) => {
      await v1.register(authRoutes);
      await v1.register(userRoutes);
      await v1.register(tokenRoutes);
      await v1.register(teamRoutes);
      await v1.register(agentRoutes);
      await v1.register(customerRoutes);
      await v1.register(caseRoutes);
      await v1.register(caseActionRoutes);
      await v1.register(handoffRoutes);
      await v1.register(eventRoutes);
      await v1.register(auditRoutes);
      await v1.register(retentionRoutes);
      await v1.register(intakeRoutes);
      await v1.register(escalationPolicyRoutes);
      await v1.register(notificationRoutes);
      await v1.register(webhookSettingsRoutes);
      await v1.register(webhookRoutes);
      await v1.register(taxonomyRoutes);
      await v1.register(handoffTypeRoutes);
      await v1.register(caseRuleRoutes);
      await v1.register(calendarRoutes);
      await v1.register(slaPolicyRoutes);
      await v1.register(caseSlaRoutes);
      await v1.register(routingRoutes);
      await v1.register(routingReportRoutes);
      await v1.register(predictionRoutes);
      await v1.register(queueSettingsRoutes);
      await v1.register(queueRoutes);
      await v1.register(assignmentRoutes);
      await v1.register(metricsRoutes);
      await v1.register(scorecardRoutes);
      await v1.register(alertRuleRoutes);
      await v1.register(alertRoutes);
      await v1.register(exportRoutes);
      await v1.register(digestSettingsRoutes);
      await v1.register(digestRoutes);
      await v1.register(liveRoutes);
    },
    { prefix: "/api/v1" },
  );

  registerWebApp(app, config.webDir);
  return app;
}

/**
 * Serves the built React app; paths outside /api fall back to index.html so client-side routes
 * survive a reload. Unknown /api paths get the JSON 404.
 */
function registerWebApp(app: FastifyInstance, webDir: string): void {
  const webBuilt = fs.existsSync(path.join(webDir, "index.html"));
  if (webBuilt) {
    void app.register(fastifyStatic, { root: webDir, wildcard: false });
  } else {
    app.log.warn({ webDir }, "web app not built; serving the API only (run npm run build)");
  }
  app.setNotFoundHandler((request, reply) => {
    if (webBuilt && request.method === "GET" && !request.url.startsWith("/api/")) {
      return reply.type("text/html").sendFile("index.html");
    }
    return reply.status(404).send(routeNotFound(request.method, request.url));
  });
}
