/**
 * What V8 does to the young generation of an idle process, with and without the flag the
 * `switchboard` command started Node with in session 10 (`--min-semi-space-size=16`; session 11
 * replaced it with `--no-memory-reducer`, see bench/RESULTS.md). Each case is a child process
 * (both run at once) that allocates under load for 2 s, idles `--idle` seconds, then allocates a
 * little, as a gateway does when the next request comes in; it prints the new space's size after
 * each phase.
 *   node --import tsx bench/young-generation-after-idle.ts [--idle 20]
 */
import { execFile } from "node:child_process";
import { parseArgs, promisify } from "node:util";

const { values } = parseArgs({ options: { idle: { type: "string", default: "20" } } });
const run = promisify(execFile);

const child = `
const v8 = require("node:v8");
const newSpaceMb = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size / 2 ** 20;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const allocate = (ms) => {
  const end = Date.now() + ms;
  let kept = [];
  while (Date.now() < end) {
    kept.push({ list: new Array(50).fill(1), text: "x" + Math.random() });
    if (kept.length > 20000) kept = [];
  }
};
(async () => {
  const sizes = [newSpaceMb()];
  for (let i = 0; i < 20; i++) { allocate(100); await sleep(5); }
  sizes.push(newSpaceMb());
  await sleep(${Number(values.idle) * 1000});
  for (let i = 0; i < 40; i++) { allocate(2); await sleep(100); }
  sizes.push(newSpaceMb());
  console.log(JSON.stringify(sizes));
})();
`;

const cases: [string, string[]][] = [
  ["node (default)", []],
  ["node --min-semi-space-size=16", ["--min-semi-space-size=16"]],
];
process.stdout.write(`new space MB: at start / after 2 s of load / after ${values.idle} s idle and a little work\n`);
await Promise.all(
  cases.map(async ([name, flags]) => {
    const { stdout } = await run(process.execPath, [...flags, "-e", child], { encoding: "utf8" });
    const [start, loaded, afterIdle] = JSON.parse(stdout) as number[];
    process.stdout.write(`${name.padEnd(32)} ${start} / ${loaded} / ${afterIdle}\n`);
  }),
);
