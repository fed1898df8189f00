/** A free-text value made safe for a class name: `case.opened` → `case-opened`, `Gold Plus` → `gold-plus`. */
export function toCssToken(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
