/**
 * Expands `${VAR}` and `${VAR:-default}` in every string of a parsed config value. Expansion runs
 * after YAML parsing, so a variable's value can never change the file's structure. `$${` writes a
 * literal `${`. A string that was nothing but a reference to an unset variable (e.g.
 * `api_key: ${PROXY_API_KEY}`) becomes undefined, so an optional key is simply absent.
 */
const referencePattern = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export function expandString(value: string, env: NodeJS.ProcessEnv): string | undefined {
  let onlyUnsetReferences = true;
  let sawReference = false;
  const expanded = value.replace(referencePattern, (match, name: string | undefined, fallback: string | undefined) => {
    if (match === "$${") {
      onlyUnsetReferences = false;
      return "${";
    }
    sawReference = true;
    const found = name === undefined ? undefined : env[name];
    if (found !== undefined && found !== "") {
      onlyUnsetReferences = false;
      return found;
    }
    if (fallback !== undefined) {
      onlyUnsetReferences = false;
      return fallback;
    }
    return "";
  });
  if (sawReference && onlyUnsetReferences && expanded.trim() === "") return undefined;
  return expanded;
}

export function expandEnv(value: unknown, env: NodeJS.ProcessEnv): unknown {
  if (typeof value === "string") return expandString(value, env);
  if (Array.isArray(value)) return value.map((item) => expandEnv(item, env)).filter((item) => item !== undefined);
  if (value !== null && typeof value === "object") {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const expanded = expandEnv(item, env);
      if (expanded !== undefined) result[key] = expanded;
    }
    return result;
  }
  return value;
}
