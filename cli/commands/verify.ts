// Placeholder until the command lands; keeps the dispatcher's table complete.
import { OrkError } from '../../shared/errors.js';
import type { CliIO } from '../io.js';

export async function run(_argv: string[], _io: CliIO): Promise<number> {
  throw new OrkError('USAGE', "'ork verify' is not implemented yet");
}
