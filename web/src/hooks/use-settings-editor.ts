import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "../api/client.ts";
import {
  getSettings,
  type SettingsDocuments,
  type SettingsKind,
  saveSettings,
} from "../api/settings.ts";
import { type FieldErrors, fieldErrorsOf } from "../lib/settings-errors.ts";
import { toError } from "../lib/to-error.ts";
import { type AsyncState, useAsync } from "./use-async.ts";

/** One saved version of a settings document, as GET and PUT answer. */
export interface SavedVersion<D> {
  version: number;
  createdAt: string | null;
  createdBy: string | null;
  document: D;
}

/** How an editor loads, saves and converts one kind of document. */
export interface SettingsSource<D, F> {
  load: (signal: AbortSignal) => Promise<SavedVersion<D>>;
  /** Saves on top of `baseVersion`; rejects with a 409 ApiError when the document moved on. */
  save: (document: D, baseVersion: number) => Promise<SavedVersion<D>>;
  toForm: (document: D) => F;
  toDocument: (form: F) => D;
  /** How the server names the document in error fields: `body.document`, `body.rules`. */
  fieldPrefix: string;
}

/** The source of a settings document kind (GET and PUT /api/v1/<kind>), edited as it is. */
export function documentSource<K extends SettingsKind>(
  kind: K,
): SettingsSource<SettingsDocuments[K], SettingsDocuments[K]>;
/** The source of a settings document kind, edited as the form `F` that `convert` maps it to. */
export function documentSource<K extends SettingsKind, F>(
  kind: K,
  convert: Pick<SettingsSource<SettingsDocuments[K], F>, "toForm" | "toDocument">,
): SettingsSource<SettingsDocuments[K], F>;
export function documentSource<K extends SettingsKind>(
  kind: K,
  convert?: Pick<
    SettingsSource<SettingsDocuments[K], SettingsDocuments[K]>,
    "toForm" | "toDocument"
  >,
): SettingsSource<SettingsDocuments[K], SettingsDocuments[K]> {
  return {
    load: (signal) => getSettings(kind, signal),
    save: (document, baseVersion) => saveSettings(kind, document, baseVersion),
    toForm: convert?.toForm ?? ((document) => document),
    toDocument: convert?.toDocument ?? ((form) => form),
    fieldPrefix: "body.document",
  };
}

export interface SettingsEditor<D, F> {
  loaded: AsyncState<SavedVersion<D>>;
  /** The version being edited (the last loaded or saved). */
  base: SavedVersion<D> | null;
  draft: F | null;
  /** Whether the draft differs from what was loaded or saved. */
  changed: boolean;
  setDraft: (update: (draft: F) => F) => void;
  save: () => void;
  discard: () => void;
  /** Loads the version in force again, dropping the draft. */
  reload: () => void;
  saving: boolean;
  failure: Error | null;
  /** The failure was a version conflict: someone saved since `base`. */
  conflict: boolean;
  fieldErrors: FieldErrors;
  /** The version number of the last successful save in this editor. */
  savedVersion: number | null;
}

/** Status codes a settings save answers when the document changed under the editor. */
export function isVersionConflict(error: Error | null): boolean {
  return error instanceof ApiError && error.status === 409;
}

/**
 * Edits a versioned settings document: loads it, keeps a form draft, saves the draft as the next
 * version on top of the loaded one, and keeps the server's complaint (field errors, conflicts).
 */
export function useSettingsEditor<D, F>(source: SettingsSource<D, F>): SettingsEditor<D, F> {
  const loaded = useAsync(source.load);
  const [base, setBase] = useState<SavedVersion<D> | null>(null);
  const [draft, setDraftState] = useState<F | null>(null);
  const [changed, setChanged] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const { toForm, toDocument, save: saveDocument, fieldPrefix } = source;

  const loadedData = loaded.status === "ready" ? loaded.data : null;
  useEffect(() => {
    if (loadedData === null) return;
    setBase(loadedData);
    setDraftState(toForm(loadedData.document));
    setChanged(false);
    setFailure(null);
  }, [loadedData, toForm]);

  const setDraft = useCallback((update: (draft: F) => F) => {
    setDraftState((current) => (current === null ? current : update(current)));
    setChanged(true);
    setSavedVersion(null);
  }, []);

  const save = useCallback(() => {
    if (base === null || draft === null) return;
    setSaving(true);
    setFailure(null);
    setSavedVersion(null);
    saveDocument(toDocument(draft), base.version).then(
      (saved) => {
        setSaving(false);
        setBase(saved);
        setDraftState(toForm(saved.document));
        setChanged(false);
        setSavedVersion(saved.version);
      },
      (error: unknown) => {
        setSaving(false);
        setFailure(toError(error));
      },
    );
  }, [base, draft, saveDocument, toDocument, toForm]);

  const discard = useCallback(() => {
    if (base === null) return;
    setDraftState(toForm(base.document));
    setChanged(false);
    setFailure(null);
  }, [base, toForm]);

  const { reload: reloadLoaded } = loaded;
  const reload = useCallback(() => {
    setSavedVersion(null);
    reloadLoaded();
  }, [reloadLoaded]);

  const fieldErrors = useMemo(() => fieldErrorsOf(failure, fieldPrefix), [failure, fieldPrefix]);

  return {
    loaded,
    base,
    draft,
    changed,
    setDraft,
    save,
    discard,
    reload,
    saving,
    failure,
    conflict: isVersionConflict(failure),
    fieldErrors,
    savedVersion,
  };
}
