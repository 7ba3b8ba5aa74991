import { defineConfig } from "vitest/config";

// End-to-end suites: the real clients (Claude Code, Codex) and the SDKs against a running gateway.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
