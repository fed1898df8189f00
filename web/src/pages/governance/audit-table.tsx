import { Fragment, useState } from "react";
import type { AuditEntry } from "../../api/types.ts";
import { DateTime } from "../../components/date-time.tsx";
import {
  type ChangeSummary,
  describeAuditActor,
  formatJson,
  shortHash,
  summarizeChange,
} from "../../lib/audit.ts";

const COLUMN_COUNT = 8;

function ChangeCell({ change }: { change: ChangeSummary }) {
  switch (change.kind) {
    case "created":
      return <span className="badge change-created">Created</span>;
    case "removed":
      return <span className="badge change-removed">Removed</span>;
    case "none":
      return <span className="muted">—</span>;
    case "updated":
      return (
        <span className="chips">
          {change.fields.map((field) => (
            <span key={field} className="chip">
              {field}
            </span>
          ))}
        </span>
      );
  }
}

function EntryDetail({ entry }: { entry: AuditEntry }) {
  return (
    <div className="audit-detail" data-testid="audit-detail">
      <div className="audit-images">
        <div>
          <h3 className="form-section-title">Before</h3>
          <pre className="json">{formatJson(entry.before)}</pre>
        </div>
        <div>
          <h3 className="form-section-title">After</h3>
          <pre className="json">{formatJson(entry.after)}</pre>
        </div>
      </div>
      <dl className="hash-list">
        <div>
          <dt>Entry hash</dt>
          <dd className="mono">{entry.hash}</dd>
        </div>
        <div>
          <dt>Previous hash</dt>
          <dd className="mono">{entry.prevHash}</dd>
        </div>
        <div>
          <dt>Payload hash</dt>
          <dd className="mono">{entry.payloadHash}</dd>
        </div>
      </dl>
    </div>
  );
}

/**
 * Audit entries, newest first as the server sends them. A row opens to show the before and
 * after images and the hashes that chain it to the entry before. Clicking an actor or an action
 * filters by it.
 */
export function AuditTable({
  entries,
  userName,
  onFilter,
}: {
  entries: readonly AuditEntry[];
  userName: (id: string) => string | undefined;
  onFilter: (name: "actor" | "action", value: string) => void;
}) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (seq: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });

  return (
    <div className="table-wrap">
      <table className="data-table audit-table">
        <thead>
          <tr>
            <th aria-label="Details" />
            <th>Seq</th>
            <th>At</th>
            <th>Actor</th>
            <th>Action</th>
            <th>Target</th>
            <th>Changed</th>
            <th>Hash</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const isOpen = open.has(entry.seq);
            const change = summarizeChange(entry.before, entry.after);
            return (
              <Fragment key={entry.seq}>
                <tr data-testid="audit-row" data-seq={entry.seq}>
                  <td>
                    <button
                      type="button"
                      className="button button-small disclosure"
                      aria-expanded={isOpen}
                      aria-label={`${isOpen ? "Hide" : "Show"} entry #${entry.seq}`}
                      onClick={() => toggle(entry.seq)}
                    >
                      {isOpen ? "▾" : "▸"}
                    </button>
                  </td>
                  <td className="mono muted">{entry.seq}</td>
                  <td className="nowrap">
                    <DateTime iso={entry.at} />
                  </td>
                  <td className="nowrap">
                    <button
                      type="button"
                      className="link-button"
                      title={`Only entries by ${entry.actor}`}
                      onClick={() => onFilter("actor", entry.actor)}
                    >
                      {describeAuditActor(entry.actor, userName)}
                    </button>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link-button mono"
                      title={`Only ${entry.action} entries`}
                      onClick={() => onFilter("action", entry.action)}
                    >
                      {entry.action}
                    </button>
                  </td>
                  <td className="mono">
                    {entry.targetKind}
                    {entry.targetId === null ? null : (
                      <span className="muted"> {entry.targetId}</span>
                    )}
                  </td>
                  <td>
                    <ChangeCell change={change} />
                  </td>
                  <td className="mono muted" title={entry.hash}>
                    {shortHash(entry.hash)}
                  </td>
                </tr>
                {isOpen ? (
                  <tr className="detail-row">
                    <td colSpan={COLUMN_COUNT}>
                      <EntryDetail entry={entry} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
