import { protocols } from "../../protocols/registry.js";
import type { WireApi } from "../../protocols/wire-api.js";
import type { UpstreamResponse } from "../../providers/provider.js";
import type { ToolNameMap } from "../../translate/shared/lower-tools.js";
import type { EncodeResponseOptions } from "../../translate/translator.js";
import { releaseBody } from "../../upstream/release-body.js";
import type { ChunkPipe } from "./chunk-pipe.js";
import { readTurns } from "../turn/read-turns.js";
import { streamFailure, type Outcome } from "./served.js";
import { StreamTranslation } from "./stream-translation.js";

export interface TranslatedStreamOptions {
  upstream: UpstreamResponse;
  upstreamApi: WireApi;
  clientApi: WireApi;
  names: ToolNameMap;
  encodeOptions: EncodeResponseOptions;
  signal: AbortSignal;
  /** Called once, when the stream is over for whatever reason, with what it said. */
  settle: (outcome: Outcome) => void;
}

/**
 * A translated stream, pushed: each turn's upstream reads go through the synchronous translation and
 * what it makes is written at once, in one write. The translation stops at the upstream's last
 * event; the rest of the body is then drained so the connection can be reused. A failure is
 * written in-band after what was made before it.
 */
export function translatedStreamPipe(options: TranslatedStreamOptions): ChunkPipe {
  const { upstream, clientApi, signal, settle } = options;
  return {
    start(sink) {
      const body = upstream.body;
      const outcome: Outcome = {};
      const translation = new StreamTranslation(options, outcome);
      let over = false;
      /** Writes what the translation has made; `false` when the client is full. */
      const flush = () => {
        const text = translation.take();
        return text === "" || sink.write(text);
      };
      /** Ends the answer once. Complete: let the body end so its connection is reused. Otherwise: stop the upstream. */
      const finish = () => {
        if (over) return;
        over = true;
        reader.stop();
        if (translation.done && outcome.error === undefined) releaseBody(body);
        else body.destroy();
        sink.end();
        settle(outcome);
      };
      const fail = (thrown: unknown) => {
        // What was made before the failure still goes out, ahead of the error.
        flush();
        const error = streamFailure(thrown, signal);
        outcome.error = error;
        if (!signal.aborted) sink.write(protocols[clientApi].renderStreamError(error));
        finish();
      };
      const reader = readTurns(body, (chunk) => {
        if (over) return false;
        try {
          translation.push(chunk);
        } catch (thrown) {
          fail(thrown);
          return false;
        }
        const room = flush();
        if (translation.done) {
          finish();
          return false;
        }
        return room;
      });
      body.on("end", () => {
        if (over) return;
        try {
          translation.end();
        } catch (thrown) {
          return fail(thrown);
        }
        flush();
        finish();
      });
      body.on("error", (error: unknown) => {
        if (over) return;
        try {
          // The upstream's protocol decides how a broken stream reads (an error event, or a throw).
          translation.fail(error);
        } catch (thrown) {
          return fail(thrown);
        }
        flush();
        finish();
      });
      return {
        resume: () => reader.resume(),
        stop: () => {
          if (over) return;
          over = true;
          reader.stop();
          body.destroy();
          settle(outcome);
        },
      };
    },
  };
}
