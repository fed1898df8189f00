import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client.ts";
import { documentPathOf, fieldErrorsOf, pathOf } from "./settings-errors.ts";

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
