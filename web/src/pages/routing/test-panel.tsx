import { type FormEvent, useCallback, useId, useState } from "react";
import { CHANNELS, PRIORITIES } from "../../../../src/modules/events/event.types.ts";
import {
  type RoutingRuleSet,
  type RoutingTestResult,
  testRoutingRules,
} from "../../api/routing.ts";
import { getSettings } from "../../api/settings.ts";
import { useTeamOptions } from "../../components/directory-provider.tsx";
import { SelectField, TextField } from "../../components/editor-controls.tsx";
import { FieldError } from "../../components/field-error.tsx";
import { labelledOptions } from "../../components/filter-controls.tsx";
import { ErrorState } from "../../components/state-views.tsx";
import { TagListInput } from "../../components/tag-list-input.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { CHANNEL_LABELS, PRIORITY_LABELS } from "../../lib/labels.ts";
import {
  type CustomerMode,
  newTestCaseDraft,
  parsePastedCase,
  type TestCaseDraft,
  type TestCustomerDraft,
  testInputOf,
} from "../../lib/routing-test-form.ts";
import { fieldErrorsOf } from "../../lib/settings-errors.ts";
import { categoryOptions } from "../../lib/taxonomy.ts";
import { toError } from "../../lib/to-error.ts";
import { TestResult } from "./test-result.tsx";

const CHANNEL_OPTIONS = labelledOptions(CHANNELS, CHANNEL_LABELS);
const PRIORITY_OPTIONS = labelledOptions(PRIORITIES, PRIORITY_LABELS);
const CUSTOMER_MODES: { value: CustomerMode; label: string }[] = [
  { value: "none", label: "None (unknown)" },
  { value: "id", label: "An existing customer" },
  { value: "attributes", label: "Attributes to try" },
];
const ATTRIBUTE_FIELDS = [
  { key: "tier", label: "Tier", placeholder: "gold" },
  { key: "segment", label: "Segment", placeholder: "enterprise" },
  { key: "region", label: "Region", placeholder: "emea" },
  { key: "language", label: "Language", placeholder: "de" },
  { key: "openCases", label: "Open cases", placeholder: "0" },
  { key: "casesLast30Days", label: "Cases, 30 days", placeholder: "0" },
  { key: "recentRecontacts", label: "Recontacts, 30 days", placeholder: "0" },
] as const satisfies readonly {
  key: keyof TestCustomerDraft;
  label: string;
  placeholder: string;
}[];

/** The taxonomy's categories, suggested while typing the test case's category. */
function CategorySuggestions({ id }: { id: string }) {
  const load = useCallback((signal: AbortSignal) => getSettings("taxonomy", signal), []);
  const taxonomy = useAsync(load);
  const options = taxonomy.status === "ready" ? categoryOptions(taxonomy.data.document) : [];
  return (
    <datalist id={id}>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </datalist>
  );
}

