/**
 * The frame of an action dialog (the case page's, an agent's profile): a form in a modal with
 * submit and cancel, one request at a time, and the server's complaint next to its input (or
 * whole, when no input shows the field it names).
 */
import { type FormEvent, type ReactNode, useCallback, useState } from "react";
import { ApiError } from "../api/client.ts";
import { formFieldOf } from "../lib/form-errors.ts";
import { toError } from "../lib/to-error.ts";
import { ModalDialog } from "./modal-dialog.tsx";
import { ErrorState } from "./state-views.tsx";

/** Runs one request for a dialog and keeps its failure. */
export function useSubmit(onClose: () => void) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const run = useCallback(
    (request: () => Promise<void>) => {
      setBusy(true);
      setFailure(null);
      request().then(
        () => {
          setBusy(false);
          onClose();
        },
        (error: unknown) => {
          setBusy(false);
          setFailure(toError(error));
        },
      );
    },
    [onClose],
  );
  return { busy, failure, run };
}

/** The body field a failure is about (`to`, `type`, `status`…), or null. */
function failedField(failure: Error | null): string | null {
  return failure instanceof ApiError ? formFieldOf(failure.field) : null;
}

export function ActionForm({
  title,
  submitLabel,
  busy,
  failure,
  handledFields = [],
  onSubmit,
  onClose,
  children,
  testId,
}: {
  title: string;
  submitLabel: string;
  busy: boolean;
  failure: Error | null;
  /** Body fields whose errors the form shows next to their input. */
  handledFields?: readonly string[];
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
  testId: string;
}) {
  const field = failedField(failure);
  const generalFailure = failure !== null && (field === null || !handledFields.includes(field));
  return (
    <ModalDialog title={title} onClose={onClose} testId={testId}>
      <form
        className="form"
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
        {generalFailure && failure !== null ? <ErrorState error={failure} /> : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? "Saving…" : submitLabel}
          </button>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

export function messageFor(failure: Error | null, field: string): string | undefined {
  return failure !== null && failedField(failure) === field ? failure.message : undefined;
}
