import { describe, expect, it } from "vitest";
import { formFieldOf } from "./form-errors.ts";

describe("formFieldOf", () => {
  it("names the top-level body field", () => {
    expect(formFieldOf("body.email")).toBe("email");
    expect(formFieldOf("body.grants.0.role")).toBe("grants");
  });

  it("is null for errors not about one body field", () => {
    expect(formFieldOf(undefined)).toBeNull();
    expect(formFieldOf("body")).toBeNull();
    expect(formFieldOf("params.id")).toBeNull();
  });
});
