import type { ChunkPipe } from "./chunk-pipe.js";
import type { Principal } from "../keys/key-authenticator.js";
import type { WireApi } from "../protocols/wire-api.js";

/** One client request as the server hands it over: no HTTP framework types. */
export interface GatewayInput {
  clientApi: WireApi;
  /**
   * The body parsed once by the server. `handle` takes it over and leaves `undefined` here
   * (`RequestBody.take`), so that nothing else keeps the parse tree while the request runs.
   */
  body: unknown;
  /** The body's original bytes (the same JSON as `body`), forwarded as they are on passthrough. */
  rawBody: Buffer;
  /** The raw query string including `?` (Claude Code's `?beta=true`), or empty. */
  query: string;
  headers: Record<string, string | string[] | undefined>;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /**
   * Aborts `signal`, when that signal is this request's own (an HTTP request's; a WebSocket's
   * serves many requests and has none): the route's deadline then aborts it directly.
   */
  abort?: (reason: unknown) => void;
  requestId: string;
  /** Who the server authenticated (src/keys); absent when no key is checked. */
  principal?: Principal;
}

export type ReplyBody =
  | { kind: "json"; value: unknown }
  | { kind: "bytes"; data: Buffer }
  /**
   * Already-framed chunks, pushed by their producer as the upstream sends them and written to the
   * client as they come (`pipeChunks` reads them as an async iterable). Failures are written in-band.
   */
  | { kind: "stream"; pipe: ChunkPipe };

export interface GatewayReply {
  status: number;
  headers: Record<string, string>;
  body: ReplyBody;
}
