import { ReplyError, type Redis } from "ioredis";
import { settleThenAdmitScript } from "./limit-scripts.js";

/** One request's share of a call: its five counter keys and its arguments. */
export interface ScriptPart {
  keys: string[];
  args: (string | number)[];
}

export interface ScriptBatcher {
  /** Resolves with the request's code (`limitCodes`), decided by Redis in the call it went out with. */
  admit(part: ScriptPart): Promise<number>;
  settle(part: ScriptPart): Promise<void>;
  /** Sends the settles still waiting and waits for every call in flight: before the connection goes. */
  flush(): Promise<void>;
}

type ScriptClient = Redis & {
  /** The number of keys first, then keys, then the number of settles and the arguments. */
  switchboardLimits(...arguments_: (string | number)[]): Promise<number[]>;
};

interface Waiter<Value> {
  part: ScriptPart;
  resolve: (value: Value) => void;
  reject: (error: unknown) => void;
}

/**
 * Settles wait this long for an admission to ride with, else go on their own (a round trip costs
 * ~30 µs of ioredis CPU here, as much as the rest of a key's check): a slot in flight or a spend is
 * counted at most this late.
 */
const settleWaitMs = 2;
/** At most this many admissions, and as many settles, in one call (one script's run time blocks Redis). */
const batchMax = 64;

/**
 * Shares `EVALSHA` round trips between requests without delaying any. An admission goes at once
 * when no admission call is in flight; while one is, the admissions that come queue and go
 * together as soon as it returns, so each is still decided by one atomic script on the global
 * counters, in the order they came. Settles wait up to `settleWaitMs` and ride with the next
 * admission call, settled before it (a slot they free is free for it); with no admission coming
 * they go on their own. A failed call (Redis down, a timeout) fails every request it carried.
 */
export function createScriptBatcher(redis: Redis): ScriptBatcher {
  const client = redis as ScriptClient;
  if (typeof client.switchboardLimits !== "function") {
    client.defineCommand("switchboardLimits", { lua: settleThenAdmitScript });
  }
  let admissions: Waiter<number>[] = [];
  let settles: Waiter<void>[] = [];
  let admissionInFlight = false;
  let settleTimer: NodeJS.Timeout | undefined;
  const callsInFlight = new Set<Promise<unknown>>();

  /** Resolves with the call's error when it failed (each waiter has been rejected with it), else undefined. */
  function send(sendingSettles: Waiter<void>[], sendingAdmissions: Waiter<number>[]): Promise<unknown> {
    const keys: string[] = [];
    const args: (string | number)[] = [sendingSettles.length];
    for (const waiter of [...sendingSettles, ...sendingAdmissions]) {
      keys.push(...waiter.part.keys);
      args.push(...waiter.part.args);
    }
    const call = client.switchboardLimits(keys.length, ...keys, ...args).then(
      (codes): unknown => {
        for (const waiter of sendingSettles) waiter.resolve();
        sendingAdmissions.forEach((waiter, index) => waiter.resolve(codes[index]!));
        return undefined;
      },
      (error: unknown) => {
        for (const waiter of [...sendingSettles, ...sendingAdmissions]) waiter.reject(error);
        return error ?? new Error("the limits script failed");
      },
    );
    callsInFlight.add(call);
    void call.finally(() => callsInFlight.delete(call));
    return call;
  }

  /** The settles waiting, up to a batch; a timer stays only for those left behind. */
  function takeSettles(): Waiter<void>[] {
    const taken = settles.slice(0, batchMax);
    settles = settles.slice(batchMax);
    if (settleTimer !== undefined) clearTimeout(settleTimer);
    settleTimer = settles.length === 0 ? undefined : setTimeout(settlesWaited, settleWaitMs);
    return taken;
  }

  function sendAdmissions(): void {
    admissionInFlight = true;
    const sending = admissions.slice(0, batchMax);
    admissions = admissions.slice(batchMax);
    void send(takeSettles(), sending).then((error) => {
      admissionInFlight = false;
      if (error !== undefined && !(error instanceof ReplyError)) {
        // Those that queued behind a call that timed out or lost its connection would wait for the
        // same Redis again: they fail now, and the fallback decides them at once instead of a
        // timeout later. (A script's own error, Redis answering, fails only the call it was in.)
        const queued = admissions;
        admissions = [];
        for (const waiter of queued) waiter.reject(error);
      } else if (admissions.length > 0) sendAdmissions();
    });
  }

  function settlesWaited(): void {
    settleTimer = undefined;
    // Admissions queued behind the call in flight go when it returns, and take these with them.
    if (admissions.length === 0) void send(takeSettles(), []);
  }

  return {
    admit(part) {
      return new Promise<number>((resolve, reject) => {
        admissions.push({ part, resolve, reject });
        if (!admissionInFlight) sendAdmissions();
      });
    },
    settle(part) {
      return new Promise<void>((resolve, reject) => {
        settles.push({ part, resolve, reject });
        if (settles.length >= batchMax) void send(takeSettles(), []);
        else if (settleTimer === undefined) settleTimer = setTimeout(settlesWaited, settleWaitMs);
      });
    },
    async flush() {
      if (settles.length > 0) void send(takeSettles(), []);
      await Promise.allSettled([...callsInFlight]);
    },
  };
}
