#!/usr/bin/env -S node --min-semi-space-size=16
// Entry point of the `switchboard` command: runs the compiled CLI.
//
// The flag keeps V8's young generation at the 2 × 16 MB that load grows it to. By default, after
// ~10 s without requests V8 shrinks it to 1–8 MB, and the next burst (a coding agent's next turn)
// runs through many short scavenges that copy and promote every request in flight: 10–20 ms
// pauses in the first seconds after each idle spell (bench/RESULTS.md, session 10). `npm start`
// passes the same flag; src/cli/launch-flags.test.ts holds the two together.
import "../dist/cli/main.js";
