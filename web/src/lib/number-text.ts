/**
 * Numbers typed into text fields. A field left empty or holding something that is not a number
 * becomes NaN, which JSON sends as null: the server then rejects the document naming that field,
 * and the editor shows the message next to it.
 */
export function numberFromText(text: string): number {
  const trimmed = text.trim();
  if (trimmed === "") return Number.NaN;
  return Number(trimmed);
}

export function textFromNumber(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? "" : String(value);
}

/** A share 0.75 as the percentage "75" a person edits, and back (rounded to 0.01 %). */
export function percentTextFromShare(share: number | undefined): string {
  if (share === undefined || !Number.isFinite(share)) return "";
  return String(Math.round(share * 10_000) / 100);
}

export function shareFromPercentText(text: string): number {
  const percent = numberFromText(text);
  return Number.isNaN(percent) ? Number.NaN : Math.round(percent * 100) / 10_000;
}
