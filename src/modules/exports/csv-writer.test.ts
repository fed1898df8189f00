import { text } from "node:stream/consumers";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { toCsvStream } from "./csv-writer.js";

describe("toCsvStream", () => {
  it("writes a header and one line per record, quoting only what needs it", async () => {
    const csv = await text(
      toCsvStream(
        [
          { id: "a", minutes: 12.345678901, ok: true, note: null },
          { id: "b,c", minutes: -0.5, ok: false, note: 'said "hi"\nthen left' },
        ],
        ["id", "minutes", "ok", "note"],
      ),
    );
    expect(csv).toBe(
      'id,minutes,ok,note\na,12.345678901,true,\n"b,c",-0.5,false,"said ""hi""\nthen left"\n',
    );
    expect(parse(csv, { columns: true })).toEqual([
      { id: "a", minutes: "12.345678901", ok: "true", note: "" },
      { id: "b,c", minutes: "-0.5", ok: "false", note: 'said "hi"\nthen left' },
    ]);
  });

  it("takes records from an async iterable, in column order whatever the key order", async () => {
    async function* records() {
      yield { b: 2, a: 1 };
      yield { a: 3, b: 4 };
    }
    expect(await text(toCsvStream(records(), ["a", "b"]))).toBe("a,b\n1,2\n3,4\n");
  });

  it("writes only the header when there are no records", async () => {
    expect(await text(toCsvStream([], ["caseId", "openedAt"]))).toBe("caseId,openedAt\n");
  });

  it("fails the stream with the source's error", async () => {
    async function* failing() {
      yield { a: 1 };
      throw new Error("store went away");
    }
    await expect(text(toCsvStream(failing(), ["a"]))).rejects.toThrow("store went away");
  });
});
