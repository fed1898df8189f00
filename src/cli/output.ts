/** Writes a result: JSON with `--json`, otherwise the human text. */
export function printResult(json: boolean, result: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${human()}\n`);
}
