import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client.ts";
import {
  documentPathOf,
  fieldErrorsOf,
  fieldErrorsOfProblems,
  firstFieldErrors,
  NO_FIELD_ERRORS,
  pathOf,
} from "./settings-errors.ts";

describe("documentPathOf", () => {
  it("strips the request part and the document's own key", () => {
    expect(documentPathOf("body.document.calendars.0.hours.mon.1", "body.document")).toBe(
      "calendars.0.hours.mon.1",
    );
    expect(documentPathOf("body.rules.2.patterns.accountId", "body.rules")).toBe(
      "2.patterns.accountId",
    );
    expect(documentPathOf("body.document", "body.document")).toBe("");
  });

  it("is null for fields outside the document", () => {
    expect(documentPathOf(undefined, "body.document")).toBeNull();
    expect(documentPathOf("body.baseVersion", "body.document")).toBeNull();
    expect(documentPathOf("body.documents.x", "body.document")).toBeNull();
  });
});

describe("pathOf", () => {
  it("joins names and indexes with dots", () => {
    expect(pathOf("calendars", 0, "hours", "mon", 1)).toBe("calendars.0.hours.mon.1");
  });
});

describe("fieldErrorsOf", () => {
  const invalid = new ApiError(
    400,
    "request.invalid",
    'calendars.0.hours.mon.1 end "25:00" is not a time of day',
    "body.document.calendars.0.hours.mon.1",
  );

  it("places the error at its exact path and within its ancestors", () => {
    const errors = fieldErrorsOf(invalid, "body.document");
    expect(errors.any).toBe(true);
    expect(errors.at("calendars.0.hours.mon.1")).toContain("25:00");
    expect(errors.within("calendars.0.hours.mon.1")).toContain("25:00");
    expect(errors.within("calendars.0.hours.mon")).toContain("25:00");
    expect(errors.at("calendars.0.hours.mon")).toBeUndefined();
    // A sibling whose name starts alike is not an ancestor.
    expect(errors.within("calendars.0.hours.mon.10")).toBeUndefined();
    expect(errors.within("calendars.1")).toBeUndefined();
  });

  it("leaves out the path the message starts with: the input shows where", () => {
    expect(fieldErrorsOf(invalid, "body.document").at("calendars.0.hours.mon.1")).toBe(
      'end "25:00" is not a time of day',
    );
    const other = new ApiError(400, "request.invalid", "must be a number", "body.document.weights");
    expect(fieldErrorsOf(other, "body.document").at("weights")).toBe("must be a number");
  });

  it("places every listed error with its own reason", () => {
    const incomplete = new ApiError(
      422,
      "handoff.checklist_incomplete",
      "required checklist items are missing",
      "body.checklist.account-verified",
      [
        { field: "body.checklist.account-verified", reason: "is required" },
        { field: "body.checklist.logs-attached", reason: "must be ticked" },
      ],
    );
    const errors = fieldErrorsOf(incomplete, "body.checklist");
    expect(errors.at("account-verified")).toBe("is required");
    expect(errors.at("logs-attached")).toBe("must be ticked");
    expect(errors.at("summary")).toBeUndefined();
  });

  it("finds nothing in errors that are not about a field", () => {
    expect(fieldErrorsOf(new Error("offline"), "body.document").any).toBe(false);
    expect(fieldErrorsOf(null, "body.document").any).toBe(false);
    const conflict = new ApiError(409, "settings.version_conflict", "moved on");
    expect(fieldErrorsOf(conflict, "body.document").any).toBe(false);
  });
});

describe("fieldErrorsOfProblems", () => {
  it("reads paths inside the document, the first message per path", () => {
    const errors = fieldErrorsOfProblems([
      { field: "rules.3.conditions.0.value", reason: "does not compile" },
      { field: "rules.3.conditions.0.value", reason: "second" },
    ]);
    expect(errors.at("rules.3.conditions.0.value")).toBe("does not compile");
    expect(errors.within("rules.3")).toBe("does not compile");
    expect(errors.within("rules.30")).toBeUndefined();
    expect(errors.any).toBe(true);
    expect(fieldErrorsOfProblems([]).any).toBe(false);
  });
});

describe("firstFieldErrors", () => {
  it("takes the first source that has errors", () => {
    const save = fieldErrorsOfProblems([{ field: "fallbackTeam", reason: "unknown team" }]);
    const check = fieldErrorsOfProblems([{ field: "rules.0.id", reason: "repeated" }]);
    expect(firstFieldErrors(NO_FIELD_ERRORS, check, save).at("rules.0.id")).toBe("repeated");
    expect(firstFieldErrors(save, check).at("rules.0.id")).toBeUndefined();
    expect(firstFieldErrors(NO_FIELD_ERRORS).any).toBe(false);
  });
});
