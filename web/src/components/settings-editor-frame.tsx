import type { FormEvent, ReactNode } from "react";
import { usePageTitle } from "../hooks/use-page-title.ts";
import type { SettingsEditor } from "../hooks/use-settings-editor.ts";
import { hasPermission } from "../lib/access.ts";
import type { FieldErrors } from "../lib/settings-errors.ts";
import { DateTime } from "./date-time.tsx";
import { ItemActions, type ListItemControls } from "./editor-controls.tsx";
import { FieldError } from "./field-error.tsx";
import { PageHeader } from "./page-header.tsx";
import { RequirePermission } from "./require-permission.tsx";
import { useSessionUser } from "./session-provider.tsx";
import { ErrorState, LoadingState } from "./state-views.tsx";

export interface EditorContext {
  /** Holders of settings:read only see the document; every input is disabled for them. */
  readOnly: boolean;
  errors: FieldErrors;
}

function VersionLine({
  version,
  createdAt,
  createdBy,
}: {
  version: number;
  createdAt: string | null;
  createdBy: string | null;
}) {
  if (version === 0) {
    return <span data-testid="settings-version">Never saved: the defaults are in force.</span>;
  }
  return (
    <span data-testid="settings-version" data-version={version}>
      Version {version} · saved <DateTime iso={createdAt} />
      {createdBy === null ? null : ` by ${createdBy}`}
    </span>
  );
}

/**
 * The frame of every settings screen: the version in force, loading and error states, the form
 * with Save and Discard, a clear notice when someone else saved first (409), and the server's
 * field errors summarised above the form (each is also shown next to its input).
 */
export function SettingsEditorFrame<D, F>({
  title,
  description,
  noun,
  editor,
  fieldErrors = editor.fieldErrors,
  actions,
  aside,
  children,
}: {
  title: string;
  description: ReactNode;
  /** What the document is, in a sentence: "the calendars". */
  noun: string;
  editor: SettingsEditor<D, F>;
  /** The errors shown at the inputs, where more than the last save can complain (a check). */
  fieldErrors?: FieldErrors;
  /** More buttons after Save and Discard (they must not submit the form). */
  actions?: ReactNode;
  /** Shown beside the form on wide screens, below it on narrow ones (a test panel). */
  aside?: ReactNode;
  children: (
    draft: F,
    setDraft: (update: (draft: F) => F) => void,
    context: EditorContext,
  ) => ReactNode;
}) {
  const user = useSessionUser();
  const canWrite = hasPermission(user.permissions, "settings:write");
  const { loaded, base, draft } = editor;

  if (loaded.status === "loading" && base === null)
    return <LoadingState label={`Loading ${noun}…`} />;
  if (loaded.status === "error" && base === null) {
    return (
      <>
        <PageHeader title={title} subtitle={description} />
        <ErrorState error={loaded.error} onRetry={editor.reload} />
      </>
    );
  }
  if (base === null || draft === null) return <LoadingState label={`Loading ${noun}…`} />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    editor.save();
  };
  const readOnly = !canWrite;
  const otherFailure =
    editor.failure !== null && !editor.conflict && !editor.fieldErrors.any ? editor.failure : null;

  const form = (
    <form className="form settings-form" onSubmit={onSubmit} aria-label={title}>
      <fieldset className="settings-fieldset" disabled={readOnly || editor.saving}>
        {children(draft, editor.setDraft, { readOnly, errors: fieldErrors })}
      </fieldset>
      {readOnly ? null : (
        <div className="form-actions settings-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={editor.saving || !editor.changed}
          >
            {editor.saving ? "Saving…" : "Save"}
          </button>
          <button
            type="button"
            className="button"
            onClick={editor.discard}
            disabled={editor.saving || !editor.changed}
          >
            Discard changes
          </button>
          {actions}
          {editor.changed ? <span className="muted">Unsaved changes</span> : null}
        </div>
      )}
    </form>
  );

  return (
    <>
      <PageHeader
        title={title}
        subtitle={
          <>
            {description}
            <br />
            <VersionLine {...base} />
          </>
        }
      />
      {readOnly ? (
        <p className="notice" data-testid="settings-read-only">
          You can read these settings; changing them needs the settings:write permission.
        </p>
      ) : null}
      {editor.savedVersion === null ? null : (
        <p className="notice notice-success" role="status" data-testid="settings-saved">
          Saved as version {editor.savedVersion}.
        </p>
      )}
      {editor.conflict ? (
        <div className="banner banner-broken" role="alert" data-testid="version-conflict">
          <span className="banner-text">
            <strong>Not saved: someone else changed {noun} meanwhile.</strong> You edited version{" "}
            {base.version}, and a newer version has been saved since. Load the latest version to see
            it; your unsaved changes here will be lost, so note them first.
          </span>
          <button type="button" className="button" onClick={editor.reload}>
            Load the latest version
          </button>
        </div>
      ) : null}
      {editor.fieldErrors.any && !editor.conflict && editor.failure !== null ? (
        <p className="form-error" role="alert" data-testid="settings-invalid">
          Not saved: {editor.failure.message}. The field is marked below.
        </p>
      ) : null}
      {otherFailure === null ? null : <ErrorState error={otherFailure} />}
      {aside === undefined ? (
        form
      ) : (
        <div className="settings-with-aside">
          <div className="settings-main">{form}</div>
          <aside className="settings-aside">{aside}</aside>
        </div>
      )}
    </>
  );
}

/**
 * A settings screen's route: the browser tab's title, and the editor for holders of
 * settings:read. `pageTitle` is the tab's title where it is shorter than `title`.
 */
export function SettingsPage({
  title,
  pageTitle = title,
  children,
}: {
  title: string;
  pageTitle?: string;
  children: ReactNode;
}) {
  usePageTitle(pageTitle);
  return (
    <RequirePermission anyOf={["settings:read"]} title={title}>
      {children}
    </RequirePermission>
  );
}

/**
 * The panel of one item of a settings list: its title (numbered where order matters), its
 * move/remove actions for writers, the server's complaint about the item as a whole, then its
 * inputs. `heading` replaces the title where the item is edited in its heading.
 */
export function SettingsItemPanel({
  testId,
  dataAttributes,
  title,
  heading,
  numbered = false,
  name,
  controls,
  readOnly,
  error,
  children,
}: {
  testId: string;
  dataAttributes?: Record<`data-${string}`, string>;
  title?: ReactNode;
  heading?: ReactNode;
  numbered?: boolean;
  /** What the item is called, for the actions' accessible names. */
  name: string;
  controls: Omit<ListItemControls<unknown>, "onChange">;
  readOnly: boolean;
  error: string | undefined;
  children: ReactNode;
}) {
  return (
    <section className="panel settings-item" data-testid={testId} {...dataAttributes}>
      <div className="panel-heading">
        {heading ?? (
          <h2 className="panel-title">
            {numbered ? <span className="position-tag">{controls.index + 1}</span> : null}
            {title}
          </h2>
        )}
        {readOnly ? null : (
          <ItemActions
            name={name}
            index={controls.index}
            count={controls.count}
            onMove={controls.onMove}
            onRemove={controls.onRemove}
          />
        )}
      </div>
      <FieldError message={error} />
      {children}
    </section>
  );
}
