#!/usr/bin/env bash
# Fuzzes the HTTP API from its own OpenAPI description with Schemathesis (PyPI): a demo server on a
# free port with a throwaway database (a SQLite file, or with `postgres` a new PostgreSQL database on
# SCHEMATHESIS_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432, dropped afterwards), logged in
# as the demo doctor `doctor1`, every operation but logout called with generated valid and invalid
# input. Fails if any answer is a 5xx, or disagrees with the description (a status, content type,
# header or body it does not document).
# Schemathesis is installed once into a virtualenv (SCHEMATHESIS_VENV, default ~/.cache/todoke/schemathesis).
# Usage: scripts/schemathesis.sh [seconds] [sqlite|postgres]   (time budget, default 300; default sqlite)
set -euo pipefail
cd "$(dirname "$0")/.."

budget=${1:-300}
database=${2:-sqlite}
venv=${SCHEMATHESIS_VENV:-$HOME/.cache/todoke/schemathesis}
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'schemathesis==4.32.5'
fi

cargo build -p server
scratch=$(mktemp -d)
postgres_server=${SCHEMATHESIS_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}
postgres_name=""
case "$database" in
  sqlite) database_url="sqlite:$scratch/todoke.db" ;;
  postgres)
    postgres_name="todoke_fuzz_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
    psql -q "$postgres_server/postgres" -c "CREATE DATABASE $postgres_name"
    database_url="$postgres_server/$postgres_name" ;;
  *) echo "unknown database $database: expected sqlite or postgres" >&2; exit 2 ;;
esac
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port/api/v1"
TODOKE_DEMO=1 TODOKE_LISTEN="127.0.0.1:$port" DATABASE_URL="$database_url" TODOKE_DIST="$scratch/no-dist" \
  TODOKE_PUBLIC_URL="http://localhost:$port" RUST_LOG=warn \
  "${CARGO_TARGET_DIR:-target}/debug/todoke-server" >"$scratch/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null; wait "$server" 2>/dev/null
  [ -z "$postgres_name" ] || psql -q "$postgres_server/postgres" -c "DROP DATABASE $postgres_name WITH (FORCE)"
  rm -rf "$scratch"
}
trap cleanup EXIT
for _ in $(seq 100); do curl -sf "$base/ready" >/dev/null && break; sleep 0.2; done

# Log in as doctor1: the password, then the code the demo outbox printed in the server's output.
jar="$scratch/cookies"
curl -sf -c "$jar" -H 'content-type: application/json' -d '{"user_id":"doctor1","password":"Kita#Clinic1"}' "$base/session" >/dev/null
sleep 0.5
code=$(awk '/DEMO OUTBOX/ { box = "" } { box = box "\n" $0 } END { print box }' "$scratch/server.log" | grep -oE '\b[0-9]{6}\b' | tail -1)
curl -sf -b "$jar" -c "$jar" -H 'content-type: application/json' -d "{\"code\":\"$code\"}" "$base/session/code" >/dev/null
session=$(awk '$6 == "todoke_session" { print $7 }' "$jar")

status=0
"$venv/bin/schemathesis" run "$base/openapi.json" --url "$base" \
  --header "Cookie: todoke_session=$session" \
  --exclude-operation-id logout \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --max-time "$budget" \
  --workers 2 \
  --suppress-health-check all || status=$?
echo "server errors logged:"; grep -c ' ERROR ' "$scratch/server.log" || true
exit $status
