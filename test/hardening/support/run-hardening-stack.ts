import { startHardeningStack } from "./start-hardening-stack.js";

// The hardening stack in a process of its own (the fuzz test's client then has the other core):
// prints the gateway's URL as one JSON line, and closes on SIGTERM or when stdin ends.
const stack = await startHardeningStack();
process.stdout.write(`${JSON.stringify({ url: stack.url })}\n`);
const stop = (): void => {
  void stack.close().finally(() => process.exit(0));
};
process.once("SIGTERM", stop);
process.stdin.on("end", stop);
process.stdin.resume();
