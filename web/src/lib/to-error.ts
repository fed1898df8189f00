/** Whatever a promise rejected with, as an Error whose message can be shown. */
export function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
