import { defineConfig } from "vitest/config";

/**
 * The dashboard in real Chromium (Debian's, at /usr/bin/chromium, through playwright-core).
 * Run with `npx vitest run -c vitest.browser.config.ts`; SCREENSHOT_DIR=docs/images refreshes the
 * README's screenshots.
 */
export default defineConfig({
  test: {
    include: ["test/browser/**/*.browser.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
