import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DetachError, startDetached } from "./start-detached.js";

// Issue 22: a data folder that cannot be created is a start-up fault of the machine, said in a
// sentence (DetachError, which `switchboard start` prints without a stack and exits 1).

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

async function freshHome(): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), "switchboard-detach-fault-"));
  folders.push(home);
  return home;
}

async function failure(env: NodeJS.ProcessEnv): Promise<unknown> {
  return startDetached({ startArguments: ["--port", "0"], env }).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("start --detach when the data folder cannot be used", () => {
  it("a data folder that cannot be created: names it, why, and what to do, before any child starts", async () => {
    const home = await freshHome();
    // A file where the folder should be: no one can create the folder under it (even as root).
    const blocker = join(home, "not-a-folder");
    await writeFile(blocker, "");
    const error = await failure({ HOME: home, XDG_DATA_HOME: blocker });
    expect(error).toBeInstanceOf(DetachError);
    expect((error as Error).message).toBe(
      `Cannot create Switchboard's data folder ${join(blocker, "switchboard")}: a file stands where a folder of its path should be. Set XDG_DATA_HOME to a folder you can write to, or fix that path.`,
    );
  });

  it("a log file that cannot be opened: names it and why", async () => {
    const home = await freshHome();
    const logFile = join(home, "data", "switchboard", "gateway.log");
    await mkdir(logFile, { recursive: true });
    const error = await failure({ HOME: home, XDG_DATA_HOME: join(home, "data") });
    expect(error).toBeInstanceOf(DetachError);
    expect((error as Error).message).toBe(
      `Cannot open the gateway's log file ${logFile}: it is a folder, not a file. Fix it or remove it, or set XDG_DATA_HOME to a folder you can write to.`,
    );
  });
});
