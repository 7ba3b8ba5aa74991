import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Pool } from "undici";
import { describe, expect, it } from "vitest";
import { RequestAbortController } from "./request-abort-controller.js";

describe("RequestAbortController", () => {
  it("behaves as AbortController does for what the gateway uses", () => {
    for (const make of [() => new AbortController(), () => new RequestAbortController()]) {
      const controller = make();
      const { signal } = controller;
      const seen: string[] = [];
      const removed = () => seen.push("removed listener ran");
      signal.addEventListener("abort", () => seen.push(`listener: ${String(signal.aborted)}`), { once: true });
      signal.addEventListener("abort", removed);
      signal.removeEventListener("abort", removed);
      signal.onabort = () => seen.push("onabort");
      expect(signal.aborted).toBe(false);
      expect(() => signal.throwIfAborted()).not.toThrow();
      const reason = new Error("gone");
      controller.abort(reason);
      controller.abort(new Error("second"));
      expect(signal.aborted).toBe(true);
      expect(signal.reason).toBe(reason);
      expect(() => signal.throwIfAborted()).toThrow(reason);
      expect(seen.sort()).toEqual(["listener: true", "onabort"]);
    }
  });

  it("gives an AbortError when aborted without a reason, as AbortController does", () => {
    const controller = new RequestAbortController();
    controller.abort();
    expect(controller.signal.reason).toBeInstanceOf(DOMException);
    // Compared with a real controller aborted the same way, not with an unaborted one's `undefined`.
    const real = new AbortController();
    real.abort();
    expect((controller.signal.reason as DOMException).name).toBe((real.signal.reason as DOMException).name);
    expect((controller.signal.reason as DOMException).name).toBe("AbortError");
    expect((controller.signal.reason as DOMException).message).toBe((real.signal.reason as DOMException).message);
    // Made without stack frames (undici has Node format the reason's stack on every cancel), and
    // the stack limit is left as it was.
    expect((controller.signal.reason as DOMException).stack).not.toContain("\n    at ");
    expect(new Error("after").stack).toContain("\n    at ");
  });

  it("makes the errors of a client's leaving without stack frames, and keeps them for a given reason", () => {
    const stacks = (reason?: unknown) => {
      const controller = new RequestAbortController();
      let made = "";
      controller.signal.addEventListener("abort", () => (made = new Error("made by a listener").stack ?? ""));
      controller.abort(reason);
      return made;
    };
    expect(stacks()).toBe("Error: made by a listener");
    expect(stacks(new Error("deadline"))).toContain("\n    at ");
    expect(new Error("after").stack).toContain("\n    at ");
  });

  it("cancels an undici request in flight, which rejects with the reason", async () => {
    let closed!: () => void;
    const upstreamSawClose = new Promise<void>((resolve) => (closed = resolve));
    // An upstream that never answers: only the cancellation can end the request.
    const server = createServer((request) => request.socket.once("close", closed));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      const controller = new RequestAbortController();
      const pending = pool.request({ method: "POST", path: "/", body: "{}", signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const reason = new Error("client left");
      controller.abort(reason);
      await expect(pending).rejects.toBe(reason);
      await upstreamSawClose;
    } finally {
      await pool.destroy();
      server.closeAllConnections();
      server.close();
    }
  });
});
