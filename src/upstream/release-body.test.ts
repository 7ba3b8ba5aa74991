import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { releaseBody } from "./release-body.js";

describe("releaseBody", () => {
  it("lets a body that is about to end finish on its own (its connection can be reused)", async () => {
    const body = new Readable({ read() {} });
    body.push("data: [DONE]\n\n");
    releaseBody(body, 1_000);
    body.push(null);
    await new Promise((resolve) => body.once("end", resolve));
    expect(body.readableEnded).toBe(true);
    expect(body.destroyed).toBe(true); // autoDestroy after a natural end, not a cut
    expect(body.errored).toBeNull();
  });

  it("cuts a body whose rest does not come within the grace period", async () => {
    const body = new Readable({ read() {} });
    releaseBody(body, 20);
    await new Promise((resolve) => body.once("close", resolve));
    expect(body.readableEnded).toBe(false);
  });
});
