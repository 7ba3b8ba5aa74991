import { describe, expect, it } from "vitest";
import type { LoopbackServer } from "../support/listen-on-loopback.js";
import {
  ask,
  chatStreamStart,
  startGatewayFor,
  startRawUpstream,
  startUntrustedTlsUpstream,
  type ClientAnswer,
  type RawHandler,
} from "./support.js";

/**
 * Faults of the upstream's answer that the fake upstream has no switch for, each seen as a client
 * sees it: passthrough (a Chat client to an OpenAI upstream) and translated (a Messages client to
 * the same upstream), whole and streamed. The rows of docs/reliability.md cite these tests.
 */
type Route = "passthrough" | "translated";
const apiOf = { passthrough: "chat", translated: "messages" } as const;

async function answersFrom(upstream: LoopbackServer | string, route: Route, stream: boolean): Promise<ClientAnswer> {
  const gateway = await startGatewayFor(typeof upstream === "string" ? upstream : upstream.url);
  try {
    return await ask(gateway, apiOf[route], { stream });
  } finally {
    await gateway.close();
  }
}

/** The error message a client reads from a whole error answer, in its own API's shape. */
function errorMessage(route: Route, answer: ClientAnswer): string {
  const body = JSON.parse(answer.text) as { type?: string; error: { message: string; type: string } };
  if (route === "translated") expect(body.type).toBe("error");
  else expect(body.error.type).toBe("server_error");
  return body.error.message;
}

async function withUpstream(handler: RawHandler, run: (upstream: LoopbackServer) => Promise<void>): Promise<void> {
  const upstream = await startRawUpstream(handler);
  try {
    await run(upstream);
  } finally {
    await upstream.close();
  }
}

