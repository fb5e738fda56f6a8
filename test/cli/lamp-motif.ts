// The Motif the CLI's Motif tests import (a `lamp` Deployment from an `image` input), the head of
// the `lights` Katalog that imports it (each test writes the rest), the CR they render it for, the
// registry push that serves it, and `ork` run in-process from a directory.
import { runCommand } from '../../cli/dispatch.js';
import { pushArtifact } from '../fixtures/oci/push.js';
import { captureIO } from '../support/io.js';
import type { TestRegistry } from '../support/registry.js';

export const LAMP_MOTIF = `apiVersion: orkestra.orkspace.io/v1
kind: Motif
metadata: {name: lamp}
inputs:
  - {name: image, required: true}
resources:
  deployments:
    - name: "{{ .metadata.name }}-lamp"
      image: "{{ .inputs.image }}"
`;

/** A Light CR in namespace `home` whose spec.image feeds the Motif's input. */
/** The `lights` Katalog up to its one entry's apiTypes; a test appends the entry's other keys (6 spaces in). */
export const LIGHTS_KATALOG_HEAD = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: lights}
spec:
  crds:
    light:
      apiTypes: {group: lights.example.org, version: v1, kind: Light, plural: lights}
`;

export const LIGHT_CR = 'apiVersion: lights.example.org/v1\nkind: Light\nmetadata: {name: desk, namespace: home}\nspec: {image: "lamp:2"}\n';

/** Pushes `motif` as the artifact `motifs/lamp:v1` (its `motif.yaml` layer). */
export async function pushLampMotif(registry: TestRegistry, motif: string = LAMP_MOTIF): Promise<void> {
  await pushArtifact({ address: registry.address, repository: 'motifs/lamp', tag: 'v1' }, [{ mediaType: 'application/yaml', data: motif, title: 'motif.yaml' }]);
}

/** `ork ARGS` in-process with `dir` as the working directory (and `env` as the environment). */
export async function orkIn(dir: string, args: string[], env?: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO({ cwd: dir, ...(env ? { env } : {}) });
  const code = await runCommand(args, io);
  return { code, out: io.out, err: io.err };
}
