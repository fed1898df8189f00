import { Command, CommanderError } from "commander";
import { ConfigError } from "../config.js";
import { AppError } from "../errors.js";
import { registerAuditCommand } from "./audit.command.js";
import { registerCalendarCommands } from "./calendar.command.js";
import { CliUsageError } from "./cli-error.js";
import { registerDemoCommand } from "./demo.command.js";
import { registerEventCommands } from "./events.command.js";
import { registerMetricsCommands } from "./metrics.command.js";
import { registerMigrateCommand } from "./migrate.command.js";
import { registerRetentionCommands } from "./retention.command.js";
import { registerRoutingCommands } from "./routing.command.js";
import { registerServeCommand } from "./serve.command.js";
import { registerUserCommands } from "./users.command.js";

export function buildProgram(): Command {
  const program = new Command("throughline")
    .description("Throughline: customer-experience operations")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerDemoCommand(program);
  registerEventCommands(program);
  registerUserCommands(program);
  registerAuditCommand(program);
  registerRetentionCommands(program);
  registerCalendarCommands(program);
  registerRoutingCommands(program);
  registerMetricsCommands(program);
  return program;
}

/** Runs the CLI; bad input ends in one line on stderr and a non-zero exit code. */
export async function main(argv: string[]): Promise<void> {
  // `throughline events export | head` closes the pipe early: that is the reader's choice, not
  // an error worth a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help text).
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    const oneLine = (message: string) => message.split("\n")[0];
    if (
      error instanceof CliUsageError ||
      error instanceof ConfigError ||
      error instanceof AppError
    ) {
      process.stderr.write(`throughline: ${oneLine(error.message)}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(
      `throughline: ${oneLine(error instanceof Error ? error.message : String(error))}\n`,
    );
    process.exitCode = 1;
  }
}
