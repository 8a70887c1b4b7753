#!/usr/bin/env bash
# The main job on the shipped example: check the seed report, then write its official files
# (XLSX workbook, PDF document, canonical JSON) into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
status=0
.venv/bin/disclosure-schema validate examples/beifeng-2020.json || status=$?
if [ "$status" -gt 1 ]; then exit "$status"; fi
.venv/bin/disclosure-schema export examples/beifeng-2020.json --to xlsx,pdf,json -o out
ls -l out/
