import type { Warning } from "../../ir/warning.js";

/** Clients and proxies commonly cap a header line at 8–16 KB; the full list is always in the log. */
const maxHeaderLength = 4000;

function asciiJson(value: unknown): string {
  // Header values must be Latin-1 without control characters; \u escapes keep the JSON valid.
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * `x-switchboard-warnings`: a compact JSON array of the warnings, ASCII only. When the list is
 * too long for a header, the first ones are kept and a last entry says how many were left out.
 */
export function formatWarningsHeader(warnings: Warning[]): string {
  const full = asciiJson(warnings);
  if (full.length <= maxHeaderLength) return full;
  const kept: Warning[] = [];
  for (const [index, warning] of warnings.entries()) {
    const omitted: Warning = {
      type: "compatibility",
      feature: "warnings",
      detail: `${warnings.length - index} more in the log`,
    };
    if (asciiJson([...kept, warning, omitted]).length > maxHeaderLength) {
      return asciiJson([...kept, omitted]);
    }
    kept.push(warning);
  }
  return asciiJson(kept);
}
