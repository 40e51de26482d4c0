#!/usr/bin/env bash
# Benchmark set-up: a venv with aims-lint installed as users get it (a regular, compiled
# install, not editable), the floor's libraries and pymarkdown; markdownlint-cli2 from
# npm. Everything lands in bench/.venv and bench/.node (ignored by git).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python3 -m venv "$here/.venv"
"$here/.venv/bin/pip" install --quiet --upgrade pip
"$here/.venv/bin/pip" install --quiet "$here/.." python-frontmatter pymarkdownlnt pre-commit
if command -v npm >/dev/null; then
  npm install --silent --no-audit --no-fund --prefix "$here/.node" markdownlint-cli2 >/dev/null
else
  echo "npm not found: markdownlint-cli2 will be skipped" >&2
fi
