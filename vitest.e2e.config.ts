import { defineConfig } from "vitest/config";

/**
 * The slow suites: the real Claude Code and Codex binaries and bad input against a running
 * gateway. Run with `npx vitest run -c vitest.e2e.config.ts` (`E2E_FULL=1` for the whole matrix).
 * Every test starts its own fake upstream and gateway on port 0, so files and tests run in parallel.
 */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    testTimeout: 240_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    maxConcurrency: 6,
  },
});
