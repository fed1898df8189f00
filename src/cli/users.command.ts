import type { Command } from "commander";
import { SYSTEM_ACTORS } from "../access/actor.js";
import { ROLES, type Role } from "../access/permissions.js";
import { createUser } from "../modules/users/user.service.js";
import { CliUsageError } from "./cli-error.js";
import { printResult } from "./output.js";
import {
  configFromOptions,
  type StoreOptions,
  withDataOption,
  withStore,
} from "./store-options.js";

interface CreateUserCliOptions extends StoreOptions {
  email: string;
  name?: string;
  role: string;
  team?: string[];
  region?: string[];
  passwordEnv: string;
  json?: boolean;
}

export function registerUserCommands(program: Command): void {
  const users = program.command("users").description("manage user accounts");
  withDataOption(
    users
      .command("create")
      .description("create a user (the way to make the first admin of a store without demo data)")
      .requiredOption("--email <email>", "sign-in email")
      .option("--name <name>", "display name (default: the email)")
      .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
      .option("--team <id...>", "limit the role to these teams")
      .option("--region <region...>", "limit the role to these regions")
      .option(
        "--password-env <name>",
        "environment variable holding the password (kept off the command line and shell history)",
        "THROUGHLINE_NEW_PASSWORD",
      )
      .option("--json", "print the created user as JSON"),
  ).action(async (options: CreateUserCliOptions) => {
    if (!(ROLES as readonly string[]).includes(options.role)) {
      throw new CliUsageError(`--role must be one of ${ROLES.join(", ")}`);
    }
    // biome-ignore lint/style/noProcessEnv: the password is read from a variable the user names.
    const password = process.env[options.passwordEnv];
    if (!password) throw new CliUsageError(`set the password in $${options.passwordEnv}`);
    const user = await withStore(configFromOptions(options), (store) =>
      createUser(
        store.db,
        {
          email: options.email,
          name: options.name ?? options.email,
          password,
          grants: [
            {
              role: options.role as Role,
              teams: options.team ?? [],
              regions: options.region ?? [],
            },
          ],
        },
        Date.now(),
        SYSTEM_ACTORS.cli,
      ),
    );
    printResult(
      options.json === true,
      { id: user.id, email: user.email, grants: user.grants },
      () => `created ${user.email} (${user.grants.map((grant) => grant.role).join(", ")})`,
    );
  });
}
