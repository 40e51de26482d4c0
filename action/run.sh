#!/usr/bin/env bash
# The GitHub Action's lint step (action.yml). Inputs arrive as environment variables:
#   AIMS_LINT         the aims-lint executable (default: aims-lint on PATH)
#   INPUT_PATHS       files or folders, separated by whitespace (empty: the repository)
#   INPUT_BASE_REF    report only the findings the change since this ref introduces,
#                     wherever they land (aims-lint check --new-since)
#   GITHUB_STEP_SUMMARY  when set, a Markdown summary is appended to it
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

since=()
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
  # What the pull request changes is judged against the merge base (what 'base...HEAD'
  # shows); a shallow clone without one compares with the base itself.
  merge_base="$(git merge-base "$base" HEAD 2>/dev/null || true)"
  # The whole repository is linted as it is and as it was at the base: a finding the
  # change introduces is reported wherever it lands (a deleted impact assessment leaves
  # the scope document's system unassessed); findings that were there before are not.
  if [ -z "$merge_base" ] || [ "$merge_base" = "$(git rev-parse --verify --quiet --end-of-options "$base^{commit}")" ]; then
    merge_base="$base"  # the base itself: named as the user named it
  fi
  since=(--new-since "$merge_base")
fi

summary=()
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  summary=(--summary-file "$GITHUB_STEP_SUMMARY")
fi

if [ -n "$sarif_file" ]; then
  status=0
  "$aims_lint" check --format sarif --output-file "$sarif_file" --exit-zero --quiet "${since[@]}" "${options[@]}" "${extra[@]}" -- "${paths[@]}" || status=$?
  if [ "$status" -ne 0 ]; then
    exit "$status"
  fi
  set_output sarif-file "$sarif_file"
fi

exec "$aims_lint" check --format github "${since[@]}" "${summary[@]}" "${options[@]}" "${extra[@]}" -- "${paths[@]}"
