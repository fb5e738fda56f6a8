# Orkestra — common tasks. `npm test` and `make demo` are the two commands the README promises.
.PHONY: build test demo bench-render bench-resolve bench-reconcile clean

build:
	npm run build

test:
	npm test

demo: build
	examples/demo.sh

bench-render: build
	node dist/bench/render.js

bench-resolve: build
	node dist/bench/resolve.js

bench-reconcile: build
	node dist/bench/reconcile.js

clean:
	rm -rf dist
