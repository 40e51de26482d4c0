"""The command line as users and tools call it: exit codes, formats, stdin, help."""

import json
import os
import subprocess
import sys
import tempfile

import pytest
from click.testing import CliRunner

from aims_lint.cli import main

from .test_document_control import GOOD, with_keys


def run(root, *args, input=None, env=None):
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(root)
    try:
        return runner.invoke(main, list(args), input=input, env=env or {"NO_COLOR": "1"}, catch_exceptions=False)
    finally:
        os.chdir(cwd)


@pytest.fixture
def gap_repo(repo):
    return repo({"policies/ai-policy.md": with_keys(next_review="2026-01-10", owner="everyone"), "README.md": "# Our AIMS\n"})


def test_check_defaults_to_the_repository_and_prints_file_line_col(gap_repo):
    result = run(gap_repo, "check", "--today", "2026-06-01")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "policies/ai-policy.md:5:8: DOC009 [minor] owner 'everyone' is not a named role: name the role accountable for it (e.g. 'AI Governance Lead')"
    # A procedure's review date is the organisation's own rule: advisory (an AI policy's is A.2.4, minor).
    assert lines[1].startswith("policies/ai-policy.md:10:14: DOC007 [advisory] review overdue")
    assert "Found 2 findings (1 minor, 1 advisory) in 2 files (1 governance documents)." in result.output


def test_clean_repository_exits_zero(repo):
    result = run(repo({"p.md": GOOD}), "check", "--today", "2026-06-01")
    assert result.exit_code == 0 and "No findings" in result.output


def test_fail_on_and_exit_zero(gap_repo):
    assert run(gap_repo, "check", "--today", "2026-06-01", "--fail-on", "major").exit_code == 0
    assert run(gap_repo, "check", "--today", "2026-06-01", "--exit-zero").exit_code == 0


def test_json_output_matches_the_brief(gap_repo):
    result = run(gap_repo, "check", "--today", "2026-06-01", "--format", "json")
    data = json.loads(result.output)
    assert set(data) == {"version", "findings", "summary"}
    finding = data["findings"][0]
    assert {"path", "line", "column", "code", "clause", "classification", "message"} <= set(finding)
    assert finding["path"] == "policies/ai-policy.md" and finding["clause"] == "5.3"
    assert data["summary"]["by_classification"] == {"major": 0, "minor": 1, "advisory": 1}


