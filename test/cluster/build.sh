#!/usr/bin/env bash
# Builds kube-apiserver and kube-controller-manager v1.20.2 from Debian's `kubernetes` source package
# and caches them; prints the cache directory holding both binaries on stdout (logs on stderr).
# Idempotent: does nothing when both binaries are cached. Never writes to /etc or names a mirror:
# the deb-src entries are derived from the machine's own apt sources.
set -euo pipefail

KUBE_VERSION=v1.20.2
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/orkestra"
BIN_DIR="$CACHE_ROOT/kube-$KUBE_VERSION"
BINARIES=(kube-apiserver kube-controller-manager)
HERE="$(cd "$(dirname "$0")" && pwd)"

log() { echo "build.sh: $*" >&2; }
cached() { for b in "${BINARIES[@]}"; do [ -x "$BIN_DIR/$b" ] || return 1; done; }

if cached; then echo "$BIN_DIR"; exit 0; fi

mkdir -p "$CACHE_ROOT"
# Two test runs may start on a cold machine together: only one builds, the other waits.
exec 9>"$CACHE_ROOT/kube-$KUBE_VERSION.lock"
flock 9
if cached; then echo "$BIN_DIR"; exit 0; fi

"$HERE/install-prereqs.sh"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/orkestra-kube-build.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
started=$SECONDS

# --- 1. Source package through a private apt state (deb-src twin of the machine's sources) ---
APT="$WORK/apt"
mkdir -p "$APT/sources.list.d" "$APT/lists/partial" "$APT/cache/archives/partial"
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  sed -E 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$APT/sources.list.d/debian-src.sources"
elif [ -f /etc/apt/sources.list ]; then
  sed -nE 's/^deb[[:space:]]+/deb-src /p' /etc/apt/sources.list >"$APT/sources.list.d/debian-src.list"
else
  log "no apt sources found (/etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list)"; exit 1
fi
apt_private=(
  -o Dir::Etc::SourceList=/dev/null
  -o "Dir::Etc::SourceParts=$APT/sources.list.d"
  -o "Dir::State::Lists=$APT/lists"
  -o "Dir::Cache=$APT/cache"
  -o APT::Sandbox::User=root   # the private dirs belong to us; _apt could not write them
)
log "fetching the kubernetes source package"
apt-get "${apt_private[@]}" -qq update >&2
mkdir -p "$WORK/pkg"
(cd "$WORK/pkg" && apt-get "${apt_private[@]}" -qq source --download-only kubernetes >&2)
dsc="$(ls "$WORK"/pkg/kubernetes_*.dsc)"
case "$dsc" in
  *1.20.2*) ;;
  *) log "expected a kubernetes 1.20.2 source package, got $(basename "$dsc")"; exit 1 ;;
esac
dpkg-source --no-check -x "$dsc" "$WORK/src" >&2
SRC="$WORK/src"

# --- 2. Vendored reflect2 1.0.1 segfaults on Go >= 1.18 at the first custom-resource write ---
for pkg in github.com/modern-go/reflect2 github.com/json-iterator/go; do
  rm -rf "${SRC:?}/vendor/$pkg"
  cp -rL "/usr/share/gocode/src/$pkg" "$SRC/vendor/$pkg"
  find "$SRC/vendor/$pkg" -name '*_test.go' -delete
done

# --- 3. Upstream build, GOPATH mode, offline, with the version stamped in ---
log "compiling ${BINARIES[*]} (a few minutes)"
(
  cd "$SRC"
  env -u GOFLAGS GO111MODULE=off GOPROXY=off CGO_ENABLED=0 GOCACHE="$WORK/gocache" \
    KUBE_GIT_VERSION="$KUBE_VERSION" KUBE_GIT_MAJOR=1 KUBE_GIT_MINOR=20 KUBE_GIT_TREE_STATE=clean \
    make WHAT="cmd/kube-apiserver cmd/kube-controller-manager" >&2
)

# --- 4. Atomic install: a half-copied cache must never look complete ---
STAGE="$(mktemp -d "$CACHE_ROOT/.kube-$KUBE_VERSION.XXXXXX")"
for b in "${BINARIES[@]}"; do
  built="$(find "$SRC/_output" -type f -name "$b" -perm -u+x | head -n1)"
  [ -n "$built" ] || { log "build produced no $b"; exit 1; }
  cp "$built" "$STAGE/$b"
done
chmod 755 "$STAGE"
rm -rf "$BIN_DIR"
mv -T "$STAGE" "$BIN_DIR"
"$BIN_DIR/kube-apiserver" --version >&2
log "built in $((SECONDS - started)) s"
echo "$BIN_DIR"
