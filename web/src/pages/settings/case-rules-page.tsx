import { TextField } from "../../components/editor-controls.tsx";
import { SettingsEditorFrame, SettingsPage } from "../../components/settings-editor-frame.tsx";
import { documentSource, useSettingsEditor } from "../../hooks/use-settings-editor.ts";
import { numberFromText, textFromNumber } from "../../lib/number-text.ts";

interface CaseRulesDraft {
  reopenWindowDays: string;
  recontactWindowDays: string;
}

const SOURCE = documentSource<"case-rules", CaseRulesDraft>("case-rules", {
  toForm: (document) => ({
    reopenWindowDays: textFromNumber(document.reopenWindowDays),
    recontactWindowDays: textFromNumber(document.recontactWindowDays),
  }),
  toDocument: (draft) => ({
    reopenWindowDays: numberFromText(draft.reopenWindowDays),
    recontactWindowDays: numberFromText(draft.recontactWindowDays),
  }),
});

function CaseRulesEditor() {
  const editor = useSettingsEditor(SOURCE);
  return (
    <SettingsEditorFrame
      title="Case rules"
      description="How long a resolved case may be reopened, and how soon a new case of the same customer and top-level category counts as a recontact of a resolved one."
      noun="the case rules"
      editor={editor}
    >
      {(draft, setDraft, { errors }) => (
        <section className="panel">
          <div className="form-row">
            <TextField
              label="Reopen window (days)"
              value={draft.reopenWindowDays}
              inputMode="decimal"
              size={6}
              onChange={(reopenWindowDays) =>
                setDraft((current) => ({ ...current, reopenWindowDays }))
              }
              error={errors.within("reopenWindowDays")}
              hint="After this, a resolved case can only be closed; the customer opens a new one."
            />
            <TextField
              label="Recontact window (days)"
              value={draft.recontactWindowDays}
              inputMode="decimal"
              size={6}
              onChange={(recontactWindowDays) =>
                setDraft((current) => ({ ...current, recontactWindowDays }))
              }
              error={errors.within("recontactWindowDays")}
              hint="A new case within this many days of a resolution is linked to it as a recontact."
            />
          </div>
        </section>
      )}
    </SettingsEditorFrame>
  );
}

export function CaseRulesPage() {
  return (
    <SettingsPage title="Case rules">
      <CaseRulesEditor />
    </SettingsPage>
  );
}
