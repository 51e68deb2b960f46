#!/usr/bin/env bash
# Lint, then the whole suite on SQLite, then again on a throwaway PostgreSQL server.
# With CI=true nothing may be skipped: a missing component fails the run (see tests/conftest.py).
set -uo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin

step() { printf '\n=== %s\n' "$*"; }
# Two workers on the machine's two cores (pytest-xdist): a file's run of tests at a time, in
# order, the tests on the whole demo last (tests/parallel.py). FAZHI_TEST_WORKERS=0: one process.
workers=${FAZHI_TEST_WORKERS:-2}
parallel=()
if [ "$workers" != "0" ]; then
  parallel=(-n "$workers" --dist loadfile --no-loadscope-reorder)
fi
run_pytest() {
  local label=$1; shift
  "$bin/pytest" "$@"
  local rc=$?
  if [ $rc -eq 5 ]; then echo "FAILED: no tests were collected on $label"; exit 1; fi
  if [ $rc -ne 0 ]; then echo "FAILED: test suite on $label (exit $rc)"; exit $rc; fi
}

step "ruff (lint and format)"
"$bin/ruff" check . && "$bin/ruff" format --check . || { echo "FAILED: ruff"; exit 1; }

step "test suite on SQLite"
FAZHI_EXPECT_DB=sqlite DATABASE_URL= run_pytest SQLite "${parallel[@]}" "$@"

step "test suite on PostgreSQL"
if source scripts/postgres-throwaway.sh; then
  trap pg_throwaway_stop EXIT
  FAZHI_EXPECT_DB=postgresql run_pytest PostgreSQL "${parallel[@]}" "$@"
elif [ "${CI:-}" = "true" ]; then
  echo "FAILED: PostgreSQL is required under CI=true"; exit 1
else
  echo "SKIPPED: PostgreSQL server not installed here (CI installs it: scripts/install-system-deps.sh)"
fi
echo "all test runs passed"
