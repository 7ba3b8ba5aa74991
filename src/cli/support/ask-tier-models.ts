import { createInterface } from "node:readline/promises";
import type { TierModels } from "../../setup/claude-settings.js";
import type { OfferedModel } from "../../setup/pick-tier-models.js";

async function askOnTerminal(question: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}

/** Lists the offered models and asks for each tier; Enter keeps the suggestion, a number or a name picks. */
export async function askTierModels(options: {
  offered: OfferedModel[];
  suggested: TierModels;
  ask?: ((question: string) => Promise<string>) | undefined;
  write: (line: string) => void;
}): Promise<TierModels> {
  const ask = options.ask ?? askOnTerminal;
  // A model the account has not enabled is listed (the user may want it) with what it needs.
  const listing = options.offered
    .map((model, index) => {
      const mark = model.notEnabled === undefined ? "" : ` (not enabled for this account: ${model.notEnabled.fix})`;
      return `  ${index + 1}. ${model.id}${mark}`;
    })
    .join("\n");
  options.write(`Models your providers offer:\n${listing}`);
  const chosen: TierModels = {};
  for (const tier of ["opus", "sonnet", "haiku", "subagent"] as const) {
    const suggestion = tier === "subagent" ? (chosen.sonnet ?? options.suggested.subagent) : options.suggested[tier];
    const answer = (await ask(`Model for the ${tier} tier [${suggestion ?? "none"}]: `)).trim();
    const byNumber = /^\d+$/.test(answer) ? options.offered[Number(answer) - 1]?.id : undefined;
    const model = answer === "" ? suggestion : (byNumber ?? answer);
    if (model !== undefined) chosen[tier] = model;
  }
  return chosen;
}
