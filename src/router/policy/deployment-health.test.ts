import { describe, expect, it } from "vitest";
import { DeploymentHealth } from "./deployment-health.js";

describe("DeploymentHealth", () => {
  it("a used-up quota cools the deployment down at once; an ordinary failure only after allowed_fails", () => {
    const now = 1_000;
    const health = new DeploymentHealth({ allowedFails: 3, cooldownMs: 30_000, latencySmoothing: 0.3 }, () => now);
    health.fail("a/m");
    expect(health.availability("a/m")).toBe("available");
    health.fail("b/m", undefined, true);
    expect(health.availability("b/m")).toBe("cooling");
    expect(health.cooldownEnds("b/m")).toBe(31_000);
  });

  it("after a reload forgets removed providers' deployments, except those with a request still running", () => {
    const health = new DeploymentHealth();
    health.begin("gone/m");
    health.fail("gone/idle");
    health.fail("kept/m");
    health.retainProviders(["kept"]);
    expect(health.inFlight("gone/m")).toBe(1);
    expect(health.size).toBe(2);
    health.end("gone/m");
    health.retainProviders(["kept"]);
    expect(health.size).toBe(1);
  });

  it("takes new settings without losing what it learned", () => {
    let now = 0;
    const health = new DeploymentHealth({ allowedFails: 5, cooldownMs: 1_000, latencySmoothing: 0.3 }, () => now);
    health.succeed("a/m", 120);
    health.configure({ allowedFails: 1, cooldownMs: 10_000, latencySmoothing: 0.3 });
    expect(health.latencyMs("a/m")).toBe(120);
    health.fail("a/m");
    now = 5_000;
    expect(health.availability("a/m")).toBe("cooling");
  });

  it("stays bounded when clients name ever new models through a provider/* route", () => {
    const health = new DeploymentHealth();
    for (let index = 0; index < 12_000; index += 1) health.succeed(`p/model-${index}`, 10);
    expect(health.size).toBeLessThanOrEqual(10_000);
  });
});
