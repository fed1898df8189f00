import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web app is built from web/ whatever the working directory, so that
// `vite build --config web/vite.config.ts` from the repository root works.
const webRoot = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      "/api": process.env.THROUGHLINE_API_URL ?? "http://localhost:3000",
    },
  },
});
