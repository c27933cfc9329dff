#!/usr/bin/env bash
# Runs the benchmarks of docs/performance.md on a temp SQLite file, or with `postgres` on a throwaway
# PostgreSQL database (BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432; created and
# dropped by the bench):
#   login   200 concurrent logins while other API requests are timed (issue 3)
#   intake  notifications filed by 1, 16, 64 clients through HTTP, one server and (PostgreSQL) two,
#           raw single-row inserts and raw transactions of intake's writes into the same database
#           (issues 7, 17); BENCH_SERVER_CPUS=0.2 holds each server process to that share of a CPU
#           (a cgroup each, as root), so that on a machine with few cores the servers limit intake
#   soak    10 minutes at half the measured intake rate: errors and server memory (issue 12;
#           SOAK_SECONDS shortens it; not part of "all")
# Usage: scripts/bench.sh [sqlite|postgres|both] [login|intake|soak|all]   (default: sqlite login)
set -euo pipefail
cd "$(dirname "$0")/.."

databases=${1:-sqlite}
[ "$databases" = both ] && databases="sqlite postgres"
benches=${2:-login}
[ "$benches" = all ] && benches="login intake"
for bench in $benches; do
  for database in $databases; do
    target="${bench}_load"
    [ "$bench" = soak ] && target=soak
    cargo bench -p server --bench "$target" -- "$database"
    echo
  done
done
