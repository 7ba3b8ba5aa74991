import fc from "fast-check";
import type { WireApi } from "../../../src/protocols/wire-api.js";
import { richBodies } from "./rich-bodies.js";
import { routeKinds } from "./start-hardening-stack.js";
import { fieldPaths, withValueAt, wrongValue } from "./wrong-values.js";

/** One fuzz case: which client route, and the raw body text sent there. */
export interface FuzzCase {
  clientApi: WireApi;
  alias: string;
  body: string;
}

const clientApis: WireApi[] = ["openai-chat", "openai-responses", "anthropic-messages"];

/** A value to put somewhere: mostly small wrong values, now and then an extreme size. */
const fuzzValue = fc.oneof(
  { weight: 20, arbitrary: fc.anything({ maxDepth: 2, maxKeys: 3 }) },
  // Extreme sizes are a small share: they are slow to build and send, and 10,000 requests have 60 s.
  { weight: 10, arbitrary: wrongValue({ extremeWeight: 1 }) },
);

type Mutation =
  | { kind: "replace"; pick: number; value: unknown }
  | { kind: "delete"; pick: number }
  | { kind: "add"; pick: number; key: string; value: unknown }
  | { kind: "swap-root"; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant("replace" as const), pick: fc.nat(), value: fuzzValue }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("add" as const),
      pick: fc.nat(),
      key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("type", "role", "content", "text", "__proto__")),
      value: fuzzValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("swap-root" as const), value: fuzzValue }) },
);

/** The rich bodies of one client API and route, and every path in each, made once. */
const made = new Map<string, Array<{ body: unknown; paths: Array<Array<string | number>> }>>();
function bodiesFor(clientApi: WireApi, alias: string, stream: boolean) {
  const key = `${clientApi} ${alias} ${String(stream)}`;
  let bodies = made.get(key);
  if (bodies === undefined) {
    bodies = richBodies(clientApi, alias, stream).map((body) => ({ body, paths: fieldPaths(body) }));
    made.set(key, bodies);
  }
  return bodies;
}

/** Whether `path` still leads into objects of `body` (an earlier change may have replaced a parent). */
function reaches(body: unknown, path: Array<string | number>): boolean {
  let node = body;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== "object" || node === null) return false;
    node = (node as Record<string | number, unknown>)[key];
  }
  return typeof node === "object" && node !== null;
}

/** Paths are the original body's: a change under a part an earlier change replaced is skipped. */
function applyMutation(body: unknown, paths: Array<Array<string | number>>, change: Mutation): unknown {
  if (change.kind === "swap-root") return change.value;
  const path = paths[change.pick % paths.length] as Array<string | number>;
  if (!reaches(body, path)) return body;
  if (change.kind === "replace") return withValueAt(body, path, change.value);
  if (change.kind === "delete") return withValueAt(body, path, undefined);
  // Adds a field beside the picked one (to its parent object, when it is an object).
  const parentPath = path.slice(0, -1);
  let parent: unknown = body;
  for (const key of parentPath) parent = (parent as Record<string | number, unknown>)[key];
  if (typeof parent !== "object" || parent === null || Array.isArray(parent)) return body;
  return withValueAt(body, [...parentPath, change.key], change.value);
}

/** A byte-level change to the JSON text: cut it short or change one character. */
const textDamage = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("flip" as const),
      at: fc.nat(),
      char: fc.string({ minLength: 1, maxLength: 1 }),
    }),
  },
);

/** Mutated requests of every client API, aimed at every route kind: 1–3 structural changes, sometimes a damaged text. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc
  .record({
    clientApi: fc.constantFrom(...clientApis),
    route: fc.constantFrom(...routeKinds),
    stream: fc.boolean(),
    bodyIndex: fc.nat(),
    mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
    damage: fc.option(textDamage, { freq: 10 }),
  })
  .map(({ clientApi, route, stream, bodyIndex, mutations, damage }) => {
    const bodies = bodiesFor(clientApi, route.alias, stream);
    const original = bodies[bodyIndex % bodies.length] as { body: unknown; paths: Array<Array<string | number>> };
    let body = original.body;
    for (const change of mutations) body = applyMutation(body, original.paths, change);
    let text = JSON.stringify(body) ?? "";
    if (damage !== null) {
      const at = damage.at % Math.max(text.length, 1);
      text = damage.kind === "truncate" ? text.slice(0, at) : `${text.slice(0, at)}${damage.char}${text.slice(at + 1)}`;
    }
    return { clientApi, alias: route.alias, body: text };
  });
