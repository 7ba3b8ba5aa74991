import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { createTwoFilesPatch } from "diff";

/** One file setup wants to write: its text now (undefined when absent) and the text it should hold. */
export interface FileChange {
  path: string;
  before: string | undefined;
  after: string;
  /** Back the file up before the first change (default true); Claude Code's own state file is not. */
  backup?: boolean;
  /** The new text holds a key: the file is made readable by its owner only (0600 or tighter). */
  holdsSecret?: boolean;
}

/** Where the first change to `path` keeps the original. Empty means the file did not exist. */
export function backupPathOf(path: string): string {
  return `${path}.switchboard-backup`;
}

export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** A unified diff of the change, as `--dry-run` prints it; empty when nothing changes. */
export function diffOf(change: FileChange): string {
  if (change.before === change.after) return "";
  return createTwoFilesPatch(change.path, change.path, change.before ?? "", change.after, "before", "after");
}

/** Group and other lose every permission on a file that holds a key. */
const ownerOnly = 0o700;

async function writeAtomically(path: string, text: string, holdsSecret: boolean): Promise<void> {
  // A folder the client has not made yet (a fresh HOME) is made private: these files hold a key.
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const existing = existsSync(path) ? (await stat(path)).mode & 0o777 : 0o600;
  const mode = holdsSecret ? existing & ownerOnly : existing;
  const temporary = `${path}.switchboard-${process.pid}.tmp`;
  await writeFile(temporary, text, { mode });
  await chmod(temporary, mode);
  await rename(temporary, path);
}

/**
 * Writes each change that changes something, backing up the original first. The backup is made
 * once, before Switchboard's first change, so that `--undo` always returns to what the user had.
 * Returns a line per file saying what happened.
 */
export async function applyChanges(changes: FileChange[]): Promise<string[]> {
  const lines: string[] = [];
  for (const change of changes) {
    if (change.before === change.after) {
      // Written by an earlier setup that kept a wider mode: the key in it is still only the owner's.
      if (change.holdsSecret === true && existsSync(change.path)) {
        const mode = (await stat(change.path)).mode & 0o777;
        if ((mode & ~ownerOnly) !== 0) await chmod(change.path, mode & ownerOnly);
      }
      lines.push(`unchanged ${change.path}`);
      continue;
    }
    const backup = backupPathOf(change.path);
    const keepsBackup = change.backup !== false;
    await mkdir(dirname(change.path), { recursive: true, mode: 0o700 });
    if (keepsBackup && !existsSync(backup)) await writeFile(backup, change.before ?? "", { mode: 0o600 });
    await writeAtomically(change.path, change.after, change.holdsSecret === true);
    lines.push(
      `${change.before === undefined ? "created" : "updated"} ${change.path}${keepsBackup ? ` (backup: ${backup})` : ""}`,
    );
  }
  return lines;
}

/** Restores the file setup backed up (an empty backup: the file did not exist, so it is removed). */
export async function restoreBackup(path: string): Promise<string> {
  const backup = backupPathOf(path);
  const original = await readTextIfExists(backup);
  if (original === undefined) return `no backup of ${path}; nothing to undo`;
  if (original === "") await rm(path, { force: true });
  else await writeAtomically(path, original, false);
  await rm(backup);
  return original === "" ? `removed ${path} (it did not exist before setup)` : `restored ${path} from ${backup}`;
}
