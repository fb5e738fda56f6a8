// The /bin/sh script that sets up one container's private mount namespace (run under
// `unshare --mount --propagation private`): stash the sources, overlay missing parent chains,
// bind the volumes at their mountPaths, enforce read-only mounts, then exec setpriv. Pure: builds
// text from a plan; the plan's facts about the host filesystem come from sandbox-plan.ts.

export interface BindSpec {
  /** Host path of a directory or file. */
  source: string;
  /** Canonical path inside the namespace (symlinks of the host resolved). */
  target: string;
  readOnly: boolean;
  isFile: boolean;
}

export interface SandboxPlan {
  /** An empty host directory; a private tmpfs is mounted on it inside the namespace. */
  nsDir: string;
  /** Existing directories to cover with a writable overlay (none is inside another). */
  overlays: string[];
  /** In mount order: a target inside another target comes after it. */
  binds: BindSpec[];
  readOnlyRootFilesystem: boolean;
  workingDir: string;
  /** setpriv options (uid, gid, groups, no_new_privs, capabilities). */
  setpriv: string[];
  setprivPath: string;
}

/** Exit status of the script when the sandbox could not be set up (before the exec). */
export const SETUP_FAILED_EXIT = 126;

export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

// Submount points strictly below $1, only the topmost ones (an rbind brings the nested ones along).
const TOP_SUBMOUNTS = `awk -v a="$1" '
  substr($5, 1, length(a) + 1) == a "/" && $5 !~ /\\\\/ { m[++n] = $5 }
  END { for (i = 1; i <= n; i++) { top = 1
          for (j = 1; j <= n; j++) if (j != i && substr(m[i], 1, length(m[j]) + 1) == m[j] "/") top = 0
          if (top) print m[i] } }' /proc/self/mountinfo | sort -u`;

export function sandboxScript(plan: SandboxPlan): string {
  const q = shellQuote;
  const lines: string[] = [
    'set -u',
    // Directories made on the way to a mountPath must be traversable by the container's user.
    'umask 022',
    `fail() { echo "pod-runner: container setup failed: $*" >&2; exit ${SETUP_FAILED_EXIT}; }`,
    `NS=${q(plan.nsDir)}`,
    'mount -t tmpfs -o mode=0700 pod-runner "$NS" || fail "tmpfs on $NS"',
    'mkdir "$NS/src" "$NS/ovl"',
    // Overlays hide submounts and change what host paths show: every source is pinned first.
    ...plan.binds.map((b, i) => {
      const make = b.isFile ? `: > "$NS/src/${i}"` : `mkdir "$NS/src/${i}"`;
      return `${make} && mount --bind ${q(b.source)} "$NS/src/${i}" || fail "cannot pin ${b.source.replace(/["$`\\]/g, '')}"`;
    }),
    'ovl() {',
    '  d="$NS/ovl/$2"; mkdir "$d" "$d/upper" "$d/work" "$d/stash"',
    `  subs=$(${TOP_SUBMOUNTS})`,
    '  mount --rbind "$1" "$d/stash" || fail "cannot stash $1"',
    '  mount -t overlay pod-runner -o "lowerdir=$1,upperdir=$d/upper,workdir=$d/work" "$1" || fail "cannot overlay $1"',
    '  for m in $subs; do mount --rbind "$d/stash${m#"$1"}" "$m" || fail "cannot restore $m"; done',
    '}',
    ...plan.overlays.map((dir, i) => `ovl ${q(dir)} ${i}`),
  ];
  // A mount may cover $NS itself (an emptyDir on /tmp): reach the pinned sources through an open
  // descriptor of $NS instead of its path (-c keeps mount(8) from resolving the /proc link).
  lines.push('exec 4<"$NS" || fail "cannot open $NS"');
  plan.binds.forEach((b, i) => {
    const t = q(b.target);
    const make = b.isFile
      ? `mkdir -p "$(dirname ${t})" && { [ -e ${t} ] || : > ${t}; }`
      : `mkdir -p ${t}`;
    lines.push(`${make} && mount -c --bind "/proc/self/fd/4/src/${i}" ${t} || fail "cannot mount at ${b.target.replace(/["$`\\]/g, '')}"`);
  });
  // Last, so that a mountPath nested in a read-only volume could still be created.
  for (const b of plan.binds) {
    if (b.readOnly) lines.push(`mount -o remount,bind,ro ${q(b.target)} || fail "cannot make ${b.target.replace(/["$`\\]/g, '')} read-only"`);
  }
  lines.push(`mkdir -p ${q(plan.workingDir)} 2>/dev/null; cd ${q(plan.workingDir)} || fail "no workingDir ${plan.workingDir.replace(/["$`\\]/g, '')}"`);
  if (plan.readOnlyRootFilesystem) {
    const writable = plan.binds.filter((b) => !b.readOnly).map((b) => q(b.target));
    lines.push(
      "awk '{ print $5, $6 }' /proc/self/mountinfo | while read -r m o; do",
      '  case "$m" in /proc|/proc/*|/sys|/sys/*|/dev|/dev/*) continue ;; esac',
      ...(writable.length > 0 ? [`  case "$m" in ${writable.join('|')}) continue ;; esac`] : []),
      '  case ",$o," in *,ro,*) continue ;; esac',
      // Mounts hidden under a volume (e.g. $NS beneath an emptyDir on /tmp) are out of reach anyway.
      '  [ -e "$m" ] || continue',
      '  mount -o remount,bind,ro "$m" 2>/dev/null || echo "pod-runner: note: $m stays writable" >&2',
      'done',
    );
  }
  // fd 3 tells the runner the sandbox is ready; the container must not inherit it.
  lines.push('exec 4<&-; printf ok >&3; exec 3>&-');
  lines.push(`exec ${q(plan.setprivPath)} ${plan.setpriv.map(q).join(' ')} -- "$@"`);
  return lines.join('\n') + '\n';
}
