import { afterEach, describe, expect, it } from "vitest";
import { startFakeGithub, type DeviceAnswer, type FakeGithub } from "../../../test/fake-github/start-fake-github.js";
import { runDeviceFlow, type DeviceCode } from "./run-device-flow.js";

let fake: FakeGithub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function signIn(answers: DeviceAnswer[], expiresIn = 900) {
  fake = await startFakeGithub({ deviceAnswers: answers, deviceInterval: 5, deviceExpiresIn: expiresIn });
  let clock = 0;
  const waits: number[] = [];
  const codes: DeviceCode[] = [];
  const slowDowns: number[] = [];
  const outcome = runDeviceFlow({
    githubUrl: fake.githubUrl,
    now: () => clock,
    sleep: async (milliseconds) => {
      waits.push(milliseconds);
      clock += milliseconds;
    },
    callbacks: { onCode: (code) => codes.push(code), onSlowDown: (interval) => slowDowns.push(interval) },
  });
  return { outcome, waits, codes, slowDowns, fake };
}

describe("the device flow", () => {
  it("shows the code, keeps polling while pending, slows down by 5 s when asked, and returns the token", async () => {
    const run = await signIn(["authorization_pending", "slow_down", "authorization_pending", "success"]);
    expect(await run.outcome).toEqual({ token: "ghu_fromdevice", scope: "read:user" });
    expect(run.codes).toEqual([
      {
        userCode: "ABCD-1234",
        verificationUri: `${run.fake.githubUrl}/login/device`,
        expiresInSeconds: 900,
        intervalSeconds: 5,
      },
    ]);
    expect(run.waits).toEqual([5000, 5000, 10000, 10000]);
    expect(run.slowDowns).toEqual([10]);
    const codeRequest = run.fake.state.deviceCodeRequests[0];
    expect(codeRequest?.body).toEqual({ client_id: "Iv1.b507a08c87ecfe98", scope: "read:user" });
    expect(codeRequest?.headers["accept"]).toBe("application/json");
    expect(run.fake.state.devicePolls).toHaveLength(4);
  });

  it("explains an expired code", async () => {
    const run = await signIn(["authorization_pending", "expired_token"]);
    await expect(run.outcome).rejects.toMatchObject({
      code: "authentication",
      message: expect.stringMatching(/ABCD-1234 expired .*switchboard login github/),
    });
  });

  it("stops polling on its own once the code's lifetime has passed", async () => {
    const run = await signIn(["authorization_pending"], 12);
    await expect(run.outcome).rejects.toMatchObject({ message: expect.stringContaining("expired") });
    expect(run.fake.state.devicePolls.length).toBe(3);
  });

  it("explains a refusal in the browser", async () => {
    const run = await signIn(["access_denied"]);
    await expect(run.outcome).rejects.toMatchObject({
      code: "authentication",
      message: expect.stringContaining("access denied"),
    });
  });
});
