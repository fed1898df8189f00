import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Browser tests start the real server and a headless Chromium, so they run one file at a time
// with generous timeouts. Run them with `npm run test:e2e` (which builds first).
export default defineConfig({
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["test/e2e/**/*.e2e.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
