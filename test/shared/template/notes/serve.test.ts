// The serve domain: readers of the gateway's serve-target / serve-alias / serve-source annotations.
import { SERVE_NOTES } from '../../../../shared/template/notes/serve.js';
import { fails, noteTable } from './note-table.js';

const viaGateway = { metadata: { annotations: { 'orkestra.orkspace.io/serve-target': 'smartapp', 'orkestra.orkspace.io/serve-alias': 'public', 'orkestra.orkspace.io/serve-source': 'github' } } };
const targetOnly = { metadata: { annotations: { 'orkestra.orkspace.io/serve-target': 'smartapp', 'orkestra.orkspace.io/serve-alias': '' } } };
const direct = { metadata: { name: 'x', annotations: { 'orkestra.orkspace.io/serve-source': 7 } } };
const data = { viaGateway, targetOnly, direct };
const arityErr = (name: string) => fails(`wrong number of arguments for "${name}": want 1, got 0`);

noteTable('serve', SERVE_NOTES, {
  getServeTarget: [['{{ getServeTarget .viaGateway }}', 'smartapp'], ['{{ getServeTarget .targetOnly }}', 'smartapp'], ['[{{ getServeTarget .direct }}]', '[]'], ['{{ getServeTarget }}', arityErr('getServeTarget')]],
  getServeAlias: [['{{ getServeAlias .viaGateway }}', 'public'], ['[{{ getServeAlias .targetOnly }}]', '[]'], ['[{{ getServeAlias nil }}]', '[]'], ['{{ getServeAlias }}', arityErr('getServeAlias')]],
  getServeSource: [['{{ getServeSource .viaGateway }}', 'github'], ['{{ getServeSource .targetOnly | default "manual" }}', 'manual'], ['[{{ getServeSource .direct }}]', '[]'], ['{{ getServeSource }}', arityErr('getServeSource')]],
  hasServeTarget: [['{{ hasServeTarget .viaGateway }}', 'true'], ['{{ hasServeTarget .direct }}', 'false'], ['{{ hasServeTarget "x" }}', 'false'], ['{{ hasServeTarget }}', arityErr('hasServeTarget')]],
  hasServeAlias: [['{{ hasServeAlias .viaGateway }}', 'true'], ['{{ hasServeAlias .targetOnly }}', 'false'], ['{{ hasServeAlias nil }}', 'false'], ['{{ hasServeAlias }}', arityErr('hasServeAlias')]],
  hasServeSource: [['{{ hasServeSource .viaGateway }}', 'true'], ['{{ hasServeSource .targetOnly }}', 'false'], ['{{ hasServeSource .direct }}', 'false'], ['{{ hasServeSource }}', arityErr('hasServeSource')]],
  isDirectApply: [['{{ isDirectApply .viaGateway }}', 'false'], ['{{ isDirectApply .targetOnly }}', 'false'], ['{{ isDirectApply .direct }}', 'true'], ['{{ isDirectApply nil }}', 'true'], ['{{ isDirectApply 1 2 }}', fails('wrong number of arguments for "isDirectApply": want 1, got 2')]],
}, data);
