import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import { describe, expect, it } from "vitest";
import type { ChunkPipe, ChunkSink } from "../gateway/stream/chunk-pipe.js";
import { sendReply } from "./send-reply.js";

/** Serves one streamed reply whose producer the test drives, over a real socket. */
async function serveStream() {
  const seen = { resumed: 0, stopped: 0 };
  let sink: ChunkSink | undefined;
  let served: Promise<void> | undefined;
  let response: ServerResponse | undefined;
  const pipe: ChunkPipe = {
    start(given) {
      sink = given;
      return { resume: () => seen.resumed++, stop: () => seen.stopped++ };
    },
  };
  const server = createServer((_request, given) => {
    response = given;
    served = sendReply(given, {
      status: 200,
      headers: { "content-type": "text/event-stream" },
      body: { kind: "stream", pipe },
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    seen,
    sink: () => sink,
    served: () => served,
    response: () => response,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe("sendReply: a stream", () => {
  it("writes each chunk as it is pushed, ends, and leaves no listener behind", async () => {
    const stream = await serveStream();
    try {
      const { body, statusCode, headers } = await request(stream.url);
      expect(statusCode).toBe(200);
      expect(headers["content-type"]).toBe("text/event-stream");
      const sink = stream.sink();
      if (sink === undefined) throw new Error("the stream did not start");
      const reads = body[Symbol.asyncIterator]();
      sink.write("data: one\n\n");
      expect(String((await reads.next()).value)).toBe("data: one\n\n");
      sink.write("data: two\n\n");
      sink.end();
      let rest = "";
      for (let next = await reads.next(); next.done !== true; next = await reads.next()) rest += String(next.value);
      expect(rest).toBe("data: two\n\n");
      await stream.served();
      expect(stream.response()?.listenerCount("drain")).toBe(0);
      expect(stream.seen.stopped).toBe(0);
    } finally {
      await stream.close();
    }
  });

  it("takes a producer that writes and ends inside start", async () => {
    const server = createServer((_request, response) => {
      void sendReply(response, {
        status: 200,
        headers: { "content-type": "text/event-stream" },
        body: {
          kind: "stream",
          pipe: {
            start(sink) {
              sink.write("data: all at once\n\n");
              sink.end();
              return { resume: () => undefined, stop: () => undefined };
            },
          },
        },
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const { body } = await request(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(await body.text()).toBe("data: all at once\n\n");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("stops the producer when the client leaves, and settles", async () => {
    const stream = await serveStream();
    try {
      const controller = new AbortController();
      const { body } = await request(stream.url, { signal: controller.signal });
      stream.sink()?.write("data: one\n\n");
      await body[Symbol.asyncIterator]().next();
      controller.abort();
      await stream.served();
      expect(stream.seen.stopped).toBe(1);
      // Nothing is written to a client that has gone: later writes are taken and dropped.
      expect(stream.sink()?.write("data: late\n\n")).toBe(true);
    } finally {
      await stream.close();
    }
  });
});
