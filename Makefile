# Orkestra — common tasks. `npm test` and `make demo` are the two commands the README promises.
.PHONY: build test demo bench bench-prereqs bench-render bench-resolve bench-reconcile bench-steady bench-startup bench-webhook bench-regex faults clean

build:
	npm run build

test:
	npm test

demo: build
	examples/demo.sh

# What the benchmarks run against, as .ci/run installs it: Debian packages, kube-apiserver and
# kube-controller-manager v1.20.2 built once into ~/.cache/orkestra (about 30 minutes the first
# time on a fresh machine, seconds after), and real helm. Idempotent.
bench-prereqs:
	test/cluster/install-prereqs.sh
	test/cluster/build.sh >/dev/null
	test/infra/helm.sh >/dev/null

# The whole suite: results JSON, charts and docs/benchmarks.md tables. BENCH_QUICK=1 for small N.
bench: build bench-prereqs
	node dist/bench/run-all.js

bench-render: build
	node dist/bench/render.js

bench-resolve: build bench-prereqs
	node dist/bench/resolve.js

bench-reconcile: build bench-prereqs
	node dist/bench/reconcile.js

# RSS at 10,000 CRs (2 children each) and writes over 10 minutes of resyncs; BENCH_STEADY_ARGS=--quick for 200 CRs and 60 s.
bench-steady: build bench-prereqs
	node dist/bench/steady.js $(BENCH_STEADY_ARGS)

bench-startup: build bench-prereqs
	node dist/bench/startup.js --rounds 5 --chart-flags

bench-webhook: build
	node dist/bench/webhook.js

# Extra engines to compare, when installed somewhere: make bench-regex REGEX_BENCH_ARGS='--native DIR/node_modules/re2'
bench-regex: build
	node dist/bench/regex.js $(REGEX_BENCH_ARGS)

# Fault injection on a control plane of its own (issue #12); results go in docs/reliability.md.
# Quick run: make faults ORKESTRA_FAULTS_CRS=200 ORKESTRA_FAULTS_KILLS=5
faults: build
	ORKESTRA_FAULTS_CRS=$(or $(ORKESTRA_FAULTS_CRS),1000) ORKESTRA_FAULTS_KILLS=$(or $(ORKESTRA_FAULTS_KILLS),10) node dist/test/faults/suite.js

clean:
	rm -rf dist
