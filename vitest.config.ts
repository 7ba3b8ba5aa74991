import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts"],
    exclude: ["test/e2e/**", "test/browser/**", "node_modules/**"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
