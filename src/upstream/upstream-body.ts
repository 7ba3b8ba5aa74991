import { Readable } from "node:stream";
import type { Dispatcher } from "undici";

function ignoreError(): void {}

/**
 * What a body's abort tells undici when its reader went away. One for every body: nobody reads it
 * (the body is already destroyed when undici reports it back), and a new error per cancelled
 * request would capture a stack each time.
 */
const readerLeft = new Error("The reader of the upstream body went away.");

/**
 * The body of an upstream answer, fed straight by the undici dispatch handler that received it
 * (`sendUpstream`): one readable per answer, with backpressure through the dispatch controller.
 * Destroying it aborts the request at once, which closes the socket: a reader that goes away must
 * not keep the upstream generating.
 *
 * It also tells when the first chunk is in (`takeFirstChunk`), which a streamed answer waits for
 * before it counts as started. It sees every chunk anyway, so the attempt needs no reader of its
 * own: the chunk stays in the body for the stream's reader.
 */
export class UpstreamBody extends Readable {
  /** The first chunk or the end has come (or the body failed first). */
  private started = false;
  /** The answer came whole: nothing left to abort. */
  private complete = false;
  /**
   * The first chunk (`null`: the body ended empty) until `takeFirstChunk` hands it over. Not kept
   * after: a chunk is a view of the socket's read buffer, tens of KB that would stay alive with
   * the body (measured, Claude Code streams at 64 clients: peak RSS 221–225 MB in half the runs
   * while every body held its first chunk, 171–182 MB in every run since).
   */
  private held: Buffer | null | undefined;
  private taken = false;
  private failure: Error | undefined;
  private waiting: { resolve: (chunk: Buffer | null) => void; reject: (error: Error) => void } | undefined;

  /**
   * @param controller undici's control of the request: pause, resume, abort.
   * @param onClose called once when the body is over, however it ended (the sender's clean-up).
   */
  constructor(
    private readonly controller: Dispatcher.DispatchController,
    private readonly onClose: () => void,
  ) {
    super();
    // Until a reader comes, nobody listens for `error`: a failure before the first chunk reaches
    // the attempt through `takeFirstChunk`, and must not also be an unhandled error event.
    this.on("error", ignoreError);
  }

  /** A chunk from upstream; a full buffer pauses the socket until the reader asks for more. */
  receive(chunk: Buffer): void {
    if (!this.started) this.settleFirst(chunk);
    if (!this.push(chunk)) this.controller.pause();
  }

  /** The upstream's answer is complete. */
  finish(): void {
    this.complete = true;
    if (!this.started) this.settleFirst(null);
    this.push(null);
  }

  /**
   * Resolves once the first chunk is in (it stays in the body for its reader too), or `null` when
   * the body ended empty; rejects when it failed first. For one caller: the attempt.
   */
  takeFirstChunk(): Promise<Buffer | null> {
    if (this.taken) throw new Error("the first chunk of an upstream body is taken once");
    this.taken = true;
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.started) {
      const chunk = this.held ?? null;
      this.held = undefined;
      return Promise.resolve(chunk);
    }
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  override _read(): void {
    this.controller.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // After the whole answer there is nothing to abort (undici would ignore it anyway).
    if (!this.complete) this.controller.abort(error ?? readerLeft);
    this.held = undefined;
    if (!this.started) {
      // Destroyed before anything came: with an error, that is the stream's failure; without
      // one (the reader left), the body is as good as empty.
      if (error === null) this.settleFirst(null);
      else {
        this.started = true;
        this.failure = error;
        this.waiting?.reject(error);
        this.waiting = undefined;
      }
    }
    this.onClose();
    callback(error);
  }

  private settleFirst(chunk: Buffer | null): void {
    this.started = true;
    // Nobody waiting yet: kept for `takeFirstChunk` (which, once called, waits until now). Once
    // it has been called, a chunk is never held: either it was already in, or someone waits.
    if (this.waiting === undefined) {
      this.held = chunk;
      return;
    }
    this.waiting.resolve(chunk);
    this.waiting = undefined;
  }
}
