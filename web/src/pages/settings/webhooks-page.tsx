import { useCallback } from "react";
import { EVENT_TYPES, type EventType } from "../../../../src/modules/events/event.types.ts";
import {
  MIN_SECRET_LENGTH,
  SECRET_MASK,
} from "../../../../src/modules/webhooks/webhook-settings.ts";
import { listWebhookDeliveries } from "../../api/settings.ts";
import type { WebhookEndpoint, WebhooksDocument } from "../../api/settings-types.ts";
import { DateTime } from "../../components/date-time.tsx";
import {
  CheckboxField,
  CheckChips,
  ListEditor,
  type ListItemControls,
  TextField,
} from "../../components/editor-controls.tsx";
import { labelledOptions } from "../../components/filter-controls.tsx";
import { useSessionUser } from "../../components/session-provider.tsx";
import {
  type EditorContext,
  SettingsEditorFrame,
  SettingsItemPanel,
  SettingsPage,
} from "../../components/settings-editor-frame.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { documentSource, useSettingsEditor } from "../../hooks/use-settings-editor.ts";
import { hasPermission } from "../../lib/access.ts";
import { uniqueId } from "../../lib/calendar-form.ts";
import { EVENT_TYPE_LABELS } from "../../lib/labels.ts";
import { pathOf } from "../../lib/settings-errors.ts";

/** `active` is optional on the wire; the editor always shows and sends it. */
const SOURCE = documentSource<"webhooks", WebhooksDocument>("webhooks", {
  toForm: (document) => ({
    endpoints: document.endpoints.map((endpoint) => ({
      ...endpoint,
      active: endpoint.active ?? true,
    })),
  }),
  toDocument: (form) => ({
    endpoints: form.endpoints.map((endpoint) => ({
      ...endpoint,
      id: endpoint.id.trim(),
      url: endpoint.url.trim(),
    })),
  }),
});

/** The events worth a webhook first: escalations and SLA events, then the rest. */
const FIRST_EVENTS: readonly EventType[] = [
  "case.escalated",
  "sla.at_risk",
  "sla.breached",
  "case.opened",
  "case.resolved",
  "case.reopened",
];
const EVENT_CHOICES = labelledOptions(
  [...FIRST_EVENTS, ...EVENT_TYPES.filter((type) => !FIRST_EVENTS.includes(type))],
  EVENT_TYPE_LABELS,
);

function EndpointEditor({
  endpoint,
  controls,
  context,
}: {
  endpoint: WebhookEndpoint;
  controls: ListItemControls<WebhookEndpoint>;
  context: EditorContext;
}) {
  const { errors } = context;
  const { index, onChange } = controls;
  const at = (...parts: (string | number)[]) => pathOf("endpoints", index, ...parts);
  const name = endpoint.id === "" ? `endpoint ${index + 1}` : endpoint.id;
  const stored = endpoint.secret === SECRET_MASK;
  return (
    <SettingsItemPanel
      testId="webhook-editor"
      title={endpoint.url === "" ? "New endpoint" : endpoint.url}
      name={name}
      controls={controls}
      readOnly={context.readOnly}
      error={errors.at(at())}
    >
      <div className="form-row">
        <TextField
          label="Id"
          ariaLabel={`Id of ${name}`}
          value={endpoint.id}
          onChange={(id) => onChange({ ...endpoint, id })}
          error={errors.within(at("id"))}
        />
        <TextField
          label="URL"
          ariaLabel={`URL of ${name}`}
          type="url"
          size={40}
          value={endpoint.url}
          placeholder="https://hooks.example.com/throughline"
          onChange={(url) => onChange({ ...endpoint, url })}
          error={errors.within(at("url"))}
        />
        <TextField
          label="Signing secret"
          ariaLabel={`Secret of ${name}`}
          value={endpoint.secret}
          onChange={(secret) => onChange({ ...endpoint, secret })}
          error={errors.within(at("secret"))}
          hint={
            stored
              ? "Stored and never shown. Leave it to keep it, or type a new one."
              : `At least ${MIN_SECRET_LENGTH} characters; shown only until saved.`
          }
        />
        <CheckboxField
          label="Active"
          checked={endpoint.active ?? true}
          onChange={(active) => onChange({ ...endpoint, active })}
          error={errors.within(at("active"))}
        />
      </div>
      <CheckChips
        legend="Events"
        options={EVENT_CHOICES}
        value={endpoint.events}
        onChange={(events) => onChange({ ...endpoint, events })}
        error={errors.within(at("events"))}
      />
    </SettingsItemPanel>
  );
}

