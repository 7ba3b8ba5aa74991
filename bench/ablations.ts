/**
 * What Switchboard does on a request that the floor does not, each as an edit that switches it
 * off in a copy of the source (`bench/ablate.ts` builds and measures each copy). They are data,
 * not patch files: an edit names the exact text it replaces, so a change to that code makes
 * `ablations.test.ts` fail instead of the measurement silently measuring nothing.
 *
 * A build with an ablation is not a working gateway (no usage, no deadline, no validation): it
 * exists only to price the feature it removes.
 */
import type { SourceEdit } from "./worktree-build.js";

export interface Ablation {
  name: string;
  /** What the build without it no longer does, in the words of a results table. */
  removes: string;
  edits: SourceEdit[];
}

export const ablations: Ablation[] = [
  {
    name: "usage tap",
    removes: "reading a passthrough stream's events for usage and finish reason",
    edits: [
      {
        file: "src/gateway/stream/tap-stream.ts",
        find: "if (reading) note(reader.push(chunk));",
        replace: "void chunk;",
      },
      {
        file: "src/gateway/stream/tap-stream.ts",
        find: "    if (!reading) return summary.sawTerminalEvent;",
        replace: "    summary.sawTerminalEvent = true;\n    reading = false;\n    return true;",
      },
      {
        file: "src/gateway/stream/tap-stream.ts",
        find: "      if (summary.tapFailure === undefined) {",
        replace: "      if (summary.tapFailure === kept) {",
      },
    ],
  },
  {
    name: "request validation",
    removes: "checking the request body against its API's schema",
    edits: [
      {
        file: "src/gateway/handle-request.ts",
        find: "const request = protocol.parseRequest(parsed);",
        replace: "const request = parsed as never;",
      },
    ],
  },
  {
    name: "turn facts",
    removes: "reading who started the turn, side requests and images (Copilot's headers)",
    edits: [
      {
        file: "src/gateway/handle-request.ts",
        find: "const turn = describeTurn(clientApi, parsed);",
        replace: 'const turn: TurnFacts = { initiator: "user", hasImages: false };\n  void describeTurn;',
      },
    ],
  },
  {
    name: "route deadline",
    removes: "the timer that bounds how long a route may take to start answering",
    edits: [
      {
        file: "src/router/policy/run-with-policy.ts",
        find: `      this.#timer = setTimeout(
        () => {
          this.expired = true;
          abort(AttemptDeadline.#passed());
        },
        Math.max(0, remainingMs),
      );
      return;`,
        replace: "      this.#timer = undefined as never;\n      void remainingMs;\n      return;",
      },
    ],
  },
  {
    name: "usage record",
    removes: "handing the request's usage record to the sink",
    edits: [
      {
        file: "src/gateway/handle-request.ts",
        find: "dependencies.usageSink.record(record);",
        replace: "void record;",
      },
    ],
  },
  {
    name: "routing headers",
    removes: "the x-request-id and x-switchboard-* headers of the answer",
    edits: [
      {
        file: "src/gateway/handle-request.ts",
        find: '{ "x-request-id": requestId },',
        replace: "{},",
      },
      {
        file: "src/gateway/reply/routing-headers.ts",
        find: '  const headers: Record<string, string> = {\n    "x-switchboard-provider": headerSafe(options.provider),',
        replace:
          '  if (options.attempts.length > 0) return {};\n  const headers: Record<string, string> = {\n    "x-switchboard-provider": headerSafe(options.provider),',
      },
    ],
  },
];

/** Every ablation at once: what is left is Switchboard's plumbing alone. */
export const allAblations: Ablation = {
  name: "all of the above",
  removes: "every feature above at once",
  edits: ablations.flatMap((ablation) => ablation.edits),
};
