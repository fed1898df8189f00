/** A problem with what the user typed or gave us: printed as one line, exit code 2. */
export class CliUsageError extends Error {
  readonly exitCode = 2;
}
