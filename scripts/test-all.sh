#!/usr/bin/env bash
# `npm test`: everything CI checks, cheapest first, so that a type error fails in seconds
# rather than after the e2e run. The e2e run installs n8n into a cache folder on first use
# (about 5 minutes, once), so this also works on a fresh clone with only the npm registry.
set -euo pipefail

cd "$(dirname "$0")/.."

step() {
	printf '\n=== %s\n' "$*"
}

step 'build'
npm run build

step "the packed package as n8n Cloud's verification sees it (contents, size, n8n's scanner)"
npm run test:package

step 'lint'
npm run lint

step 'type check (sources, tests, scripts)'
npx tsc --noEmit -p tsconfig.json

step 'unit and integration tests (jest)'
npx jest

step 'the same jest suites on Node 24'
npm run test:node24

step 'end-to-end: the packed package in a real n8n'
npm run test:e2e

step 'npm start on a fresh user folder: signed in, not on the setup screen'
npm run test:start

step 'n8n queue mode: main, worker, two webhook processors on Redis and PostgreSQL (installed when missing)'
npm run test:queue