function PasteBox({
  draft,
  onFill,
}: {
  draft: TestCaseDraft;
  onFill: (draft: TestCaseDraft) => void;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const fill = () => {
    const result = parsePastedCase(text, draft);
    if (result.ok) {
      onFill(result.draft);
      setProblem(null);
    } else {
      setProblem(result.reason);
    }
  };
  return (
    <div className="form-field paste-box">
      <label htmlFor={id}>Paste a case</label>
      <textarea
        id={id}
        rows={3}
        value={text}
        placeholder={'{"channel": "email", "category": "billing/refund", …} or a message'}
        aria-invalid={problem !== null}
        onChange={(event) => setText(event.target.value)}
      />
      <span className="field-hint">
        A case or event as the API shows it (JSON), or the text of a message: its first line is the
        subject.
      </span>
      <FieldError message={problem ?? undefined} />
      <div>
        <button type="button" className="button button-small" onClick={fill}>
          Fill in from the paste
        </button>
      </div>
    </div>
  );
}

/**
 * The rule editor's test panel: a case (pasted or filled in) and its customer, tried against the
 * draft or the rules in force. The answer shows where the case would go and, for every rule,
 * whether it fired and what each condition found. A draft the server refuses is reported through
 * `onFailure`, so the editor marks the input at fault.
 */
export function TestPanel({
  draft,
  version,
  changed,
  onFailure,
}: {
  /** The editor's draft as a document. */
  draft: RoutingRuleSet;
  /** The version in force. */
  version: number;
  /** Whether the draft differs from the version in force. */
  changed: boolean;
  onFailure: (failure: Error | null, tried: RoutingRuleSet | undefined) => void;
}) {
  const ids = { body: useId(), categories: useId(), target: useId() };
  const teamOptions = useTeamOptions();
  const [testCase, setTestCase] = useState<TestCaseDraft>(newTestCaseDraft);
  const [target, setTarget] = useState<"draft" | "saved">("draft");
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<RoutingTestResult | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);

  const set = <K extends keyof TestCaseDraft>(key: K, value: TestCaseDraft[K]) =>
    setTestCase((current) => ({ ...current, [key]: value }));
  const setCustomer = (change: Partial<TestCustomerDraft>) =>
    setTestCase((current) => ({ ...current, customer: { ...current.customer, ...change } }));

  const run = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const tried = target === "draft" ? draft : undefined;
    setRunning(true);
    setFailure(null);
    testRoutingRules(testInputOf(testCase, tried)).then(
      (answer) => {
        setRunning(false);
        setResult(answer);
        onFailure(null, tried);
      },
      (error: unknown) => {
        const failed = toError(error);
        setRunning(false);
        setResult(null);
        setFailure(failed);
        onFailure(failed, tried);
      },
    );
  };

  const errors = fieldErrorsOf(failure, "body");
  const documentProblem = errors.within("document");
  const handled = errors.within("case") ?? errors.within("customer") ?? documentProblem;
  const otherFailure = failure !== null && handled === undefined ? failure : null;
  const customer = testCase.customer;

  return (
    <section className="panel test-panel" data-testid="routing-test-panel">
      <h2 className="panel-title">Test a case</h2>
      <form className="form" aria-label="Test a case" onSubmit={run}>
        <PasteBox draft={testCase} onFill={setTestCase} />
        <div className="form-row">
          <SelectField
            label="Channel"
            value={testCase.channel}
            options={CHANNEL_OPTIONS}
            onChange={(channel) => set("channel", channel as TestCaseDraft["channel"])}
            error={errors.within("case.channel")}
          />
          <SelectField
            label="Priority"
            value={testCase.priority}
            options={PRIORITY_OPTIONS}
            onChange={(priority) => set("priority", priority as TestCaseDraft["priority"])}
            error={errors.within("case.priority")}
          />
          <TextField
            label="Category"
            value={testCase.category}
            placeholder="billing/refund"
            suggestions={ids.categories}
            onChange={(category) => set("category", category)}
            error={errors.within("case.category")}
          />
          <SelectField
            label="Opened for team"
            value={testCase.team}
            options={teamOptions}
            emptyLabel="No team"
            onChange={(team) => set("team", team)}
            error={errors.within("case.team")}
          />
        </div>
        <CategorySuggestions id={ids.categories} />
        <TextField
          label="Subject"
          value={testCase.subject}
          className="wide-field"
          onChange={(subject) => set("subject", subject)}
          error={errors.within("case.subject")}
        />
        <div className="form-field wide-field">
          <label htmlFor={ids.body}>Body</label>
          <textarea
            id={ids.body}
            rows={3}
            value={testCase.body}
            aria-invalid={errors.within("case.body") !== undefined}
            onChange={(event) => set("body", event.target.value)}
          />
          <FieldError message={errors.within("case.body")} />
        </div>
        <TagListInput
          label="Tags"
          ariaLabel="Tags of the test case"
          values={testCase.tags}
          onChange={(tags) => set("tags", tags)}
          error={errors.within("case.tags")}
        />
        <div className="form-section">
          <h3 className="form-section-title">Customer</h3>
          <SelectField
            label="Given as"
            value={customer.mode}
            options={CUSTOMER_MODES}
            onChange={(mode) => setCustomer({ mode: mode as CustomerMode })}
          />
          {customer.mode === "id" ? (
            <TextField
              label="Customer id"
              value={customer.id}
              className="mono-input"
              onChange={(id) => setCustomer({ id })}
              error={errors.within("customer")}
              hint="Their attributes and history (open cases, recontacts) are read."
            />
          ) : null}
          {customer.mode === "attributes" ? (
            <div className="form-row">
              {ATTRIBUTE_FIELDS.map((field) => (
                <TextField
                  key={field.key}
                  label={field.label}
                  value={customer[field.key]}
                  placeholder={field.placeholder}
                  size={10}
                  className="short-field"
                  onChange={(value) => setCustomer({ [field.key]: value })}
                  error={errors.within(`customer.${field.key}`)}
                />
              ))}
              <FieldError message={errors.at("customer")} />
            </div>
          ) : null}
        </div>
        <div className="form-actions">
          <div className="form-field">
            <label htmlFor={ids.target}>Try</label>
            <select
              id={ids.target}
              value={target}
              onChange={(event) => setTarget(event.target.value === "saved" ? "saved" : "draft")}
            >
              <option value="draft">{changed ? "The draft (unsaved)" : "The draft"}</option>
              <option value="saved">In force: version {version}</option>
            </select>
          </div>
          <button type="submit" className="button button-primary" disabled={running}>
            {running ? "Testing…" : "Run test"}
          </button>
        </div>
      </form>
      {documentProblem === undefined ? null : (
        <p className="form-error" role="alert" data-testid="test-draft-invalid">
          The draft cannot be tried: {documentProblem}. The field is marked in the editor.
        </p>
      )}
      {otherFailure === null ? null : <ErrorState error={otherFailure} />}
      {result === null ? null : <TestResult result={result} />}
    </section>
  );
}
