import { expect } from "vitest";
import { upstreamModel } from "./gateway-config.js";
import type { CaseContext } from "./case-context.js";
import type { NeutralAnswer } from "./neutral-turn.js";

/** The header where the gateway lists what it dropped or approximated. */
export const warningsHeader = "x-switchboard-warnings";

/** The `feature` of each warning the caller was shown. */
export function warnedFeatures(answer: NeutralAnswer): string[] {
  const header = answer.headers.get(warningsHeader);
  if (header === null) return [];
  const warnings = JSON.parse(header) as Array<{ feature?: unknown }>;
  return warnings.map((warning) => String(warning.feature));
}

/** A same-protocol request reaches the upstream byte for byte; only the model name changes. */
export function expectPassedThrough(context: CaseContext, answer: NeutralAnswer, callIndex = 0): void {
  const received = context.upstreamCalls()[callIndex]?.rawBody;
  const sent = answer.sentBody.replace(
    `"model":${JSON.stringify(context.model)}`,
    `"model":${JSON.stringify(upstreamModel)}`,
  );
  expect(received).toBe(sent);
}
