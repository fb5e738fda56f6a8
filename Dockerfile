# syntax=docker/dockerfile:1
# The Orkestra image: `ork` on PATH (the subcommand selects the resolver or the controller) and
# `helm` (the resolver renders Katalog charts whose templates produce Katalogs) and `git` (Git
# registry imports). Three stages: build (compiler and dev dependencies), helm (a checksum-verified
# download), runtime (neither).
# Build: docker build --build-arg TARGETARCH=amd64 -t orkestra .   (buildx sets TARGETARCH itself)

# The Node LTS line both stages use; package.json "engines" must accept it (a test checks).
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: compile TypeScript, then drop dev dependencies ----------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY shared ./shared
COPY platform ./platform
COPY resolver ./resolver
COPY controller ./controller
COPY cli ./cli
COPY build ./build
# Only the sources above are copied, so the build compiles no tests or benchmarks. The build ends
# with build/bundle.mjs: dist/bundle/, the CLI in a few files, which `ork` runs (faster start).
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ---- helm: a pinned Helm 3 release, verified before use -------------------------------------
FROM ${NODE_IMAGE} AS helm
ARG TARGETARCH
ARG HELM_VERSION=v3.17.2
# sha256 of helm-${HELM_VERSION}-linux-<arch>.tar.gz as published with the release on get.helm.sh.
# Overriding HELM_VERSION needs both sums for that version: a missing sum fails the build.
ARG HELM_SHA256_amd64=90c28792a1eb5fb0b50028e39ebf826531ebfcf73f599050dbd79bab2f277241
ARG HELM_SHA256_arm64=d78d76ec7625a94991e887ac049d93f44bd70e4876200b945f813c9e1ed1df7c
RUN set -eu; \
    arch="${TARGETARCH:?set --build-arg TARGETARCH=amd64 or arm64 (buildx sets it)}"; \
    case "$arch" in \
      amd64) sum="${HELM_SHA256_amd64}" ;; \
      arm64) sum="${HELM_SHA256_arm64}" ;; \
      *) echo "unsupported TARGETARCH $arch (amd64, arm64)" >&2; exit 1 ;; \
    esac; \
    [ -n "$sum" ] || { echo "HELM_SHA256_$arch is empty: pass the published sha256 of helm $HELM_VERSION" >&2; exit 1; }; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates curl; \
    tarball="helm-${HELM_VERSION}-linux-${arch}.tar.gz"; \
    curl -fsSLo "/tmp/$tarball" "https://get.helm.sh/$tarball"; \
    echo "$sum  /tmp/$tarball" | sha256sum -c -; \
    tar -xzf "/tmp/$tarball" -C /tmp "linux-${arch}/helm"; \
    install -m 0755 "/tmp/linux-${arch}/helm" /usr/local/bin/helm; \
    /usr/local/bin/helm version --short

# ---- runtime --------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG HELM_VERSION=v3.17.2
LABEL org.opencontainers.image.title="orkestra" \
      org.opencontainers.image.description="Kubernetes operators declared in YAML: ork resolve (init container) and ork controller" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="0.1.0" \
      io.orkspace.orkestra.helm-version="${HELM_VERSION}"
ENV NODE_ENV=production \
    HOME=/tmp
WORKDIR /app
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY --from=helm /usr/local/bin/helm /usr/local/bin/helm
# git for Git registry imports (registry[].katalog, oci: false): the resolver shells out to it
# (resolver/git); without it such an import fails with a line saying so.
RUN apt-get update \
    && apt-get install -y --no-install-recommends git ca-certificates \
    && rm -rf /var/lib/apt/lists/*
# `ork` runs the bundled CLI (dist/bundle/main.js, same code as dist/cli/main.js in ~30 files
# instead of ~600: docs/benchmarks.md, Start-up) through build/ork-entrypoint.sh, which runs
# `ork controller` from dist/bundle/controller.cjs (the controller alone, one file) with its V8
# flags on node's command line. The compiler does not set the execute bit
# the #!/usr/bin/env node shebang needs (node dist/cli/main.js also works); set here.
COPY --from=build /src/build/ork-entrypoint.sh /usr/local/bin/ork
RUN chmod 0755 /usr/local/bin/ork /app/dist/bundle/main.js /app/dist/cli/main.js
# Non-root, numeric so runAsNonRoot can check it without a passwd entry (the chart runs 65532 too).
USER 65532:65532
ENTRYPOINT ["ork"]
CMD ["--help"]
