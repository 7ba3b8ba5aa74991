import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { recordField, stringField } from "./json-fields.js";
import { userConfigHome } from "./user-config-home.js";

/** Where the `gh` CLI keeps `hosts.yml`: `$GH_CONFIG_DIR`, else `$XDG_CONFIG_HOME/gh`, else `~/.config/gh`. */
export function ghHostsPath(env: NodeJS.ProcessEnv): string {
  const ghConfigDir = env["GH_CONFIG_DIR"];
  if (ghConfigDir !== undefined && ghConfigDir !== "") return join(ghConfigDir, "hosts.yml");
  return join(userConfigHome(env), "gh", "hosts.yml");
}

/**
 * The `oauth_token` of an existing `gh auth login` for `host`. Recent `gh` versions keep the
 * token in the system keyring and write none here; then this finds nothing. With several
 * accounts, the active `user`'s entry under `users` holds it.
 */
export async function readGhCliToken(env: NodeJS.ProcessEnv, host: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(ghHostsPath(env), "utf8");
  } catch {
    return undefined;
  }
  let document: unknown;
  try {
    document = parse(text) as unknown;
  } catch {
    return undefined;
  }
  const hostEntry = recordField(document, host);
  const direct = stringField(hostEntry, "oauth_token");
  if (direct !== undefined) return direct;
  const activeUser = stringField(hostEntry, "user");
  if (activeUser === undefined) return undefined;
  return stringField(recordField(recordField(hostEntry, "users"), activeUser), "oauth_token");
}
