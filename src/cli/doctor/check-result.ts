/** One line of `switchboard doctor`: passed, failed (with the fix), or a note that is neither. */
export interface CheckResult {
  status: "pass" | "fail" | "note";
  name: string;
  detail: string;
  fix?: string;
}

const marks = { pass: "✓", fail: "✗", note: "–" } as const;

export function renderCheck(result: CheckResult): string[] {
  const lines = [`${marks[result.status]} ${result.name}: ${result.detail}`];
  if (result.status === "fail" && result.fix !== undefined) lines.push(`    Fix: ${result.fix}`);
  return lines;
}

export const pass = (name: string, detail: string): CheckResult => ({ status: "pass", name, detail });
export const fail = (name: string, detail: string, fix: string): CheckResult => ({ status: "fail", name, detail, fix });
export const note = (name: string, detail: string): CheckResult => ({ status: "note", name, detail });
