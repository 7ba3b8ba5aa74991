import type { Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface LoopbackServer {
  url: string;
  port: number;
  /** Destroys every open connection, upgraded ones included, then closes the server. */
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1, port 0, for a test server. Connections are tracked from the start because
 * `closeAllConnections` does not reach sockets handed over by an `upgrade`, and a test must not
 * wait on a client's keep-alive to end.
 */
export async function listenOnLoopback(server: Server): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  };
  server.on("connection", track);
  // Longer than a client keeps an idle socket (undici: the server's hint less a second). With Node's
  // 5 s, a loaded machine's late timers let the client reuse a socket the server is closing: an
  // ECONNRESET no test meant (seen once in 10,000 fuzz requests at load average 29).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
