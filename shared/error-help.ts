// What each error code means and what to do about it: the source of docs/troubleshooting.md.
// `satisfies Record<ErrorCode, …>` makes a new code without an entry a compile error. Pure.
import type { ErrorCode } from './errors.js';
import { categoryOf } from './errors.js';

export interface ErrorHelp {
  /** What happened, in one sentence. */
  meaning: string;
  /** What to do. */
  fix: string;
}

export const ERROR_HELP = {
  USAGE: { meaning: 'A command was called with missing, unknown or malformed flags or arguments.', fix: "Read the line printed, then `ork <command> --help`." },
  FILE_UNREADABLE: { meaning: 'An input file is missing, unreadable, too large, or not a regular file (a directory, FIFO or device).', fix: 'Check the path named and its permissions; pass a regular file.' },
  YAML_SYNTAX: { meaning: 'A YAML document does not parse (syntax, duplicate keys, too many aliases, too deep).', fix: 'Fix the document at the file:line:col printed.' },
  KATALOG_INVALID: { meaning: 'A Katalog or Komposer breaks the format: an unknown key, a wrong type, a failed cross-check, or a key that needs compiled Go code.', fix: 'Fix each file:line:col: path: message line; unknown keys come with a "did you mean". See docs/katalog.md.' },
  CR_INVALID: { meaning: 'A custom resource given to `ork template` (or applied from crFiles) is not a CR the Katalog serves, or is malformed.', fix: "Check the CR's apiVersion and kind against the Katalog's CRD entries, or pass --crd NAME." },
  TEMPLATE_SYNTAX: { meaning: 'A template does not parse, or calls a function that does not exist.', fix: 'Fix the template at the position printed; docs/template-functions.md lists every function.' },
  TEMPLATE_EXEC: { meaning: 'A template failed while running for a CR (a function refused its argument, an index out of range, …).', fix: 'The message names the field and the CR; fix the template or the CR value.' },
  TEMPLATE_LIMIT: { meaning: 'A template exceeded a bound: output size, nesting, range iterations or steps.', fix: 'Reduce what the template produces, or the size of the CR field it ranges over.' },
  RENDER_INVALID: { meaning: 'The rendered children, status or rules are unusable (a value of the wrong type for its field, a missing name, an unusable rule operand).', fix: "Read the CR's Ready condition or the printed path; fix the Katalog entry or the CR value it names." },
  RENDER_BUDGET_EXCEEDED: { meaning: "Rendering one CR used up its budget (template steps, strings, regex work, children or wall-clock time); its reconcile stops with Ready=False so the worker moves on.", fix: 'Simplify the templates or shrink the CR fields they range over; the budget is in docs/reconcile.md.' },
  VALIDATION_DENIED: { meaning: "A Katalog validation rule with action deny refused the CR.", fix: "Change the CR so the rule holds; the rule's message says how." },
  MERGE_CONFLICT: { meaning: 'Two imports declare the same CRD name, or two CRD names serve the same group/version/kind.', fix: 'Rename one, drop one with `enabled: false` in the Komposer, or import only one of the sources named.' },
  IMPORT_INVALID: { meaning: 'An import is malformed or its content is not a usable Katalog (no kind, a Komposer nested in an import, a chart or artifact without a Katalog).', fix: 'Check the import named and the document it points at.' },
  IMPORT_AUTH_MISSING: { meaning: 'An import names a credential environment variable that is not set or is empty.', fix: 'Set the variable named (the chart: `credentials` from a Secret).' },
  IMPORT_AUTH_FAILED: { meaning: 'A source refused the credentials (401/403).', fix: 'Check the token or password in the variable named and its access to the source.' },
  IMPORT_NOT_FOUND: { meaning: 'A source answered 404: the file, chart version or artifact tag does not exist.', fix: 'Check the URL, chart version or reference; versions must be exact.' },
  IMPORT_FETCH_FAILED: { meaning: 'A fetch failed: connection refused, TLS failure, a server error after retries, a redirect not followed.', fix: 'Check the source is reachable from the resolver, and --ca-file for private CAs.' },
  IMPORT_TIMEOUT: { meaning: 'A source did not answer in time.', fix: 'Check the network path to the source; the resolver retries with backoff before giving up.' },
  IMPORT_TOO_LARGE: { meaning: 'A fetched body or archive is larger than the resolver reads.', fix: 'Import a smaller document or chart; the bound protects the init container.' },
  ARCHIVE_UNSAFE: { meaning: 'A chart or artifact archive holds a path escape, a link, a device, too many files or a decompression bomb.', fix: 'Rebuild the archive from plain files; it is refused, never partly read.' },
  DIGEST_MISMATCH: { meaning: "Content does not match its recorded digest (a registry blob, a chart against its index, or bundle.json against its signature).", fix: 'The content was changed or corrupted; fetch it again, or rebuild the bundle with the resolver.' },
  PIN_MISMATCH: { meaning: "An import's content does not match the `digest:` pinned in the Komposer.", fix: 'If the change is intended, update the pin (ork lock prints it); otherwise the source changed behind your back.' },
  LOCK_MISMATCH: { meaning: 'The resolved imports differ from the lock file.', fix: 'Review the change, then run `ork lock` again to record it.' },
  SIGNATURE_INVALID: { meaning: 'The bundle signature does not verify with the trusted public key.', fix: 'The bundle was signed with another key or tampered with; resolve it again with the key whose public half the controller trusts.' },
  EXPECTED_DIGEST_MISMATCH: { meaning: 'The bundle is valid but is not the digest pinned with --expected-digest (bundle.expectedDigest).', fix: 'Review what changed (ork resolve and ork verify print the digest), then update the pin or the imports.' },
  MALFORMED_BUNDLE: { meaning: 'bundle.json or its signature envelope is not in the expected format.', fix: 'Rebuild the bundle with a resolver of the same release.' },
  CONFIG_CHECKSUM_MISMATCH: { meaning: 'The bundle is validly signed but was resolved for another configuration than the one this pod runs (its --config-checksum, the chart\'s checksum/komposer): an older or foreign bundle was replayed, or it predates the binding.', fix: "Do not reuse it: delete the rollout's bundle ConfigMap named (orkestra-bundle-<replicaset>) after looking at who wrote it, and the next pod resolves its own. See docs/security.md." },
  BUNDLE_EXPIRED: { meaning: 'The bundle is older than the maximum age (--rollout-bundle-max-age, --max-age; the chart: bundle.maxAge), has no signed issue time, or was issued in the future by a wrong clock.', fix: 'Roll the Deployment (kubectl rollout restart) so a new ReplicaSet resolves a fresh bundle, raise the maximum age, or fix the clock named.' },
  CONFIG_CHECKSUM_INVALID: { meaning: 'A --config-checksum value is empty or not a checksum (1 to 128 letters, digits and . _ : + -).', fix: "Pass the configuration's checksum; the chart passes its checksum/komposer annotation to both containers." },
  KEY_INVALID: { meaning: 'A key or certificate file is not an ECDSA P-256 key in PEM.', fix: 'Make a pair with `ork keygen`, or pass the matching certificate.' },
  DIGEST_INVALID: { meaning: 'A digest given on the command line or in values is not sha256:<64 hex>.', fix: "Copy the digest from 'ork verify' or 'ork lock' output." },
  JSON_UNREPRESENTABLE: { meaning: 'A value cannot be written as canonical JSON (RFC 8785), or the bundle would be too large.', fix: 'Fix the value at the path printed, or reduce the size of the Katalog or its CRDs.' },
  FILE_WRITE_FAILED: { meaning: 'An output file or directory could not be written.', fix: 'Check the path and its permissions; nothing partial is left behind.' },
  KUBECONFIG_INVALID: { meaning: 'No usable Kubernetes configuration: none found, malformed, an unknown context, or an unsupported setting.', fix: 'Check KUBECONFIG, --kubeconfig and --context; the message names the field.' },
  KUBE_CREDENTIALS_FAILED: { meaning: 'The kubeconfig credentials could not be obtained (an exec plugin failed, a token file is unreadable).', fix: 'Run the credential plugin named by hand, or refresh the token.' },
  CLEANUP_FAILED: { meaning: "A CR's onDelete work failed; its finalizer stays until it succeeds.", fix: 'Fix what the message names (e.g. the Job); the deletion is retried.' },
  EXTERNAL_CALL_FAILED: { meaning: "An `external` call of a CR's phase block failed without continueOnError, so the CR was not rendered; its Ready condition and the log name the call and its redacted URL.", fix: 'Fix the endpoint or what the message names (a status, a timeout, a missing credential); it is retried. Or set continueOnError: true and read .external.<name>.error in templates.' },
  CRD_NOT_FOUND: { meaning: 'A CRD entry names a kind the cluster does not serve and the bundle does not carry.', fix: 'Install the CRD, or give the entry a crdFile or crd so the bundle carries it.' },
  CRD_INVALID: { meaning: 'The API server refused a CRD of the bundle, or two files given to crd-diff are not revisions of one CRD.', fix: "Read the server's message printed; fix the CRD manifest." },
  RBAC_MISSING: { meaning: "The controller's identity lacks permissions the bundle needs; it refuses to start before writing anything.", fix: 'Grant each permission listed (`ork rbac --bundle DIR` prints the role; the chart: rbac.extraRules).' },
  KUBE_API_FAILED: { meaning: 'The API server could not be reached or refused a request.', fix: 'Check the cluster is reachable and the message from the server.' },
  LEADERSHIP_LOST: { meaning: 'The controller lost its leader Lease and exits, so that a fresh start competes again.', fix: 'Nothing if it happens rarely; often means the API server was unreachable longer than the renew deadline.' },
  CRD_NOT_ESTABLISHED: { meaning: 'An applied CRD did not become Established in time.', fix: "Check the CRD's status conditions (kubectl get crd NAME -o yaml)." },
  BUNDLE_TOO_LARGE: { meaning: "The bundle does not fit in one ConfigMap, even compressed, so a rollout's replicas cannot share it.", fix: 'Reduce the Katalogs or CRDs, or split them into several installs.' },
  ROLLOUT_BUNDLE_STALE: { meaning: "The rollout's bundle ConfigMap belongs to another ReplicaSet (an earlier one of the same name).", fix: 'It is garbage-collected with that ReplicaSet; the pod retries.' },
  CRD_BREAKING_CHANGE: { meaning: 'The bundle would change a served CRD in a way that breaks stored objects or clients.', fix: 'Acknowledge each change in spec.crds.<name>.allowBreakingChanges, or make it compatible; `ork plan` shows it before upgrading.' },
  WEBHOOK_REQUEST_INVALID: { meaning: 'The webhook received a body that is not an AdmissionReview v1 or ConversionReview v1 request (or is too large, or is not JSON).', fix: 'Only the API server should call the webhook; check the webhook configuration lists admissionReviewVersions [v1] and conversionReviewVersions [v1].' },
  WEBHOOK_TLS_INVALID: { meaning: 'The webhook serving certificate, its key or its CA cannot be used (unreadable, expired, not matching, or the Secret holding them is malformed).', fix: 'Delete the certificate Secret named so the webhook makes a new one, or fix the Secret given with webhook.existingSecret / cert-manager.' },
  INTERNAL: { meaning: 'A bug in Orkestra.', fix: 'Please report it with the command and the message.' },
} as const satisfies Record<ErrorCode, ErrorHelp>;

/** docs/troubleshooting.md: every code with its category (and so its exit code), meaning and fix. */
export function troubleshootingMarkdown(exitCodes: Readonly<Record<string, number>>): string {
  const rows = (Object.keys(ERROR_HELP) as ErrorCode[]).sort().map((code) => {
    const help: ErrorHelp = ERROR_HELP[code];
    const category = categoryOf(code);
    return `| \`${code}\` | ${category} (${exitCodes[category]}) | ${help.meaning} | ${help.fix} |`;
  });
  return `# Troubleshooting by error code

<!-- Generated from shared/error-help.ts by test/shared/error-help.test.ts (UPDATE_GOLDEN=1). Do not edit. -->

Every error \`ork\` and the controller raise carries one of these codes: \`ork\` prints it on the
last line (\`ork <command>: CODE\`), the controller logs it and writes it to the Pod's termination
message. The category decides the exit code.

| code | category (exit code) | what happened | what to do |
|---|---|---|---|
${rows.join('\n')}
`;
}
