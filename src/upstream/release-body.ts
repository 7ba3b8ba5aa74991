import type { Readable } from "node:stream";

/** How long a body no longer needed may take to end on its own before it is cut. */
const defaultGraceMs = 2_000;

/**
 * Lets an upstream body the gateway has finished with end on its own, so its keep-alive
 * connection goes back to the pool; cuts it if the rest does not come within the grace period.
 * A translated stream is complete at the upstream's last event, which often arrives a read
 * before the body's own end (the chunked-encoding terminator): destroying the body there would
 * close the connection and make the next request open a new one.
 */
export function releaseBody(body: Readable, graceMs = defaultGraceMs): void {
  if (body.readableEnded || body.destroyed) return;
  const timer = setTimeout(() => body.destroy(), graceMs);
  timer.unref();
  const settled = () => clearTimeout(timer);
  body.once("end", settled);
  body.once("close", settled);
  // What is left is not needed; an error now (a reset) only means the connection is not reused.
  body.on("error", settled);
  body.resume();
}
