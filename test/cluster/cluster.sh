#!/usr/bin/env bash
# A throw-away Kubernetes v1.20.2 control plane on loopback: etcd + kube-apiserver +
# kube-controller-manager, certificates, kubeconfig, logs and PIDs all inside one state DIR.
#   cluster.sh start DIR [--watch-pid PID]   prints `export KUBECONFIG=DIR/kubeconfig`
#   cluster.sh stop DIR                      stops exactly the PIDs recorded in DIR
# --watch-pid: also stop the cluster once PID exits (so a crashed test run leaves nothing behind).
# No scheduler, no kubelet: Pods stay Pending. Never listens on anything but 127.0.0.1.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../infra/daemons.sh
. "$HERE/../infra/daemons.sh"

usage() { echo "usage: $0 start DIR [--watch-pid PID] | stop DIR" >&2; exit 2; }
[ $# -ge 2 ] || usage
ACTION="$1"
mkdir -p "$2"
DIR="$(cd "$2" && pwd)"
shift 2
WATCH_PID=""
while [ $# -gt 0 ]; do
  case "$1" in
    --watch-pid) WATCH_PID="${2:?--watch-pid needs a PID}"; shift 2 ;;
    *) usage ;;
  esac
done

make_certs() {
  local c="$DIR/pki"
  mkdir -p "$c"
  ossl() { openssl "$@" 2>>"$DIR/openssl.log"; }
  # EC keys for TLS keep certificate generation well under a second; the SA key stays RSA.
  local ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1)
  ossl genrsa -out "$c/sa.key" 2048 &
  local rsa_pid=$!
  ossl req -x509 "${ec[@]}" -nodes -days 3650 -subj "/CN=orkestra-test-ca" \
    -keyout "$c/ca.key" -out "$c/ca.crt"
  # sign NAME SUBJECT EXTENSIONS: a key + certificate signed by the test CA.
  sign() {
    ossl req -new "${ec[@]}" -nodes -subj "$2" -keyout "$c/$1.key" -out "$c/$1.csr"
    printf '%s\n' "$3" >"$c/$1.ext"
    ossl x509 -req -in "$c/$1.csr" -CA "$c/ca.crt" -CAkey "$c/ca.key" -CAcreateserial -days 3650 \
      -extfile "$c/$1.ext" -out "$c/$1.crt"
  }
  sign apiserver "/CN=kube-apiserver" "$(printf '%s\n' \
    'basicConstraints=CA:FALSE' 'keyUsage=digitalSignature,keyEncipherment' 'extendedKeyUsage=serverAuth' \
    'subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc')"
  local client='basicConstraints=CA:FALSE
keyUsage=digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth'
  sign admin "/O=system:masters/CN=orkestra-admin" "$client"
  sign controller-manager "/O=system:masters/CN=system:kube-controller-manager" "$client"
  wait "$rsa_pid"
  ossl rsa -in "$c/sa.key" -pubout -out "$c/sa.pub"
}

# write_kubeconfig FILE USER: certificates embedded, so the file can be copied anywhere.
write_kubeconfig() {
  cat >"$1" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: orkestra-test
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority-data: $(base64 -w0 <"$DIR/pki/ca.crt")
users:
- name: $2
  user:
    client-certificate-data: $(base64 -w0 <"$DIR/pki/$2.crt")
    client-key-data: $(base64 -w0 <"$DIR/pki/$2.key")
contexts:
- name: orkestra-test
  context:
    cluster: orkestra-test
    user: $2
current-context: orkestra-test
KUBECONFIG
  chmod 600 "$1"
}

api_get() {
  curl -sf --max-time 2 --cacert "$DIR/pki/ca.crt" --cert "$DIR/pki/admin.crt" --key "$DIR/pki/admin.key" \
    "https://127.0.0.1:$API_PORT$1"
}

etcd_healthy() { curl -sf --max-time 1 "http://127.0.0.1:$ETCD_PORT/health" | grep -q '"health":"true"'; }

