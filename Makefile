# Orkestra — common tasks. `npm test` and `make demo` are the two commands the README promises.
.PHONY: build test demo bench-render bench-resolve clean

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

clean:
	rm -rf dist
