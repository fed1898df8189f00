import { describe, expect, it } from "vitest";
import {
  CASE_FILTERS,
  CUSTOMER_FILTERS,
  countActiveFilters,
  EVENT_FILTERS,
  filtersToQuery,
  filtersToSearchParams,
  parseFilters,
} from "./query-filters.ts";

describe("parseFilters", () => {
  it("reads every filter of the schema, unset ones as empty", () => {
    const filters = parseFilters(
      CASE_FILTERS,
      new URLSearchParams("status=open&team=tm-billing&category=billing/refund"),
    );
    expect(filters).toEqual({
      status: "open",
      team: "tm-billing",
      agent: "",
      channel: "",
      priority: "",
      category: "billing/refund",
      customer: "",
    });
  });

  it("ignores a choice outside its options and unknown parameters", () => {
    const filters = parseFilters(
      CASE_FILTERS,
      new URLSearchParams("status=archived&priority=urgent&colour=blue"),
    );
    expect(filters.status).toBe("");
    expect(filters.priority).toBe("urgent");
    expect(filters).not.toHaveProperty("colour");
  });

  it("trims text", () => {
    expect(parseFilters(CUSTOMER_FILTERS, new URLSearchParams("q=%20ada%20")).q).toBe("ada");
  });

  it("accepts every event type from the shared vocabulary", () => {
    expect(parseFilters(EVENT_FILTERS, new URLSearchParams("type=case.handoff")).type).toBe(
      "case.handoff",
    );
    expect(parseFilters(EVENT_FILTERS, new URLSearchParams("type=case.deleted")).type).toBe("");
  });
});

describe("filtersToSearchParams", () => {
  it("writes set filters in schema order and drops empty ones", () => {
    const params = filtersToSearchParams(CASE_FILTERS, {
      status: "",
      team: "tm-1",
      agent: "",
      channel: "chat",
      priority: "",
      category: "",
      customer: "cus-9",
    });
    expect(params.toString()).toBe("team=tm-1&channel=chat&customer=cus-9");
  });

  it("round-trips through the query string", () => {
    const query = "status=pending_customer&priority=high&category=billing";
    const parsed = parseFilters(CASE_FILTERS, new URLSearchParams(query));
    expect(filtersToSearchParams(CASE_FILTERS, parsed).toString()).toBe(query);
  });

  it("does not write an invalid choice", () => {
    const values = { ...parseFilters(CASE_FILTERS, new URLSearchParams()), channel: "fax" };
    expect(filtersToSearchParams(CASE_FILTERS, values).toString()).toBe("");
  });
});

describe("filtersToQuery and countActiveFilters", () => {
  it("give the API only the filters that are set", () => {
    const values = parseFilters(CUSTOMER_FILTERS, new URLSearchParams("tier=gold&region=EMEA"));
    expect(filtersToQuery(CUSTOMER_FILTERS, values)).toEqual({ tier: "gold", region: "EMEA" });
    expect(countActiveFilters(CUSTOMER_FILTERS, values)).toBe(2);
  });
});