# launch: one attempt at etcd + apiserver on fresh ports; fails if a daemon dies (e.g. a port race).
launch() {
  read -r ETCD_PORT PEER_PORT API_PORT <<<"$(free_ports 3)"
  rm -rf "$DIR/etcd"
  start_daemon "$DIR" etcd etcd --name orkestra-test --data-dir "$DIR/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$PEER_PORT" \
    --initial-cluster "orkestra-test=http://127.0.0.1:$PEER_PORT"
  wait_until 20 etcd etcd_healthy || { alive_or_fail "$DIR" etcd; return 1; }

  start_daemon "$DIR" kube-apiserver "$BIN_DIR/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT" \
    --tls-cert-file="$DIR/pki/apiserver.crt" --tls-private-key-file="$DIR/pki/apiserver.key" \
    --client-ca-file="$DIR/pki/ca.crt" \
    --service-account-key-file="$DIR/pki/sa.pub" --service-account-signing-key-file="$DIR/pki/sa.key" \
    --service-account-issuer=https://kubernetes.default.svc \
    --service-cluster-ip-range=10.0.0.0/16 \
    --authorization-mode=RBAC --enable-priority-and-fairness=false --endpoint-reconciler-type=none
  local deadline=$((SECONDS + 60))
  until api_get /readyz >/dev/null 2>&1; do
    alive_or_fail "$DIR" kube-apiserver || return 1
    [ $SECONDS -lt $deadline ] || { echo "kube-apiserver not ready after 60 s, see $DIR/kube-apiserver.log" >&2; return 1; }
    sleep 0.1
  done
}

start() {
  if [ -f "$DIR/pids" ]; then
    echo "$DIR already holds a cluster (pids file present); run: $0 stop $DIR" >&2; exit 1
  fi
  local tool
  for tool in etcd openssl curl node; do
    command -v "$tool" >/dev/null || { echo "cluster.sh: $tool not found; run (as root) $HERE/install-prereqs.sh" >&2; exit 1; }
  done
  BIN_DIR="$("$HERE/build.sh")"
  local t0; t0="$(date +%s.%N)"
  make_certs

  local attempt=1
  until launch; do
    stop_recorded "$DIR" 5
    [ $attempt -lt 3 ] || { echo "control plane failed to start; logs in $DIR" >&2; exit 1; }
    attempt=$((attempt + 1)); echo "retrying control plane start (attempt $attempt)" >&2
  done

  write_kubeconfig "$DIR/kubeconfig" admin
  write_kubeconfig "$DIR/controller-manager.kubeconfig" controller-manager
  start_daemon "$DIR" kube-controller-manager "$BIN_DIR/kube-controller-manager" \
    --kubeconfig="$DIR/controller-manager.kubeconfig" --leader-elect=false --port=0 --secure-port=0 \
    --service-account-private-key-file="$DIR/pki/sa.key" --root-ca-file="$DIR/pki/ca.crt" \
    --controllers='*,-nodeipam,-nodelifecycle,-cloud-node-lifecycle,-service,-route,-attachdetach,-persistentvolume-binder,-persistentvolume-expander'
  # The `default` ServiceAccount appears once the controllers run: tests may rely on it at once.
  if ! wait_until 30 "the controller manager" api_get /api/v1/namespaces/default/serviceaccounts/default; then
    alive_or_fail "$DIR" kube-controller-manager || true
    stop_recorded "$DIR" 5; exit 1
  fi

  if [ -n "$WATCH_PID" ]; then
    start_watcher "$DIR" "$WATCH_PID" "$HERE/cluster.sh" stop "$DIR"
  fi
  echo "https://127.0.0.1:$API_PORT" >"$DIR/server"
  awk -v a="$t0" -v b="$(date +%s.%N)" -v s="https://127.0.0.1:$API_PORT" \
    'BEGIN { printf "control plane ready in %.1f s (server %s)\n", b - a, s }' >&2
  echo "export KUBECONFIG=$DIR/kubeconfig"
}

case "$ACTION" in
  start) start ;;
  stop) stop_recorded "$DIR" 10 ;;
  *) usage ;;
esac