function Deliveries() {
  const load = useCallback(
    (signal: AbortSignal) => listWebhookDeliveries({ limit: 20 }, signal),
    [],
  );
  const deliveries = useAsync(load);
  return (
    <section className="panel">
      <div className="panel-heading">
        <h2 className="panel-title">Latest deliveries</h2>
        <button type="button" className="button button-small" onClick={deliveries.reload}>
          Refresh
        </button>
      </div>
      {deliveries.status === "loading" ? <LoadingState label="Loading deliveries…" /> : null}
      {deliveries.status === "error" ? (
        <ErrorState error={deliveries.error} onRetry={deliveries.reload} />
      ) : null}
      {deliveries.status === "ready" && deliveries.data.items.length === 0 ? (
        <EmptyState>Nothing delivered yet.</EmptyState>
      ) : null}
      {deliveries.status === "ready" && deliveries.data.items.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th>Queued</th>
                <th>Endpoint</th>
                <th>Event</th>
                <th>Status</th>
                <th>Attempts</th>
                <th>Last answer</th>
                <th>Delivered</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.items.map((delivery) => (
                <tr key={delivery.id} data-testid="delivery-row">
                  <td className="nowrap">
                    <DateTime iso={delivery.createdAt} />
                  </td>
                  <td className="mono">{delivery.endpointId}</td>
                  <td>{delivery.eventType}</td>
                  <td>
                    <span className={`badge delivery-${delivery.status}`}>{delivery.status}</span>
                  </td>
                  <td>{delivery.attempts}</td>
                  <td>
                    {delivery.lastStatus === null ? "" : `HTTP ${delivery.lastStatus} `}
                    {delivery.lastError === null ? null : (
                      <span className="muted">{delivery.lastError}</span>
                    )}
                  </td>
                  <td className="nowrap">
                    <DateTime iso={delivery.deliveredAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function WebhooksEditor() {
  const editor = useSettingsEditor(SOURCE);
  const user = useSessionUser();
  return (
    <>
      <SettingsEditorFrame
        title="Webhooks"
        description="Endpoints that receive events as signed JSON (escalation steps, SLA at-risk and breach events, and any other event type they subscribe to)."
        noun="the webhooks"
        editor={editor}
      >
        {(draft, setDraft, context) => (
          <ListEditor
            items={draft.endpoints}
            update={(change) => setDraft((current) => ({ endpoints: change(current.endpoints) }))}
            create={(current): WebhookEndpoint => ({
              id: uniqueId(
                "endpoint",
                current.map((endpoint) => endpoint.id),
              ),
              url: "",
              secret: "",
              events: ["case.escalated", "sla.breached"],
              active: true,
            })}
            addLabel="Add endpoint"
            readOnly={context.readOnly}
            error={context.errors.at("endpoints")}
            empty="No endpoints: events stay in the app."
          >
            {(endpoint, controls) => (
              <EndpointEditor endpoint={endpoint} controls={controls} context={context} />
            )}
          </ListEditor>
        )}
      </SettingsEditorFrame>
      {hasPermission(user.permissions, "settings:write") ? <Deliveries /> : null}
    </>
  );
}

export function WebhooksPage() {
  return (
    <SettingsPage title="Webhooks">
      <WebhooksEditor />
    </SettingsPage>
  );
}
