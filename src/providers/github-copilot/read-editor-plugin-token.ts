import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseJson } from "../../lib/parse-json.js";
import { isRecord, stringField } from "./json-fields.js";
import { userConfigHome } from "./user-config-home.js";

export function editorPluginDirectory(env: NodeJS.ProcessEnv): string {
  return join(userConfigHome(env), "github-copilot");
}

/**
 * The `oauth_token` a Copilot editor plugin (VS Code, JetBrains, Neovim) saved. `apps.json` keys
 * are `<host>:<client id>`, the older `hosts.json` keys are the host alone; `apps.json` wins.
 */
export async function readEditorPluginToken(env: NodeJS.ProcessEnv, host: string): Promise<string | undefined> {
  const directory = editorPluginDirectory(env);
  for (const file of ["apps.json", "hosts.json"]) {
    let text: string;
    try {
      text = await readFile(join(directory, file), "utf8");
    } catch {
      continue;
    }
    const document = parseJson(text);
    if (!isRecord(document)) continue;
    for (const [key, entry] of Object.entries(document)) {
      if (key !== host && !key.startsWith(`${host}:`)) continue;
      const token = stringField(entry, "oauth_token");
      if (token !== undefined) return token;
    }
  }
  return undefined;
}
