// `ork controller` on its own: the entry point the image's `ork` runs for the controller container
// (build/ork-entrypoint.sh), bundled into one file (build/bundle.mjs) that holds the controller and
// nothing of the other commands. Behaves as `ork controller` (main.ts): same flags, output and exit
// codes; any other command is unknown here.
import { runCommandOf } from './command-runner.js';
import { CONTROLLER_COMMAND } from './controller-command.js';
import { applyControllerV8Flags } from './controller-v8.js';
import { processIO } from './process-io.js';

if (process.argv[2] === 'controller') applyControllerV8Flags();

// No top-level await: the entry is bundled as CommonJS too.
void runCommandOf({ controller: CONTROLLER_COMMAND }, process.argv.slice(2), processIO()).then((code) => {
  process.exitCode = code;
});
