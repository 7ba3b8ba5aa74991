import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readBody } from "./read-body.js";

describe("readBody", () => {
  it("joins the chunks of an upstream answer", async () => {
    expect((await readBody(Readable.from([Buffer.from("ab"), "cd"]))).toString()).toBe("abcd");
  });

  it("refuses an answer over the limit instead of holding it in memory", async () => {
    const body = Readable.from([Buffer.alloc(6), Buffer.alloc(6)]);
    await expect(readBody(body, 10)).rejects.toMatchObject({ code: "upstream_error" });
    expect(body.destroyed).toBe(true);
  });

  it("rejects with the stream's own error when the upstream fails mid-answer", async () => {
    const failure = new Error("socket hang up");
    const body = new Readable({ read() {} });
    const reading = readBody(body);
    body.push(Buffer.from('{"partial":'));
    body.destroy(failure);
    await expect(reading).rejects.toBe(failure);
  });

  it("rejects an answer cut off without an error instead of returning half of it", async () => {
    const body = new Readable({ read() {} });
    const reading = readBody(body);
    body.push(Buffer.from('{"partial":'));
    body.destroy();
    await expect(reading).rejects.toMatchObject({ code: "upstream_error" });
  });
});
