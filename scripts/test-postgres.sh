#!/usr/bin/env bash
# Run the test suites against a throwaway PostgreSQL 15 cluster (plus SQLite), then remove the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d /tmp/tideline-pg.XXXXXX)
trap 'bash scripts/pg-cluster.sh stop "$dir/data"; rm -rf "$dir"' EXIT
TEST_DATABASE_URL=$(bash scripts/pg-cluster.sh start "$dir/data" "$((55000 + RANDOM % 1000))")
export TEST_DATABASE_URL
npx vitest run "$@"
