import Type from "typebox";
import { describe, expect, it } from "vitest";
import { maskBySchema, maskPersonalField, maskPersonalValue, personalValueKind } from "./pii.js";

describe("maskPersonalValue", () => {
  it("keeps the first character and the domain of an email", () => {
    expect(maskPersonalValue("email", "ada@example.com")).toBe("a•••@example.com");
    expect(maskPersonalValue("email", "Grace.Hopper@navy.mil")).toBe("G•••@navy.mil");
    // The last @ separates the domain, so a quoted local part does not leak it.
    expect(maskPersonalValue("email", '"a@b"@example.org')).toBe('"•••@example.org');
    expect(maskPersonalValue("email", "@example.com")).toBe("•••@example.com");
    expect(maskPersonalValue("email", "not-an-address")).toBe("n•••");
  });

  it("keeps the last two digits of a phone number", () => {
    expect(maskPersonalValue("phone", "+44 20 7946 0958")).toBe("•••58");
    expect(maskPersonalValue("phone", "(555) 010-99")).toBe("•••99");
    expect(maskPersonalValue("phone", "1234")).toBe("•••");
  });

  it("keeps the first character of names and free text", () => {
    expect(maskPersonalValue("text", "Ada Lovelace")).toBe("A•••");
    expect(maskPersonalValue("text", "  padded")).toBe("p•••");
    expect(maskPersonalValue("text", "😀 happy")).toBe("😀•••");
    expect(maskPersonalValue("text", "   ")).toBe("•••");
    expect(maskPersonalValue("text", "x".repeat(10_000))).toBe("x•••");
  });

  it("leaves empty strings and null alone", () => {
    expect(maskPersonalValue("email", "")).toBe("");
    expect(maskPersonalValue("phone", "")).toBe("");
    expect(maskPersonalValue("text", "")).toBe("");
    expect(maskPersonalValue("text", null)).toBeNull();
  });

  it("picks the mask by the field's name, text for anything else", () => {
    expect(personalValueKind("email")).toBe("email");
    expect(personalValueKind("phone")).toBe("phone");
    expect(personalValueKind("name")).toBe("text");
    expect(personalValueKind("comment")).toBe("text");
    expect(personalValueKind(undefined)).toBe("text");
  });
});

