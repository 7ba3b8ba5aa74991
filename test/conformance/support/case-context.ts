import type { WireApi } from "../../../src/protocols/wire-api.js";
import type { ClientDriver } from "./neutral-turn.js";
import type { RecordedUpstreamCall, ScriptedReply } from "./scripted-reply.js";
import type { UpstreamHistory } from "./upstream-history.js";
import type { UpstreamSettings } from "./upstream-settings.js";
import type { UpstreamView } from "./upstream-view.js";

/** Decides the upstream's answer to one request, from what that request carried. */
export type UpstreamScript = (view: UpstreamView, call: RecordedUpstreamCall) => ScriptedReply;

/** What a conformance case gets: the client, the pair, and control over the fake upstream. */
export interface CaseContext {
  driver: ClientDriver;
  clientApi: WireApi;
  upstreamApi: WireApi;
  stream: boolean;
  /** The model name the client asks for; the gateway routes it to the fake upstream. */
  model: string;
  script(script: UpstreamScript): void;
  /** Requests the upstream received since the case started. */
  upstreamCalls(): RecordedUpstreamCall[];
  upstreamViews(): UpstreamView[];
  upstreamSettings(): UpstreamSettings[];
  upstreamHistories(): UpstreamHistory[];
}

export interface ConformanceCase {
  name: string;
  /** Runs only when the client streams (`stream`) or only when it does not (`non-stream`). */
  only?: "stream" | "non-stream";
  run(context: CaseContext): Promise<void>;
}
