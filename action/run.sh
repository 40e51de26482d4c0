#!/usr/bin/env bash
# The GitHub Action's lint step (action.yml). Inputs arrive as environment variables:
#   AIMS_LINT         the aims-lint executable (default: aims-lint on PATH)
#   INPUT_PATHS       files or folders, separated by whitespace (empty: the repository)
#   INPUT_BASE_REF    lint only Markdown files added/copied/modified/renamed since this ref
#   INPUT_FAIL_ON     major | minor | advisory (empty: the configuration's)
#   INPUT_SARIF_FILE  also write SARIF here
#   INPUT_ARGS        further options for 'aims-lint check', separated by whitespace
# Exit status: aims-lint's (0 clean, 1 findings, 2 error).
set -euo pipefail
set -f  # inputs are split on whitespace but never glob-expanded

aims_lint="${AIMS_LINT:-aims-lint}"
paths=(${INPUT_PATHS:-})
extra=(${INPUT_ARGS:-})
sarif_file="${INPUT_SARIF_FILE:-}"

options=()
if [ -n "${INPUT_FAIL_ON:-}" ]; then
  options+=(--fail-on "$INPUT_FAIL_ON")
fi

workflow_escape() {  # text that cannot start or inject a workflow command in the log
  local text="${1//%/%25}"
  text="${text//$'\r'/%0D}"
  printf '%s' "${text//$'\n'/%0A}"
}

fail_input() {  # an unusable input: one annotated error line, exit 2
  echo "::error title=aims-lint::$(workflow_escape "$1")"
  exit 2
}

set_output() {  # values are checked to be one line: no extra line reaches $GITHUB_OUTPUT
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  fi
}

case "$sarif_file" in
  *$'\n'* | *$'\r'*) fail_input "sarif-file '$sarif_file' holds a line break" ;;
esac

under_paths() {  # is the file $1 under one of the requested paths?
  local file="$1" path
  [ "${#paths[@]}" -eq 0 ] && return 0
  for path in "${paths[@]}"; do
    path="${path%/}"
    path="${path#./}"
    if [ "$path" = "." ] || [ "$path" = "" ] || [ "$file" = "$path" ] || [[ "$file" == "$path"/* ]]; then
      return 0
    fi
  done
  return 1
}

if [ -n "${INPUT_BASE_REF:-}" ]; then
  base="$INPUT_BASE_REF"
  # A ref or commit name, never an option for git ('--upload-pack=...'): git's own
  # ref-name rules forbid a leading '-', spaces and control characters.
  if [[ "$base" == -* || ! "$base" =~ ^[][A-Za-z0-9._/@{}~^+:-]+$ ]]; then
    fail_input "base-ref '$base' is not a branch, tag or commit name"
  fi
  if ! git rev-parse --verify --quiet --end-of-options "$base^{commit}" >/dev/null; then
    git fetch --no-tags --quiet origin --end-of-options "$base" || true
    base="FETCH_HEAD"
  fi
  if ! git rev-parse --verify --quiet --end-of-options "$base^{commit}" >/dev/null; then
    fail_input "base-ref '$INPUT_BASE_REF' is not a commit in this checkout (use actions/checkout with fetch-depth: 0)"
  fi
  # Changes since the merge base (three dots); a shallow clone without one compares trees.
  range=("$base...HEAD")
  git merge-base "$base" HEAD >/dev/null 2>&1 || range=("$base" "HEAD")
  changed=()
  while IFS= read -r -d '' file; do  # relative to this folder (--relative), NUL-separated
    case "${file,,}" in
      *.md | *.markdown) ;;
      *) continue ;;
    esac
    if [ -f "$file" ] && under_paths "$file"; then
      changed+=("$file")
    fi
  done < <(git diff -z --name-only --relative --diff-filter=ACMR "${range[@]}" --)
  if [ "${#changed[@]}" -eq 0 ]; then
    echo "aims-lint: no Markdown file changed since the base ref"
    if [ -n "$sarif_file" ]; then
      mkdir -p "$(dirname "$sarif_file")"
      printf '%s\n' '{"version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "runs": [{"tool": {"driver": {"name": "aims-lint"}}, "results": []}]}' >"$sarif_file"
      set_output sarif-file "$sarif_file"
    fi
    exit 0
  fi
  paths=("${changed[@]}")
fi

if [ -n "$sarif_file" ]; then
  status=0
  "$aims_lint" check --format sarif --output-file "$sarif_file" --exit-zero --quiet "${options[@]}" "${extra[@]}" -- "${paths[@]}" || status=$?
  if [ "$status" -ne 0 ]; then
    exit "$status"
  fi
  set_output sarif-file "$sarif_file"
fi

exec "$aims_lint" check --format github "${options[@]}" "${extra[@]}" -- "${paths[@]}"
