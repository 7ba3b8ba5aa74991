/**
 * Builds a commit of this repository in a detached worktree outside the checkout (its tests and
 * sources must not be picked up by this one's tools), with this checkout's node_modules, and
 * reuses it while it exists: `compare-builds.ts` builds an earlier commit, `ablate.ts` this one
 * with a feature switched off (`edits`). Remove one with `git worktree remove` when done.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A change to one file of the source, by the exact text it replaces. */
export interface SourceEdit {
  /** Path from the repository root. */
  file: string;
  find: string;
  replace: string;
}

/** The source with the edits made, each exactly once; throws naming an edit whose text is gone. */
export function applyEdits(file: string, source: string, edits: readonly SourceEdit[]): string {
  let result = source;
  for (const edit of edits) {
    if (edit.file !== file) continue;
    const at = result.indexOf(edit.find);
    if (at === -1 || result.indexOf(edit.find, at + 1) !== -1)
      throw new Error(`ablation edit of ${file} no longer applies (its text is gone or not unique): ${edit.find}`);
    result = result.slice(0, at) + edit.replace + result.slice(at + edit.find.length);
  }
  return result;
}

const rootDir = join(new URL(".", import.meta.url).pathname, "..");

export function shortCommit(commit: string): string {
  return execFileSync("git", ["rev-parse", "--short", commit], { cwd: rootDir, encoding: "utf8" }).trim();
}

/** The built worktree's directory. `label` names a variant of the commit made by `edits`. */
export function buildWorktree(options: { commit: string; label?: string; edits?: readonly SourceEdit[] }): string {
  const resolved = shortCommit(options.commit);
  const folder = options.label === undefined ? resolved : `${resolved}-${options.label.replace(/[^a-z0-9]+/gi, "-")}`;
  const directory = join(tmpdir(), "switchboard-compare", folder);
  if (existsSync(join(directory, "dist"))) return directory;
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(join(tmpdir(), "switchboard-compare"), { recursive: true });
  execFileSync("git", ["worktree", "add", "--detach", "--force", directory, resolved], { cwd: rootDir });
  symlinkSync(join(rootDir, "node_modules"), join(directory, "node_modules"));
  const edits = options.edits ?? [];
  for (const file of new Set(edits.map((edit) => edit.file))) {
    const path = join(directory, file);
    writeFileSync(path, applyEdits(file, readFileSync(path, "utf8"), edits));
  }
  execFileSync(
    process.execPath,
    [join(rootDir, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: directory,
      stdio: "inherit",
    },
  );
  return directory;
}
