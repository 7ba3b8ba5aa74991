/**
 * The share of a V8 `.cpuprofile`'s busy time spent inside frames that match a pattern (their
 * callees included), to say what one part of the gateway costs, e.g. the Redis client:
 *   node --import tsx bench/profile-share.ts PROFILE.cpuprofile "ioredis" ["limits/"] …
 * A frame matches when its script URL or function name matches the regular expression.
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string };
}

const [path, ...patterns] = process.argv.slice(2);
if (path === undefined || patterns.length === 0) throw new Error("usage: profile-share.ts PROFILE PATTERN…");
const profile = JSON.parse(readFileSync(path, "utf8")) as {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
};
const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

for (const pattern of patterns) {
  const matcher = new RegExp(pattern);
  let busy = 0;
  let inside = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    if (nodeById.get(id)?.callFrame.functionName === "(idle)") return;
    busy += delta;
    for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
      const frame = nodeById.get(current)?.callFrame;
      if (frame !== undefined && matcher.test(`${frame.url} ${frame.functionName}`)) {
        inside += delta;
        break;
      }
    }
  });
  process.stdout.write(
    `${pattern}: ${(inside / 1000).toFixed(0)} ms of ${(busy / 1000).toFixed(0)} ms busy (${((inside / busy) * 100).toFixed(1)} %)\n`,
  );
}
