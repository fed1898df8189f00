import { describe, expect, it } from "vitest";
import { csvBlob, csvField, csvFileName, toCsv } from "./csv-export.ts";

describe("csvField", () => {
  it("writes plain text, numbers and booleans as they are, and nothing for no value", () => {
    expect(csvField("billing")).toBe("billing");
    expect(csvField(0.8125)).toBe("0.8125");
    expect(csvField(-12)).toBe("-12");
    expect(csvField(true)).toBe("true");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(Number.NaN)).toBe("");
  });

  it("quotes fields with commas, quotes or line breaks, doubling the quotes", () => {
    expect(csvField("Billing, EMEA")).toBe('"Billing, EMEA"');
    expect(csvField('the "VIP" queue')).toBe('"the ""VIP"" queue"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("+1 555")).toBe("'+1 555");
    expect(csvField("-minus")).toBe("'-minus");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
  });
});

describe("toCsv", () => {
  it("writes a header line and one CRLF-terminated line per row", () => {
    const rows = [
      { key: "billing", csat: 81.25, nps: null },
      { key: "tech, L2", csat: 70, nps: -4 },
    ];
    const csv = toCsv(
      [
        { header: "Team", value: (row: (typeof rows)[number]) => row.key },
        { header: "CSAT", value: (row) => row.csat },
        { header: "NPS", value: (row) => row.nps },
      ],
      rows,
    );
    expect(csv).toBe('Team,CSAT,NPS\r\nbilling,81.25,\r\n"tech, L2",70,-4\r\n');
  });

  it("writes the header alone for no rows", () => {
    expect(toCsv([{ header: "Metric", value: () => "x" }], [])).toBe("Metric\r\n");
  });
});

describe("csvFileName and csvBlob", () => {
  it("names the file after the title and the local time of export", () => {
    expect(csvFileName("Scorecard by team", new Date(2026, 2, 2, 14, 5))).toBe(
      "scorecard-by-team-2026-03-02-1405.csv",
    );
    expect(csvFileName("Alertes résolues — équipe", new Date(2026, 0, 9, 8, 0))).toBe(
      "alertes-resolues-equipe-2026-01-09-0800.csv",
    );
    expect(csvFileName("???", new Date(2026, 0, 9, 8, 0))).toBe("export-2026-01-09-0800.csv");
  });

  it("starts the file with a UTF-8 byte order mark", async () => {
    const bytes = new Uint8Array(await csvBlob("a,b\r\n").arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe("a,b\r\n");
  });
});
