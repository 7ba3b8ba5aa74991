import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadConfig } from "../../src/config/load-config.js";
import { createProviders } from "../../src/gateway/create-providers.js";
import { createSilentLogger } from "../../src/lib/logger.js";

// Every ```yaml block of README.md and docs/*.md parses, and one that is a whole Switchboard
// config loads with the project's own loader and builds its providers, so a broken example
// (a `${VAR}` unquoted in a `{ … }` map, a misspelt key) cannot come back. A block that is not a
// whole config says so after the language: ```yaml fragment (part of a config, e.g. a reference
// with `<id>` placeholders), ```yaml docker-compose (another program's file); those are only parsed.

const root = join(import.meta.dirname, "..", "..");

interface Example {
  where: string;
  marker: string;
  text: string;
}

async function examples(): Promise<Example[]> {
  const files = [
    "README.md",
    ...(await readdir(join(root, "docs"))).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`),
  ];
  const found: Example[] = [];
  for (const file of files) {
    const lines = (await readFile(join(root, file), "utf8")).split("\n");
    for (let index = 0; index < lines.length; index++) {
      const opening = /^```yaml\b\s*(.*)$/.exec(lines[index] ?? "");
      if (opening === null) continue;
      const end = lines.indexOf("```", index + 1);
      found.push({
        where: `${file}:${index + 1}`,
        marker: opening[1]?.trim() ?? "",
        text: lines.slice(index + 1, end).join("\n"),
      });
      index = end;
    }
  }
  return found;
}

/** A value for every `${VAR}` the example reads: URLs where the name says so, a word otherwise. */
function placeholderEnv(text: string, home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { HOME: home };
  for (const [, name] of text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) {
    if (name !== undefined)
      env[name] = /URL|HOST/.test(name) ? "http://placeholder.example" : `placeholder-${name.toLowerCase()}`;
  }
  return env;
}

const all = await examples();

describe("YAML examples in README.md and docs/", () => {
  it("finds the examples", () => {
    expect(all.length).toBeGreaterThan(5);
  });

  it.each(all.map((example) => [example.where, example] as const))("%s parses", (_where, example) => {
    expect(() => parse(example.text)).not.toThrow();
  });

  const whole = all.filter((example) => example.marker === "");
  it.each(whole.map((example) => [example.where, example] as const))(
    "%s is a config Switchboard loads",
    async (_where, example) => {
      const home = await mkdtemp(join(tmpdir(), "switchboard-example-"));
      await writeFile(join(home, "switchboard.yaml"), example.text);
      const loaded = await loadConfig({ cwd: home, env: placeholderEnv(example.text, home), providerTypes: {} });
      const providers = createProviders({
        config: loaded.config,
        env: loaded.env,
        configDir: home,
        logger: createSilentLogger(),
        source: loaded.source,
      });
      await Promise.all([...providers.values()].map((provider) => provider.close()));
    },
  );
});
