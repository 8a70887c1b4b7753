#!/usr/bin/env bash
# Make this checkout ready to run: Debian packages the exporters and tests need, a virtual
# environment in .venv with the project and its test tools. Idempotent: cheap when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium and nodejs: the fill-in page's browser test (Debian's browser, never a download) and the
# JavaScript checker's differential test.
debs=(poppler-utils fonts-wqy-microhei fonts-arphic-uming chromium nodejs npm)
missing=()
for pkg in "${debs[@]}"; do
  if { [ "$pkg" = nodejs ] && command -v node; } || { [ "$pkg" = npm ] && command -v npm; }; then
    continue  # a node or npm from elsewhere (nvm, NodeSource) will do
  fi >/dev/null 2>&1
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: please install the Debian packages ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
  fi
fi

# node runs the rules contract test (tests/contract/rules_contract.mjs) and ajv; Debian's nodejs is enough.
if ! command -v node >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian package nodejs"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "setup: please install node (sudo apt-get install nodejs npm)" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  log=.venv/pip-install.log
  if ! { .venv/bin/python -m pip install --upgrade pip && .venv/bin/python -m pip install -e '.[dev]'; } >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "setup: pip install failed; the whole log is in $log" >&2
    exit 1
  fi
  rm -f .venv/.installed-*
  touch "$stamp"
fi
