import { sendUpstream } from "../../src/upstream/index.js";

/**
 * Kept for tests outside this folder that still import it (src/cli/commands/github-commands.test.ts):
 * it is the shared client itself now, so those tests go through `sendUpstream` like production.
 */
export const sendForTests = sendUpstream;
