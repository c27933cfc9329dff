#!/usr/bin/env bash
# Runs the login load benchmark (docs/performance.md): 200 concurrent logins while other API requests
# are timed, on a temp SQLite file, or with `postgres` on a throwaway PostgreSQL database
# (BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432; created and dropped by the bench).
# Usage: scripts/bench.sh [sqlite|postgres|both]
set -euo pipefail
cd "$(dirname "$0")/.."

databases=${1:-sqlite}
[ "$databases" = both ] && databases="sqlite postgres"
for database in $databases; do
  cargo bench -p server --bench login_load -- "$database"
  echo
done
