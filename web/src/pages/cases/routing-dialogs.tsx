import { useCallback, useId, useState } from "react";
import { recategoriseCase, rerouteCase } from "../../api/cases.ts";
import { getSettings } from "../../api/settings.ts";
import type { CaseDetail } from "../../api/types.ts";
import { ActionForm, messageFor, useSubmit } from "../../components/action-form.tsx";
import { useDirectory } from "../../components/directory-provider.tsx";
import { FieldError } from "../../components/field-error.tsx";
import { ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { categoryOptions } from "../../lib/taxonomy.ts";
import type { CaseDialogProps } from "./case-dialog.ts";

/** What routing changed, in a sentence for the notice after a re-categorisation or re-route. */
function routingNotice(
  before: CaseDetail,
  after: CaseDetail,
  teamName: (id: string) => string,
): string {
  if (after.teamId !== before.teamId) return `Routed to ${teamName(after.teamId)}.`;
  if (after.queue !== before.queue) return `Now in the queue ${after.queue ?? "of the team"}.`;
  return `It stays with ${teamName(after.teamId)}.`;
}

/** Corrects the category from the taxonomy; with routing on, the case is routed again. */
export function CategoryDialog({ item, onDone, onClose }: CaseDialogProps) {
  const id = useId();
  const directory = useDirectory();
  const loadTaxonomy = useCallback((signal: AbortSignal) => getSettings("taxonomy", signal), []);
  const taxonomy = useAsync(loadTaxonomy);
  const [category, setCategory] = useState("");
  const { busy, failure, run } = useSubmit(onClose);
  const options = taxonomy.status === "ready" ? categoryOptions(taxonomy.data.document) : [];
  const error = messageFor(failure, "category");
  return (
    <ActionForm
      title="Change category"
      submitLabel="Change category"
      busy={busy}
      failure={failure}
      handledFields={["category"]}
      onSubmit={() =>
        run(async () => {
          const updated = await recategoriseCase(item.id, category.trim());
          onDone(
            updated,
            `Category set to ${updated.category}. ${routingNotice(item, updated, directory.teamName)}`,
          );
        })
      }
      onClose={onClose}
      testId="category-dialog"
    >
      <p className="muted">
        Now <span className="mono">{item.category}</span>. A correction counts as a
        misclassification of the category it was opened with; with routing on, the case is routed
        again under the new one.
      </p>
      {taxonomy.status === "loading" ? <LoadingState label="Loading categories…" /> : null}
      {taxonomy.status === "error" ? (
        <ErrorState error={taxonomy.error} onRetry={taxonomy.reload} />
      ) : null}
      {taxonomy.status === "ready" ? (
        <div className="form-field">
          <label htmlFor={id}>New category</label>
          {options.length === 0 ? (
            <input
              id={id}
              className="mono"
              value={category}
              required
              placeholder="billing/refund"
              aria-invalid={error !== undefined}
              onChange={(event) => setCategory(event.target.value)}
            />
          ) : (
            <select
              id={id}
              value={category}
              required
              aria-invalid={error !== undefined}
              onChange={(event) => setCategory(event.target.value)}
            >
              <option value="">Pick a category</option>
              {options
                .filter((option) => option.value !== item.category)
                .map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label} ({option.value})
                  </option>
                ))}
            </select>
          )}
          <FieldError message={error} />
        </div>
      ) : null}
    </ActionForm>
  );
}

/** Runs the routing rules in force on the case again. */
export function RouteDialog({ item, onDone, onClose }: CaseDialogProps) {
  const directory = useDirectory();
  const { busy, failure, run } = useSubmit(onClose);
  return (
    <ActionForm
      title="Route again"
      submitLabel="Route again"
      busy={busy}
      failure={failure}
      onSubmit={() =>
        run(async () => {
          const updated = await rerouteCase(item.id);
          onDone(updated, `Routed again. ${routingNotice(item, updated, directory.teamName)}`);
        })
      }
      onClose={onClose}
      testId="route-dialog"
    >
      <p>
        The routing rules in force decide the case's team, queue, priority, tags and required skills
        again, as for a new case: after its customer or the rules changed.
      </p>
    </ActionForm>
  );
}
