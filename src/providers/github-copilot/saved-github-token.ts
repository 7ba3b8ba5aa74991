import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SetupError, fileFaultReason } from "../../errors/index.js";
import { parseJson } from "../../lib/parse-json.js";
import { stringField } from "./json-fields.js";

/** The file where `switchboard login github` keeps the token it obtained. */
export function savedGithubTokenPath(configDir: string): string {
  return join(configDir, "github-token.json");
}

export interface SavedGithubToken {
  token: string;
  /** The host it was issued by (`github.com` or an enterprise host). */
  host: string;
  savedAt: string;
}

/** Saves with mode 0600 in a 0700 directory: the token is as good as the user's password for Copilot. */
export async function saveGithubToken(configDir: string, saved: Omit<SavedGithubToken, "savedAt">): Promise<string> {
  await prepareTokenFolder(configDir);
  const path = savedGithubTokenPath(configDir);
  const content: SavedGithubToken = { ...saved, savedAt: new Date().toISOString() };
  await writeFile(path, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  // `writeFile`'s mode applies only when it creates the file; an older file keeps its mode otherwise.
  await chmod(path, 0o600);
  return path;
}

/**
 * Makes the folder that holds the token (0700), or says plainly why it cannot be made. Called
 * before the device flow, so the user does not approve a code only for the save to fail.
 */
export async function prepareTokenFolder(configDir: string): Promise<void> {
  try {
    await mkdir(configDir, { recursive: true, mode: 0o700 });
    await chmod(configDir, 0o700);
  } catch (error) {
    throw new SetupError(
      `Cannot create Switchboard's folder ${configDir}: ${fileFaultReason(error)}. Set XDG_CONFIG_HOME to a folder you can write to, or fix that path.`,
      { cause: error },
    );
  }
}

/** The saved token for `host`; none when nothing is saved. A file that is there but unreadable is an error, not "signed out". */
export async function loadSavedGithubToken(configDir: string, host: string): Promise<string | undefined> {
  const path = savedGithubTokenPath(configDir);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR")
      return undefined;
    throw new SetupError(
      `Cannot read the saved GitHub login ${path}: ${fileFaultReason(error)}. Fix it, or remove it and run \`switchboard login github\` again.`,
      { cause: error },
    );
  }
  const parsed = parseJson(text);
  const savedHost = stringField(parsed, "host") ?? "github.com";
  return savedHost === host ? stringField(parsed, "token") : undefined;
}

/** Returns true when a file was removed. */
export async function deleteSavedGithubToken(configDir: string): Promise<boolean> {
  const path = savedGithubTokenPath(configDir);
  try {
    await readFile(path);
  } catch {
    return false;
  }
  await rm(path, { force: true });
  return true;
}
