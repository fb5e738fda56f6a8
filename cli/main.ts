#!/usr/bin/env node
// `ork`: a thin dispatcher. Each command lives in cli/commands/<name>.ts, parses its own flags and
// returns an exit code; errors are turned into one line per issue and an exit code once, by
// command-runner.ts. (`ork controller` in the image: controller-main.ts.)
import { runCommand } from './dispatch.js';
import { applyControllerV8Flags } from './controller-v8.js';
import { processIO } from './process-io.js';

// Before the command's modules are loaded, so that loading them does not make Node's own module
// loader hot enough for TurboFan either (controller-v8.ts; measured: set later, it bought nothing).
if (process.argv[2] === 'controller') applyControllerV8Flags();

process.exitCode = await runCommand(process.argv.slice(2), processIO());
