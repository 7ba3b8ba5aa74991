import { describe, expect, it } from "vitest";
import { closestName, editDistance } from "./closest-name.js";

describe("closestName", () => {
  it("finds the key or id a typo was meant to be", () => {
    expect(closestName("baseurl", ["type", "base_url", "api_key"])).toBe("base_url");
    expect(closestName("prot", ["host", "port"])).toBe("port");
    expect(closestName("locl", ["local", "openai"])).toBe("local");
    expect(closestName("deployment", ["deployments", "fallbacks"])).toBe("deployments");
  });

  it("finds nothing for a name far from every candidate", () => {
    expect(closestName("meta-llama", ["local", "openai"])).toBeUndefined();
    expect(closestName("colour", ["host", "port"])).toBeUndefined();
  });

  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("prot", "port")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
});
