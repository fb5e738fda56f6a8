// The `ork controller` entry of the command table, shared by `ork` (commands-table.ts) and the
// controller's own entry point (controller-main.ts).
import type { CommandEntry } from './io.js';

export const CONTROLLER_COMMAND: CommandEntry = {
  summary: 'verify a bundle, then reconcile its custom resources (the controller container)',
  load: () => import('./commands/controller.js'),
};
