#!/usr/bin/env node
// Entry point of the `switchboard` command: runs the compiled CLI.
import "../dist/cli/main.js";
