import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
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
  await mkdir(configDir, { recursive: true, mode: 0o700 });
  await chmod(configDir, 0o700);
  const path = savedGithubTokenPath(configDir);
  const content: SavedGithubToken = { ...saved, savedAt: new Date().toISOString() };
  await writeFile(path, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  // `writeFile`'s mode applies only when it creates the file; an older file keeps its mode otherwise.
  await chmod(path, 0o600);
  return path;
}

export async function loadSavedGithubToken(configDir: string, host: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(savedGithubTokenPath(configDir), "utf8");
  } catch {
    return undefined;
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
