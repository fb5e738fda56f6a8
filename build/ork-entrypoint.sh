#!/bin/sh
# The image's `ork` (/usr/local/bin/ork, the ENTRYPOINT and the chart's command): node on the
# bundled CLI. `ork controller` gets its V8 flags (cli/controller-v8.ts, which sets the same ones
# at run time) on node's own command line, where they also cover Node's bootstrap (idle RSS with
# 10 CRDs 64 → 60 MiB on Node 20: docs/benchmarks.md, *Fifth pass*) and where Node accepts them
# (not in NODE_OPTIONS). V8 renamed its tiering flags after Node 20 and node refuses a flag its V8
# does not know, so they go by the Node major the image runs (NODE_VERSION, which the official node
# images set); for any other major, none here. And glibc's malloc at two arenas (unless
# MALLOC_ARENA_MAX is set): otherwise the threads that compile and collect in the background keep
# an arena each. With the heap flag: RSS at 10,000 CRs, peak 135–137 → 123–125 MiB (*Memory at
# 10,000 CRs, third pass*).
# `ork controller` runs /app/dist/bundle/controller.cjs, the controller alone in one CommonJS file
# (build/bundle.mjs; CPU to the first CR Ready −50 ms, docs/benchmarks.md, *Eleventh pass*); every
# other command the bundled CLI.
# exec: node replaces this shell and receives the container's signals itself.
main=/app/dist/bundle/main.js
if [ "${1-}" = controller ]; then
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
  controller=/app/dist/bundle/controller.cjs
  case "${NODE_VERSION-}" in
    20.*|21.*) exec node --interrupt-budget=540672 --heap-growing-percent=20 "$controller" "$@" ;;
    22.*|23.*|24.*) exec node --invocation-count-for-turbofan=24000 --invocation-count-for-maglev=12800 --invocation-count-for-osr=40000 --invocation-count-for-maglev-osr=8000 --heap-growing-percent=20 "$controller" "$@" ;;
  esac
  exec node "$controller" "$@"
fi
exec node "$main" "$@"
