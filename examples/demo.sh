#!/usr/bin/env bash
# `make demo`: Orkestra's main job, end to end, on this machine. Starts a local control plane
# (etcd + kube-apiserver + kube-controller-manager, built once and cached), runs `ork run` on
# examples/komposer.yaml (resolve → sign → verify → reconcile), applies the sample CRs, and
# prints their children, their status and the bundle digest. Stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/orkestra-demo.XXXXXX")
run_pid=""
phase_pid=""
cleanup() {
  if [ -n "$phase_pid" ]; then kill -TERM "$phase_pid" 2>/dev/null || true; fi
  if [ -n "$run_pid" ]; then kill -TERM "$run_pid" 2>/dev/null || true; wait "$run_pid" 2>/dev/null || true; fi
  test/cluster/cluster.sh stop "$dir" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

# phase LABEL LOG CMD…: runs CMD with its output in LOG, printing the phase, its latest
# `<script>: …` progress line every 20 s and the elapsed time, instead of pages of apt and compiler
# output. On failure, the last 40 lines of LOG.
phase() {
  local label=$1 log=$2 start=$SECONDS shown="" latest
  shift 2
  printf '    %s\n' "$label"
  "$@" >"$log" 2>&1 &
  phase_pid=$!
  while kill -0 "$phase_pid" 2>/dev/null; do
    sleep 1
    if (( (SECONDS - start) % 20 == 0 )); then
      latest=$(grep -E '^[a-z-]+(\.sh)?: ' "$log" | tail -n 1 || true)
      if [ -n "$latest" ] && [ "$latest" != "$shown" ]; then shown=$latest; printf '      %s\n' "$latest"; fi
      printf '      … %d s\n' $((SECONDS - start))
    fi
  done
  if ! wait "$phase_pid"; then
    phase_pid=""
    printf '    %s FAILED after %d s; last lines of its log:\n' "$label" $((SECONDS - start)) >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  phase_pid=""
  printf '    done in %d s\n' $((SECONDS - start))
}

step "preparing the local control plane (the first run builds kube-apiserver: ~5 min)"
phase "installing Debian packages (etcd, Go, …) if missing" "$dir/prereqs.log" test/cluster/install-prereqs.sh
phase "building kube-apiserver and kube-controller-manager (cached after the first run)" "$dir/build.log" test/cluster/build.sh
KUBECTL=$(test/infra/helm.sh kubectl 2>"$dir/helm.log") || { cat "$dir/helm.log" >&2; exit 1; }

test/cluster/cluster.sh start "$dir" >/dev/null
export KUBECONFIG="$dir/kubeconfig"
kubectl() { "$KUBECTL" "$@"; }

step "ork run -f examples/komposer.yaml (log: $dir/run.log)"
node dist/cli/main.js run -f examples/komposer.yaml >"$dir/run.out" 2>"$dir/run.log" &
run_pid=$!
for _ in $(seq 1 300); do
  grep -q '"controller started"' "$dir/run.log" && break
  kill -0 "$run_pid" 2>/dev/null || { cat "$dir/run.log" >&2; exit 1; }
  sleep 0.1
done
grep -q '"controller started"' "$dir/run.log" || { echo "the controller did not start in 30 s" >&2; cat "$dir/run.log" >&2; exit 1; }

step "applying the sample custom resources"
for ns in $(cat examples/*/crs/*.yaml | sed -n 's/^  namespace: *//p' | sort -u); do kubectl get namespace "$ns" >/dev/null 2>&1 || kubectl create namespace "$ns" >/dev/null; done
kubectl apply $(printf -- '-f %s ' examples/*/crs/*.yaml)

step "waiting until every custom resource is Ready"
kinds=websites.examples.orkspace.io,databases.examples.orkspace.io,teamspaces.examples.orkspace.io
for kind in $(echo "$kinds" | tr , ' '); do kubectl wait --for=condition=Ready --timeout=60s -A "$kind" --all >/dev/null; done

step "custom resources and their status"
kubectl get "$kinds" -A -o custom-columns='KIND:.kind,NAMESPACE:.metadata.namespace,NAME:.metadata.name,READY:.status.conditions[?(@.type=="Ready")].status,REASON:.status.conditions[?(@.type=="Ready")].reason,MESSAGE:.status.conditions[?(@.type=="Ready")].message'

step "children Orkestra created (label app.kubernetes.io/managed-by=orkestra)"
kubectl get deployments,statefulsets,services,configmaps,secrets,roles,rolebindings,resourcequotas -A -l app.kubernetes.io/managed-by=orkestra

step "status of one Website (default/blog)"
kubectl get websites.examples.orkspace.io blog -n default -o jsonpath='{.status}' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.stringify(JSON.parse(s),null,2)))'

step "the bundle that runs"
sed -n 's/^bundle //p' "$dir/run.out"
