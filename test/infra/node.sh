#!/usr/bin/env bash
# Prints the path of a `node` binary of another Node major, fetching it once into the cache from
# the npm registry's node-linux-<arch> package (the same binary nodejs.org ships). For tests that
# check what the image's Node (the Dockerfile's major) accepts, on a machine that runs another.
#   node.sh MAJOR        e.g. node.sh 24
# Not a project dependency: `npm pack` only downloads the tarball; nothing lands in node_modules.
set -euo pipefail

MAJOR="${1:?usage: $0 MAJOR (a Node major, e.g. 24)}"
case "$MAJOR" in *[!0-9]*) echo "node.sh: MAJOR must be a number, got $MAJOR" >&2; exit 2 ;; esac
case "$(uname -m)" in
  x86_64) ARCH=x64 ;;
  aarch64) ARCH=arm64 ;;
  *) echo "node.sh: no node-linux package for $(uname -m)" >&2; exit 1 ;;
esac

CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/orkestra"
DEST="$CACHE_ROOT/node-v$MAJOR"
if [ ! -x "$DEST/bin/node" ]; then
  mkdir -p "$CACHE_ROOT"
  exec 9>"$CACHE_ROOT/node-v$MAJOR.lock"
  flock 9
  if [ ! -x "$DEST/bin/node" ]; then
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/orkestra-node.XXXXXX")"
    trap 'rm -rf "$WORK"' EXIT
    echo "node.sh: fetching Node $MAJOR from npm package node-linux-$ARCH@$MAJOR" >&2
    (cd "$WORK" && npm pack --silent "node-linux-$ARCH@$MAJOR" >/dev/null)
    tar -xzf "$WORK"/*.tgz -C "$WORK" package/bin/node
    "$WORK/package/bin/node" --version >/dev/null
    STAGE="$(mktemp -d "$CACHE_ROOT/.node-v$MAJOR.XXXXXX")"
    mkdir -p "$STAGE/bin"
    mv "$WORK/package/bin/node" "$STAGE/bin/node"
    rm -rf "$DEST"
    mv "$STAGE" "$DEST"
  fi
fi
echo "$DEST/bin/node"
