#!/usr/bin/env bash
# Checks the committed FHIR fixtures (server/tests/api/fixtures/fhir/*.json: Bundles as todoke writes
# them, and as an EMR system sends them) against the FHIR R4 (4.0.1) model of the PyPI package
# fhir.resources: element names and types, cardinalities, required elements, every entry's resource
# by its resourceType. fhir.resources 6.0.0 is the last release whose model is R4 rather than R4B or
# R5, and it needs pydantic 1; both are pinned and installed on first use into target/fhir-validator
# (a virtualenv, so nothing of the system's Python changes).
# Usage: scripts/fhir-validate.sh [FILE…]   (default: every fixture)
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${CARGO_TARGET_DIR:-target}/fhir-validator
if [ ! -f "$venv/.installed-6.0.0" ]; then
  # Debian's own python3 keeps venv's ensurepip in a package of its own.
  if ! python3 -c 'import ensurepip' 2>/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
  fi
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'fhir.resources==6.0.0' 'pydantic==1.10.13'
  touch "$venv/.installed-6.0.0"
fi
if [ $# -eq 0 ]; then
  set -- server/tests/api/fixtures/fhir/*.json
fi
"$venv/bin/python" - "$@" <<'PY'
import sys

import fhir.resources
from fhir.resources.bundle import Bundle

assert fhir.resources.__fhir_version__ == "4.0.1", fhir.resources.__fhir_version__
failed = 0
for path in sys.argv[1:]:
    try:
        bundle = Bundle.parse_file(path)
        kinds = sorted({entry.resource.resource_type for entry in bundle.entry or []})
        print(f"valid FHIR R4 Bundle: {path} ({len(bundle.entry or [])} entries: {', '.join(kinds)})")
    except Exception as error:  # pydantic's ValidationError names every element refused
        failed += 1
        print(f"INVALID: {path}\n{error}")
print(f"{len(sys.argv) - 1 - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
