import type { StreamPart } from "../../ir/stream-part.js";
import { SseReader, type SseEvent } from "../../lib/sse.js";
import type { WireApi } from "../../protocols/wire-api.js";
import { translators } from "../../translate/registry.js";
import type { StreamNameRestorer, ToolNameMap } from "../../translate/shared/lower-tools.js";
import type { EncodeResponseOptions, StreamDecoder, StreamEncoder } from "../../translate/translator.js";
import { noteOutcome, type Outcome } from "./served.js";

/**
 * One translated stream, driven synchronously: each upstream read goes through SSE parsing, the
 * upstream's decoder, the tool-name restorer and the client's encoder in one pass, and what it
 * makes is collected as one string (`take`). A stream of 44 events used to cross six async
 * layers per event; now the only asynchronous step is reading the upstream.
 *
 * The finish or error part is noted in `outcome` as it goes by. Once the decoder or encoder is
 * `done`, later input is ignored and the caller stops reading.
 */
export class StreamTranslation {
  private readonly sse = new SseReader();
  private readonly decoder: StreamDecoder;
  /** Undefined when no tool was lowered: parts go to the encoder as they are. */
  private readonly restorer: StreamNameRestorer | undefined;
  private readonly encoder: StreamEncoder;
  private output = "";
  /** The decoder has made its last part (and the encoder was told when the parts ended without one). */
  private decoderDone = false;

  constructor(
    options: {
      upstreamApi: WireApi;
      clientApi: WireApi;
      names: ToolNameMap;
      encodeOptions: EncodeResponseOptions;
    },
    private readonly outcome: Outcome,
  ) {
    this.decoder = translators[options.upstreamApi].createStreamDecoder();
    this.restorer = options.names.size === 0 ? undefined : options.names.streamRestorer();
    this.encoder = translators[options.clientApi].createStreamEncoder(options.encodeOptions);
  }

  get done(): boolean {
    return this.decoderDone || this.encoder.done;
  }

  /** One upstream read: every event it completes. */
  push(chunk: Uint8Array | string): void {
    for (const event of this.sse.push(chunk)) this.event(event);
  }

  /** The upstream body ended. */
  end(): void {
    for (const event of this.sse.end()) this.event(event);
    if (!this.done) this.decoded(this.decoder.end());
    this.closeDecoder();
  }

  /** Reading the upstream failed. Throws when the upstream's protocol leaves the report to the caller. */
  fail(error: unknown): void {
    if (this.done) return;
    this.decoded(this.decoder.fail(error));
    this.closeDecoder();
  }

  /** The client text made since the last call ("" when none). */
  take(): string {
    const output = this.output;
    this.output = "";
    return output;
  }

  private event(event: SseEvent): void {
    if (this.done) return;
    this.decoded(this.decoder.push(event));
    if (this.decoder.done) this.closeDecoder();
  }

  private decoded(parts: readonly StreamPart[]): void {
    if (this.restorer === undefined) {
      for (const part of parts) this.encode(part);
      return;
    }
    for (const part of parts) for (const restored of this.restorer.push(part)) this.encode(restored);
  }

  private encode(part: StreamPart): void {
    if (this.encoder.done) return;
    noteOutcome(part, this.outcome);
    this.output += this.encoder.push(part);
  }

  /** The decoder has no more parts: parts that ended without `finish` or `error` still close the client's stream. */
  private closeDecoder(): void {
    if (this.decoderDone) return;
    this.decoderDone = true;
    if (!this.encoder.done) this.output += this.encoder.end();
  }
}