describe("a reset mid-stream", () => {
  const handler: RawHandler = (_request, response) => {
    response.writeHead(200, { "content-type": "text/event-stream" });
    response.write(chatStreamStart.join(""));
    setTimeout(() => response.socket?.destroy(), 20);
  };
  it("passthrough: the bytes already sent, then the client's own error event", async () => {
    await withUpstream(handler, async (upstream) => {
      const answer = await answersFrom(upstream, "passthrough", true);
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('"content":"Hello"');
      expect(answer.text.endsWith('"type":"server_error","param":null,"code":"server_error"}}\n\n')).toBe(true);
    });
  });
  it("translated: the text so far, then an Anthropic error event", async () => {
    await withUpstream(handler, async (upstream) => {
      const answer = await answersFrom(upstream, "translated", true);
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('"text":"Hello"');
      expect(answer.text).toMatch(/event: error\ndata: \{"type":"error","error":\{"type":"api_error",[^\n]*\n\n$/);
    });
  });
});

describe("malformed SSE", () => {
  const handler: RawHandler = (_request, response) => {
    response.writeHead(200, { "content-type": "text/event-stream" });
    response.end(`${chatStreamStart[0]}data: {"id": "c1", "choices": [ {oops\n\ndata: [DONE]\n\n`);
  };
  it("translated: an Anthropic error event, not a silent end", async () => {
    await withUpstream(handler, async (upstream) => {
      const answer = await answersFrom(upstream, "translated", true);
      expect(answer.status).toBe(200);
      expect(answer.text).toMatch(/event: error\ndata: \{"type":"error","error":\{"type":"api_error",[^\n]*\n\n$/);
    });
  });
  it("passthrough: the upstream's bytes as sent (the gateway does not re-validate a same-API stream)", async () => {
    await withUpstream(handler, async (upstream) => {
      const answer = await answersFrom(upstream, "passthrough", true);
      expect(answer.status).toBe(200);
      expect(answer.text).toContain("{oops");
    });
  });
});

describe("a truncated JSON body", () => {
  const handler: RawHandler = (_request, response) => {
    response.writeHead(200, { "content-type": "application/json", "content-length": "200" });
    response.write('{"id":"c1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assis');
    setTimeout(() => response.socket?.destroy(), 20);
  };
  for (const route of ["passthrough", "translated"] as const) {
    it(`${route}: 503 in the client's shape`, async () => {
      await withUpstream(handler, async (upstream) => {
        const answer = await answersFrom(upstream, route, false);
        expect(answer.status).toBe(503);
        expect(errorMessage(route, answer)).toBe("Could not reach up (UND_ERR_SOCKET).");
      });
    });
  }
});

describe("an HTML error page from a proxy in front of the upstream", () => {
  const handler: RawHandler = (_request, response) => {
    response.writeHead(502, { "content-type": "text/html" });
    response.end(
      "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
    );
  };
  for (const route of ["passthrough", "translated"] as const) {
    for (const stream of [false, true]) {
      it(`${route}${stream ? ", streamed" : ""}: 502 naming the page's title, not its markup`, async () => {
        await withUpstream(handler, async (upstream) => {
          const answer = await answersFrom(upstream, route, stream);
          expect(answer.status).toBe(502);
          expect(errorMessage(route, answer)).toBe(
            'up: an HTML page ("502 Bad Gateway") instead of an API answer: a proxy or gateway in front of the upstream answered',
          );
        });
      });
    }
  }
});

describe("a 200 with an empty body", () => {
  const handler: RawHandler = (_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end();
  };
  const expected: Record<`${Route}-${boolean}`, string> = {
    "passthrough-false": "The upstream up answered 200 with an empty body, not JSON.",
    "passthrough-true": "up ended the stream before sending anything.",
    "translated-false": "The upstream up answered with a body that is not JSON.",
    "translated-true": "up ended the stream before sending anything.",
  };
  for (const route of ["passthrough", "translated"] as const) {
    for (const stream of [false, true]) {
      it(`${route}${stream ? ", streamed" : ""}: 502 in the client's shape`, async () => {
        await withUpstream(handler, async (upstream) => {
          const answer = await answersFrom(upstream, route, stream);
          expect(answer.status).toBe(502);
          expect(errorMessage(route, answer)).toBe(expected[`${route}-${stream}`]);
        });
      });
    }
  }
});

describe("a wrong content type", () => {
  const html: RawHandler = (_request, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end("<html><body>Welcome to our portal</body></html>");
  };
  const json: RawHandler = (_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end('{"id":"c1","object":"chat.completion","choices":[]}');
  };
  const cases: Array<[string, RawHandler, Route, boolean, string]> = [
    ["an HTML 200", html, "passthrough", false, "The upstream up answered 200 with text/html, not JSON."],
    ["an HTML 200", html, "passthrough", true, "The upstream up answered 200 with text/html, not an event stream."],
    ["an HTML 200", html, "translated", false, "The upstream up answered with a body that is not JSON."],
    ["an HTML 200", html, "translated", true, "The upstream up answered 200 with text/html, not an event stream."],
    [
      "JSON for a stream",
      json,
      "passthrough",
      true,
      "The upstream up answered 200 with application/json, not an event stream.",
    ],
    [
      "JSON for a stream",
      json,
      "translated",
      true,
      "The upstream up answered 200 with application/json, not an event stream.",
    ],
  ];
  for (const [name, handler, route, stream, message] of cases) {
    it(`${name}, ${route}${stream ? ", streamed" : ""}: 502 before the first byte, in the client's shape`, async () => {
      await withUpstream(handler, async (upstream) => {
        const answer = await answersFrom(upstream, route, stream);
        expect(answer.status).toBe(502);
        expect(answer.contentType).toMatch(/^application\/json/);
        expect(errorMessage(route, answer)).toBe(message);
      });
    });
  }
});

describe("the upstream cannot be reached", () => {
  for (const route of ["passthrough", "translated"] as const) {
    it(`DNS failure, ${route}: 503 naming the provider and ENOTFOUND`, async () => {
      const answer = await answersFrom("http://no-such-host.invalid", route, true);
      expect(answer.status).toBe(503);
      expect(errorMessage(route, answer)).toBe("Could not reach up (ENOTFOUND).");
    });
    it(`connection refused, ${route}: 503 naming the provider and ECONNREFUSED`, async () => {
      // Port 9 (discard) has no listener here.
      const answer = await answersFrom("http://127.0.0.1:9", route, true);
      expect(answer.status).toBe(503);
      expect(errorMessage(route, answer)).toBe("Could not reach up (ECONNREFUSED).");
    });
    it(`a TLS certificate no one trusts, ${route}: 502 saying so and how to trust a private CA`, async () => {
      const upstream = await startUntrustedTlsUpstream((_request, response) => response.end("{}"));
      try {
        const answer = await answersFrom(upstream, route, true);
        expect(answer.status).toBe(502);
        expect(errorMessage(route, answer)).toBe(
          "up's TLS certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT). If a company proxy or a private CA signs it, point NODE_EXTRA_CA_CERTS at that CA's PEM file and restart.",
        );
      } finally {
        await upstream.close();
      }
    });
  }
});
