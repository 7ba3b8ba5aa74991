import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readJsonBody } from "./read-json-body.js";

describe("readJsonBody", () => {
  it("parses a JSON answer that arrives in several chunks", async () => {
    const body = Readable.from([Buffer.from('{"data":[{"id":'), Buffer.from('"gpt-5"}]}')]);
    expect(await readJsonBody(body)).toEqual({ data: [{ id: "gpt-5" }] });
  });

  it("answers undefined for an HTML page instead of throwing", async () => {
    expect(await readJsonBody(Readable.from([Buffer.from("<html>bad gateway</html>")]))).toBeUndefined();
  });

  it("stops reading an endless answer and treats it as not JSON", async () => {
    const megabyte = Buffer.alloc(1024 * 1024, " ");
    const endless = Readable.from(
      (function* () {
        yield Buffer.from("[");
        for (;;) yield megabyte;
      })(),
    );
    expect(await readJsonBody(endless)).toBeUndefined();
  });
});
