#!/usr/bin/env -S node --no-memory-reducer
// Entry point of the `switchboard` command: runs the compiled CLI.
//
// The flag turns off V8's memory reducer. About 8 s after requests stop it starts full GCs to
// shrink the heap ("Mark-Compact (reduce)" under --trace-gc), and the first requests of the next
// burst (a coding agent's next turn) land on their pauses, up to 11 ms in the benchmark's 64-client
// row. Five runs of that row with the flag: added p99 0.67–1.30× the floor's; with session 10's
// --min-semi-space-size=16, which it replaces and which also cost 10–15 % CPU per request on an
// Intel machine: 1.61–2.63× (bench/RESULTS.md, session 11). `npm start` passes the same flag;
// src/cli/launch-flags.test.ts holds the two together.
import "../dist/cli/main.js";
