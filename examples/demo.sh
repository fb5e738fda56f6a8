#!/usr/bin/env bash
# `make demo`: Orkestra's main job, end to end, on this machine. Starts a local control plane
# (etcd + kube-apiserver + kube-controller-manager, built once and cached), runs `ork run` on
# examples/komposer.yaml (resolve → sign → verify → reconcile), applies the sample CRs, and
# prints their children, their status and the bundle digest. Stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "preparing the local control plane (first run builds kube-apiserver: ~5 min)"
test/cluster/install-prereqs.sh
test/cluster/build.sh >/dev/null
KUBECTL=$(test/infra/helm.sh kubectl)

dir=$(mktemp -d "${TMPDIR:-/tmp}/orkestra-demo.XXXXXX")
run_pid=""
cleanup() {
  if [ -n "$run_pid" ]; then kill -TERM "$run_pid" 2>/dev/null || true; wait "$run_pid" 2>/dev/null || true; fi
  test/cluster/cluster.sh stop "$dir" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

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
