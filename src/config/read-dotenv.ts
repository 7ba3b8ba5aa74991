import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";

/**
 * The environment as Switchboard sees it: a `.env` file in the working directory (Node's own
 * `util.parseEnv` syntax), overridden by the real environment. `process.env` is not modified.
 */
export function readEnvironment(cwd: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  let fromFile: NodeJS.ProcessEnv = {};
  try {
    fromFile = parseEnv(readFileSync(join(cwd, ".env"), "utf8")) as NodeJS.ProcessEnv;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return { ...fromFile, ...env };
}
