#!/bin/sh
# The image's `ork` (/usr/local/bin/ork, the ENTRYPOINT and the chart's command): node on the
# bundled CLI. `ork controller` gets V8's interrupt budget on node's own command line, 8× the
# default (the number cli/tier-up.ts sets at run time): set there, it also covers Node's bootstrap,
# so TurboFan does not run before the controller is idle, and its code (≈ 3.5 MiB of the node
# binary) is never paged in: idle RSS with 10 CRDs 64 → 60 MiB, reconcile throughput at 1,000 CRs
# unchanged (docs/benchmarks.md, *Fifth pass*). Node refuses the flag in NODE_OPTIONS, hence here.
# exec: node replaces this shell and receives the container's signals itself.
if [ "${1-}" = controller ]; then
  exec node --interrupt-budget=540672 /app/dist/bundle/main.js "$@"
fi
exec node /app/dist/bundle/main.js "$@"
