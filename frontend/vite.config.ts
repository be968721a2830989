/// <reference types="vitest/config" />
import { fileURLToPath, URL } from "node:url";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

// Unit tests run in a fixed zone with a DST change, so date helpers are tested against one.
process.env.TZ = "America/Chicago";

const api = process.env.CLINIC_API_URL ?? "http://127.0.0.1:8080";
const proxied = ["/api", "/health", "/ready", "/swagger-ui", "/api-docs"];

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  server: { proxy: Object.fromEntries(proxied.map((p) => [p, { target: api, changeOrigin: true }])) },
  preview: { proxy: Object.fromEntries(proxied.map((p) => [p, { target: api, changeOrigin: true }])) },
  // No source maps in the production build: the bundle is public, the original source is not.
  build: { sourcemap: false },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
    // Under load a test of a few awaited renders can pass 5 s; the waits inside are 5 s each.
    testTimeout: 20_000,
  },
});
