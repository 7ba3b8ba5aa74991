/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and prints the functions with the most self
 * time, to see what dominates the gateway's hot path.
 *   node --import tsx bench/top-self-time.ts PROFILE.cpuprofile [count]
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [path, countText] = process.argv.slice(2);
if (path === undefined) throw new Error("usage: top-self-time.ts PROFILE.cpuprofile [count]");
const profile = JSON.parse(readFileSync(path, "utf8")) as Profile;
const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
const selfByFunction = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, index) => {
  const node = nodeById.get(id);
  const delta = profile.timeDeltas[index] ?? 0;
  if (node === undefined) return;
  const frame = node.callFrame;
  const where = frame.url.replace(/^.*\/(node_modules|dist|src)\//, "$1/");
  const key = `${frame.functionName || "(anonymous)"}  ${where}:${frame.lineNumber + 1}`;
  selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + delta);
  total += delta;
});
const idle = [...selfByFunction.entries()].filter(([key]) => key.startsWith("(idle)")).reduce((s, [, v]) => s + v, 0);
const busy = total - idle;
process.stdout.write(`busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled\n`);
const top = [...selfByFunction.entries()]
  .filter(([key]) => !key.startsWith("(idle)"))
  .sort((a, b) => b[1] - a[1])
  .slice(0, Number(countText ?? 30));
for (const [key, micros] of top) {
  process.stdout.write(
    `${((micros / busy) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${key}\n`,
  );
}

// Inclusive time of the project's own functions (dist/): where the busy time goes, callees included.
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const inclusive = new Map<string, number>();
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  const seen = new Set<string>();
  for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
    const frame = nodeById.get(current)?.callFrame;
    if (frame === undefined || !frame.url.includes("/dist/")) continue;
    const key = `${frame.functionName || "(anonymous)"}  ${frame.url.replace(/^.*\/dist\//, "dist/")}:${frame.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + delta);
  }
});
process.stdout.write("\ninclusive (project functions):\n");
for (const [key, micros] of [...inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(countText ?? 30))) {
  process.stdout.write(
    `${((micros / busy) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${key}\n`,
  );
}