def test_github_format_is_automatic_under_actions(gap_repo):
    result = run(gap_repo, "check", "--today", "2026-06-01", env={"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(gap_repo)})
    assert result.output.startswith("::warning file=policies/ai-policy.md,line=5,col=8,title=DOC009 vague-owner (5.3%2C minor)::")


def test_stdin_filename_lints_the_buffer_as_that_file(gap_repo):
    result = run(gap_repo, "check", "--today", "2026-06-01", "--stdin-filename", "policies/ai-policy.md", input=GOOD)
    assert result.exit_code == 0, result.output
    result = run(gap_repo, "check", "--today", "2026-06-01", "--stdin-filename", "policies/new.md", input=with_keys(owner="all staff", id="POL-2"))
    assert result.exit_code == 1 and result.output.startswith("policies/new.md:5:8: DOC009")


# ``python -m aims_lint`` that prints its peak memory (VmHWM, KB) last on stderr.
_WITH_PEAK_MEMORY = (
    "import atexit, re, sys\n"
    "peak = lambda: re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read())[1]\n"
    "atexit.register(lambda: print(peak(), file=sys.stderr))\n"
    "from aims_lint.cli import main\n"
    "main(sys.argv[1:])\n"
)


def _check_stdin(root, relpath: str, chunks) -> tuple[int, str, str, int]:
    """``aims-lint check --stdin-filename relpath`` fed ``chunks``, as an editor pipes a
    buffer: (exit code, stdout, stderr, the process's peak memory in KB)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [sys.executable, "-c", _WITH_PEAK_MEMORY, "check", "--no-cache", "--stdin-filename", relpath],
            cwd=root, stdin=subprocess.PIPE, stdout=out, stderr=err, env={**os.environ, "NO_COLOR": "1"},
        )
        for chunk in chunks:
            process.stdin.write(chunk)
        process.stdin.close()
        process.wait()
        out.seek(0)
        err.seek(0)
        *messages, peak = err.read().decode().splitlines()
        return process.returncode, out.read().decode(), "".join(line + "\n" for line in messages), int(peak)


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="peak memory from /proc (Linux)")
def test_stdin_over_max_file_size_is_skipped_with_a_note_without_being_kept_in_memory(repo):
    root = repo({".aims-lint.yaml": "max-file-size: 100 KB\n"})
    megabyte = (with_keys(owner="everyone") + "[x](gon.md)\n\n" * 81_000).encode()[: 1 << 20]
    code, out, err, _ = _check_stdin(root, "policy.md", [megabyte[: 50 * 1024]])
    assert code == 1 and "DOC009" in out  # under the limit: linted
    code, out, err, peak_just_over = _check_stdin(root, "policy.md", [megabyte[: 200 * 1024]])
    assert (code, err) == (0, "aims-lint: note: policy.md: skipped: 0.2 MB is over the max-file-size of 0.1 MB\n")
    code, out, err, peak = _check_stdin(root, "policy.md", [megabyte] * 12)
    assert (code, err) == (0, "aims-lint: note: policy.md: skipped: 12.0 MB is over the max-file-size of 0.1 MB\n")
    assert out.startswith("No findings in 0 files")
    assert peak - peak_just_over < 4 * 1024  # KB: read in chunks and dropped, not 12 MB kept


def test_output_file_and_quiet(gap_repo):
    result = run(gap_repo, "check", "--today", "2026-06-01", "--format", "json", "-o", "out/report.json")
    assert result.output == "" and json.loads((gap_repo / "out/report.json").read_text())["summary"]["findings"] == 2
    quiet = run(gap_repo, "check", "--today", "2026-06-01", "-q")
    assert "Found" not in quiet.output and len(quiet.output.splitlines()) == 2


def test_statistics(gap_repo):
    result = run(gap_repo, "check", "--today", "2026-06-01", "--statistics")
    assert "    1  DOC007  review-overdue" in result.output


def test_show_suppressed_lists_reasons(repo):
    root = repo({"p.md": GOOD.replace("Text.", "<!-- aims-lint-disable-next-line DOC008 -- wet signature on file -->\nSigned: ____")})
    plain = run(root, "check", "--today", "2026-06-01")
    assert plain.exit_code == 0 and "1 suppressed" in plain.output
    shown = run(root, "check", "--today", "2026-06-01", "--show-suppressed")
    assert "(suppressed: wet signature on file)" in shown.output


def test_rules_and_explain(repo):
    listing = run(repo({}), "rules", "--format", "json")
    rules = json.loads(listing.output)
    assert {"code", "name", "clause", "classification"} <= set(rules[0])
    assert len({rule["code"] for rule in rules}) == len(rules)
    text = run(repo({}), "explain", "review-overdue").output
    assert text.startswith("DOC007 review-overdue\nClause: 8.1 | Classification: advisory")
    assert "## Why an auditor flags it" in text
    missing = run(repo({}), "explain", "NOPE001")
    assert missing.exit_code == 2 and "no rule with code or name" in missing.output


def test_config_command_shows_sources(repo):
    root = repo({".aims-lint.yaml": "roles: [CISO]\n"})
    output = run(root, "config").output
    assert "roles = ['CISO']    # " in output and ".aims-lint.yaml:1" in output
    assert "fail-on = 'minor'    # default" in output


def test_bad_config_is_one_line_exit_2(repo):
    root = repo({".aims-lint.yaml": "colour: blue\n", "p.md": GOOD})
    result = run(root, "check")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"aims-lint: error: {root / '.aims-lint.yaml'}:1: unknown configuration key 'colour'"]


def test_bad_today_and_missing_path_are_usage_errors(repo):
    root = repo({"p.md": GOOD})
    assert run(root, "check", "--today", "tomorrow").exit_code == 2
    result = run(root, "check", "nope.md")
    assert result.exit_code == 2 and "no such file or folder" in result.output


def test_a_crashing_rule_is_an_internal_error_for_that_file_and_the_run_goes_on(repo, monkeypatch):
    from aims_lint import pack

    rules = pack.load_rules()
    broken = next(rule for rule in rules if rule.code == "DOC009")

    def explode(doc, ctx):
        raise ValueError("boom")
        yield

    monkeypatch.setattr(pack, "load_rules", lambda: tuple(r if r is not broken else type(r)(**{**r.__dict__, "check": explode}) for r in rules))
    root = repo({"a.md": with_keys(next_review="2026-01-01"), "b.md": with_keys(id="POL-2")})
    result = run(root, "check", "--today", "2026-06-01")
    assert result.exit_code == 2
    assert "a.md:10:14: DOC007" in result.output
    assert "aims-lint: error: a.md: internal error in rule DOC009 (vague-owner): ValueError: boom" in result.output
    assert "b.md: internal error in rule DOC009" in result.output


def test_module_entry_point_and_help_without_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "aims_lint", "--help"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0 and "aims-lint check" in result.stdout
    result = subprocess.run([sys.executable, "-m", "aims_lint", "check", "--format", "xml"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
