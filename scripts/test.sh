#!/usr/bin/env bash
# Everything CI checks: set-up, lint, types, the test suite, and the published schemas
# validated by a validator outside Python (ajv, from npm).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "== ruff"
.venv/bin/ruff check src exporters readers tests benchmarks examples
echo "== mypy --strict"
.venv/bin/mypy src exporters readers

echo "== schemas and rules are the declaration's output"
for edition in 2019 2021; do
  .venv/bin/disclosure-schema schema --edition "$edition" | cmp - "schemas/annual-report-$edition.schema.json"
  .venv/bin/disclosure-schema rules --edition "$edition" | cmp - "schemas/rules-$edition.json"
done

echo "== ajv (JSON Schema draft 2020-12, outside Python)"
if [ ! -x .ajv/node_modules/.bin/ajv ]; then
  npm install --silent --no-audit --no-fund --prefix .ajv ajv-cli@5 ajv-formats@3 >/dev/null
fi
ajv() { .ajv/node_modules/.bin/ajv "$@" --spec=draft2020 -c ajv-formats; }
ajv validate -s schemas/annual-report-2019.schema.json -d examples/beifeng-2020.json
ajv validate -s schemas/annual-report-2021.schema.json -d examples/huaian-2024.json
for bad in tests/data/invalid/*.json; do
  edition=$(grep -o '"edition": *"[0-9]*"' "$bad" | grep -o '[0-9]\{4\}' || echo 2021)
  if ajv validate -s "schemas/annual-report-$edition.schema.json" -d "$bad" >/dev/null 2>&1; then
    echo "ajv accepted $bad, which must be rejected" >&2
    exit 1
  fi
done
echo "ajv rejects every file in tests/data/invalid"

echo "== pytest"
.venv/bin/python -m pytest "$@"
