import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allAblations, ablations } from "./ablations.js";
import { applyEdits } from "./worktree-build.js";

const rootDir = join(new URL(".", import.meta.url).pathname, "..");

describe("ablations", () => {
  // An edit whose text has changed would make `npm run bench:ablate` stop; this says so at once.
  it.each([...ablations, allAblations].map((ablation) => [ablation.name, ablation] as const))(
    "%s still applies to the source as it is, and changes it",
    (_name, ablation) => {
      for (const file of new Set(ablation.edits.map((edit) => edit.file))) {
        const source = readFileSync(join(rootDir, file), "utf8");
        const edited = applyEdits(file, source, ablation.edits);
        expect(edited).not.toBe(source);
        for (const edit of ablation.edits.filter((candidate) => candidate.file === file))
          expect(edited).toContain(edit.replace);
      }
    },
  );

  it("refuses an edit whose text is gone or found twice, naming it", () => {
    const edit = { file: "a.ts", find: "call();", replace: "" };
    expect(() => applyEdits("a.ts", "other();", [edit])).toThrow(/a\.ts no longer applies.*call\(\);/);
    expect(() => applyEdits("a.ts", "call(); call();", [edit])).toThrow(/no longer applies/);
    expect(applyEdits("a.ts", "before call(); after", [edit])).toBe("before  after");
    expect(applyEdits("b.ts", "call();", [edit])).toBe("call();");
  });
});