describe("maskBySchema", () => {
  const Personal = Type.Union([Type.String(), Type.Null()], { "x-pii": true });
  const Customer = Type.Object({
    id: Type.String(),
    name: Personal,
    email: Personal,
    phone: Personal,
    tier: Type.String(),
  });
  const Event = Type.Object({
    id: Type.String(),
    type: Type.String(),
    data: Type.Record(Type.String(), Type.Unknown(), { "x-pii-event-data": true }),
  });
  const Journey = Type.Object({
    customer: Customer,
    items: Type.Array(Event),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  });

  const ada = {
    id: "cus-1",
    name: "Ada Lovelace",
    email: "ada@example.com",
    phone: "+44 20 7946 0958",
    tier: "gold",
  };
  const maskedAda = { ...ada, name: "A•••", email: "a•••@example.com", phone: "•••58" };

  it("masks the marked fields of an object and nothing else", () => {
    expect(maskBySchema(Customer, ada, maskPersonalField)).toEqual(maskedAda);
    const anonymous = { id: "cus-2", name: null, email: "", phone: null, tier: "bronze" };
    expect(maskBySchema(Customer, anonymous, maskPersonalField)).toEqual(anonymous);
  });

  it("walks arrays, nested objects and nullable unions", () => {
    const List = Type.Object({ items: Type.Array(Customer), nextCursor: Type.String() });
    expect(maskBySchema(List, { items: [ada, ada], nextCursor: "c" }, maskPersonalField)).toEqual({
      items: [maskedAda, maskedAda],
      nextCursor: "c",
    });
    const MaybeCustomer = Type.Object({ owner: Type.Union([Type.Null(), Customer]) });
    expect(maskBySchema(MaybeCustomer, { owner: ada }, maskPersonalField)).toEqual({
      owner: maskedAda,
    });
    expect(maskBySchema(MaybeCustomer, { owner: null }, maskPersonalField)).toEqual({
      owner: null,
    });
  });

  it("masks a string marked inside a union branch and arrays of personal strings", () => {
    const Contact = Type.Object({
      email: Type.Union([Type.Null(), Type.String({ "x-pii": true })]),
      aliases: Type.Array(Type.String({ "x-pii": true })),
    });
    expect(
      maskBySchema(
        Contact,
        { email: "ada@example.com", aliases: ["Ada", "Countess"] },
        maskPersonalField,
      ),
    ).toEqual({ email: "a•••@example.com", aliases: ["A•••", "C•••"] });
  });

  it("masks the personal fields of event payloads by the event's type", () => {
    const customerUpserted = {
      type: "customer.upserted",
      at: "2025-03-01T09:00:00Z",
      customer: "cus-1",
      tier: "gold",
      segment: "smb",
      region: "emea",
      name: "Ada Lovelace",
      email: "ada@example.com",
      phone: "+44 20 7946 0958",
      loyalty: "kept",
    };
    const survey = {
      type: "survey.answered",
      at: "2025-03-02T09:00:00Z",
      case: "case-1",
      kind: "csat",
      score: 4,
      comment: "Great help from Grace",
    };
    const opened = {
      type: "case.opened",
      at: "2025-03-01T10:00:00Z",
      case: "case-1",
      customer: "cus-1",
      subject: "Refund not received",
    };
    const journey = {
      customer: ada,
      items: [
        { id: "e1", type: "customer.upserted", data: customerUpserted },
        { id: "e2", type: "case.opened", data: opened },
        { id: "e3", type: "survey.answered", data: survey },
      ],
      nextCursor: null,
    };
    expect(maskBySchema(Journey, journey, maskPersonalField)).toEqual({
      customer: maskedAda,
      items: [
        {
          id: "e1",
          type: "customer.upserted",
          data: {
            ...customerUpserted,
            name: "A•••",
            email: "a•••@example.com",
            phone: "•••58",
          },
        },
        { id: "e2", type: "case.opened", data: opened },
        { id: "e3", type: "survey.answered", data: { ...survey, comment: "G•••" } },
      ],
      nextCursor: null,
    });
  });

  it("leaves payloads of unknown or missing types and absent fields alone", () => {
    for (const data of [
      { type: "constructor", name: "x" },
      { type: "toString", comment: "x" },
      { name: "no type" },
      { type: "survey.answered", case: "c", kind: "nps", score: 9 },
    ]) {
      expect(maskBySchema(Event, { id: "e", type: "t", data }, maskPersonalField)).toEqual({
        id: "e",
        type: "t",
        data,
      });
    }
  });

  it("follows patternProperties, additionalProperties and allOf", () => {
    const ByPattern = Type.Object({
      names: Type.Record(Type.String(), Type.String({ "x-pii": true })),
    });
    expect(maskBySchema(ByPattern, { names: { a: "Ada", b: "Bob" } }, maskPersonalField)).toEqual({
      names: { a: "A•••", b: "B•••" },
    });
    const Extra = { type: "object", properties: {}, additionalProperties: { "x-pii": true } };
    expect(maskBySchema(Extra, { note: "Secret" }, maskPersonalField)).toEqual({ note: "S•••" });
    const Both = { allOf: [{ type: "object", properties: { name: { "x-pii": true } } }] };
    expect(maskBySchema(Both, { name: "Ada", id: "1" }, maskPersonalField)).toEqual({
      name: "A•••",
      id: "1",
    });
  });

  it("does not change its input and leaves values without a schema as they are", () => {
    const input = structuredClone(ada);
    maskBySchema(Customer, input, maskPersonalField);
    expect(input).toEqual(ada);
    expect(maskBySchema(undefined, ada, maskPersonalField)).toBe(ada);
    expect(maskBySchema(Type.String({ "x-pii": true }), "Ada", () => "masked")).toBe("masked");
  });

  it("hands the mask the name of the field it masks", () => {
    const fields: (string | undefined)[] = [];
    maskBySchema(Customer, ada, (value, field) => {
      fields.push(field);
      return value;
    });
    expect(fields).toEqual(["name", "email", "phone"]);
  });
});
