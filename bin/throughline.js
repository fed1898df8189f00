#!/usr/bin/env node
// Runs the compiled CLI. `npm install` builds it (the `prepare` script); so does `npm run build`.
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("throughline: not built yet; run `npm run build` first\n");
  process.exit(1);
}
const { main } = await import(entry.href);
await main(process.argv.slice(2));
