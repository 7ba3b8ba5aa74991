import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** The files `npm run build` compiles into dist, as TypeScript itself resolves tsconfig.build.json. */
function builtFiles(): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    `${root}tsconfig.build.json`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  if (parsed === undefined) throw new Error("tsconfig.build.json could not be read");
  return parsed.fileNames;
}

describe("the build", () => {
  it("compiles source files", () => {
    expect(builtFiles().some((file) => file.endsWith("src/translate/openai-responses/encode-stream.ts"))).toBe(true);
  });

  it("leaves out test support: nothing shipped imports a test library or reads test fixtures", () => {
    const testOnly = builtFiles().filter((file) => {
      const text = readFileSync(file, "utf8");
      return /from "(vitest|fast-check)"/.test(text) || text.includes("__fixtures__");
    });
    expect(testOnly.map((file) => file.slice(root.length))).toEqual([]);
  });
});
