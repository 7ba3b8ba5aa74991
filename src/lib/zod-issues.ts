import type { z } from "zod";
import { closestName } from "./closest-name.js";

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/** What an unknown key was probably meant to be, or the keys that are accepted there. */
export function unknownKeyHint(key: string, known: readonly string[]): string {
  const suggestion = closestName(key, known);
  if (suggestion !== undefined) return `unknown key; did you mean ${suggestion}?`;
  return `unknown key; expected one of ${known.join(", ")}`;
}

function shapeKeys(issue: RawIssue): string[] {
  const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
  return shape === undefined ? [] : Object.keys(shape);
}

/**
 * The error map to parse config with: an unknown key in a strict object gets a hint per key (one
 * line each, in the order of `keys`), built from the keys that object does accept. zod's own
 * message names the key but never says what was meant, and a typo is the usual cause.
 */
export function hintUnknownKeys(issue: RawIssue): string | undefined {
  if (issue.code !== "unrecognized_keys") return undefined;
  const known = shapeKeys(issue);
  return issue.keys.map((key) => unknownKeyHint(key, known)).join("\n");
}

export const configParseOptions = { error: hintUnknownKeys };

export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text === "" ? "(top level)" : text;
}

/** How deep a branch's problems go; an unknown key counts one level below its object. */
function depth(issues: readonly Issue[]): number {
  return Math.max(...issues.map((issue) => issue.path.length + (issue.code === "unrecognized_keys" ? 1 : 0)));
}

/** One issue per line, as `path: message`; unions and unknown keys are unfolded. */
export function describeIssues(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): string[] {
  // A key reported missing next to an unknown key that is a near miss of it says the same thing twice.
  const meant = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    for (const line of issue.message.split("\n")) {
      const match = /did you mean (.+)\?$/.exec(line);
      if (match !== null) meant.add(JSON.stringify([...issue.path, match[1]]));
    }
  }
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      // The branch that got furthest explains the mistake best (`models[0].apis[0]: Invalid option`
      // beats `models[0]: Invalid input`); when none got past the value itself, the union's own message.
      const deepest = [...issue.errors].sort((left, right) => depth(right) - depth(left))[0];
      if (deepest !== undefined && depth(deepest) > 0) return describeIssues(deepest, path);
    }
    if (issue.code === "unrecognized_keys") {
      const hints = issue.message.split("\n");
      return issue.keys.map((key, index) => `${formatPath([...path, key])}: ${hints[index] ?? hints[0]}`);
    }
    if (issue.code === "invalid_type" && meant.has(JSON.stringify(issue.path))) return [];
    return [`${formatPath(path)}: ${issue.message}`];
  });
}
