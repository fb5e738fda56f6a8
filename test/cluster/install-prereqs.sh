#!/usr/bin/env bash
# Installs the Debian packages the real test infrastructure needs (kube build, etcd, registry,
# htpasswd, unzip, and the shells the completion tests load scripts into). Installs only what is
# missing; needs root when something is missing.
# Must not touch apt sources or start services: it only runs `apt-get install`.
set -euo pipefail

PACKAGES=(
  golang-go rsync make dpkg-dev xz-utils            # build kube-apiserver/controller-manager
  golang-github-modern-go-reflect2-dev              # replaces the vendored reflect2 that crashes on Go >= 1.18
  golang-github-json-iterator-go-dev                # matching json-iterator
  etcd-server openssl curl                          # the control plane (curl: readiness probes)
  docker-registry apache2-utils                     # OCI registry + htpasswd -B
  unzip                                             # helm/kubectl from the npm layer zip
  git                                               # Git registry imports (resolver/git)
  zsh fish                                          # the shells `ork completion` writes for
  python3-aiosmtpd                                  # a real SMTP server (STARTTLS, AUTH) for alert emails
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-prereqs: missing packages: ${missing[*]}" >&2
  echo "install-prereqs: run as root, or: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "install-prereqs: installing ${missing[*]}" >&2
# A fresh CI machine may have no package lists yet.
if ! apt-get install -y --no-install-recommends "${missing[@]}" >&2; then
  apt-get update -qq >&2
  apt-get install -y --no-install-recommends "${missing[@]}" >&2
fi
