import type { FastifyInstance } from "fastify";

/**
 * Stops accepting, lets the requests in flight finish for at most `graceMs`, then cuts whatever
 * is left. Connections that fall idle after their last response are closed as they do (a
 * keep-alive client would otherwise hold the close open for the whole grace period).
 */
export async function closeGracefully(app: FastifyInstance, graceMs: number): Promise<void> {
  const closing = app.close();
  const sweeper = setInterval(() => app.server.closeIdleConnections(), 100);
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  try {
    await Promise.race([closing, graceOver]);
  } finally {
    clearInterval(sweeper);
    clearTimeout(timer);
  }
  app.server.closeAllConnections();
  await closing;
}
