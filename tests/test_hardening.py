"""A hostile pull request, file name, configuration or cache cannot bypass the check,
overwrite a file or make a result lie (issue 10). Each test builds a real git
repository and runs the installed ``aims-lint`` (or the Action's ``run.sh``) in it, as
CI and pre-commit do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import codes, lint
from .test_config import MATRIX
from .test_document_control import GOOD, with_keys

PROJECT = Path(__file__).resolve().parent.parent
AIMS_LINT = Path(sys.executable).parent / "aims-lint"
RUN_SCRIPT = PROJECT / "action" / "run.sh"
GAP = with_keys(owner="everyone")  # one DOC009 (minor) at line 5


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=root, check=True, capture_output=True,
    )


def _aims_lint(cwd: Path, *args: str, env: dict | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    environment.update({"NO_COLOR": "1", **(env or {})})
    return subprocess.run(
        [str(AIMS_LINT), *args], cwd=cwd, env=environment, capture_output=True, timeout=120,
        input=stdin,
    )


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` but git's data and aims-lint's own cache."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink() and not {".git", ".aims-lint-cache"} & set(path.parts)
    }


@pytest.fixture
def policy_repo(tmp_path):
    """A git repository with a configuration and one document with a gap, committed."""
    root = tmp_path / "aims"
    (root / "policies").mkdir(parents=True)
    (root / ".aims-lint.yaml").write_text("roles: [AI Governance Lead]\n", encoding="utf-8")
    (root / "policies" / "ai-policy.md").write_text(GAP, encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "base")
    return root


# -- 1. a symlink never moves the repository root -------------------------------


def test_a_symlink_to_a_system_file_does_not_move_the_root(policy_repo):
    (policy_repo / "0.md").symlink_to("/etc/hostname")
    result = _aims_lint(policy_repo, "check", "--verbose", "--", "0.md", "policies/ai-policy.md")
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert b"policies/ai-policy.md:5:8: DOC009" in result.stdout
    assert f"configuration: {policy_repo / '.aims-lint.yaml'}; root: {policy_repo}" in stderr
    assert "0.md: skipped: it resolves to a file outside the repository" in stderr


def test_a_symlink_first_among_changed_files_cannot_make_the_action_pass(policy_repo, tmp_path):
    _git(policy_repo, "checkout", "-qb", "topic")
    (policy_repo / "0.md").symlink_to("/etc/hostname")
    # The change brings a new gap (another vague owner): the symlink must not hide it.
    (policy_repo / "policies" / "ai-policy.md").write_text(with_keys(owner="all staff"), encoding="utf-8")
    _git(policy_repo, "add", ".")
    _git(policy_repo, "commit", "-qm", "change")
    output = tmp_path / "github-output"
    env = {key: value for key, value in os.environ.items() if not key.startswith("INPUT_")}
    env.update({"AIMS_LINT": str(AIMS_LINT), "GITHUB_OUTPUT": str(output), "INPUT_BASE_REF": "main", "NO_COLOR": "1"})
    result = subprocess.run(["bash", str(RUN_SCRIPT)], cwd=policy_repo, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "::warning file=policies/ai-policy.md,line=5" in result.stdout


def test_a_symlink_to_the_filesystem_root_is_not_walked(policy_repo):
    (policy_repo / "all.md").symlink_to("/")
    result = _aims_lint(policy_repo, "check", "--verbose", "--", "all.md")
    assert result.returncode == 0, result.stderr
    assert f"root: {policy_repo}".encode() in result.stderr
    assert b"No findings in 0 files" in result.stdout


def test_a_symlinked_folder_does_not_lend_its_configuration(policy_repo, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".aims-lint.yaml").write_text("ignore: [ALL]\n", encoding="utf-8")
    (elsewhere / "x.md").write_text(GAP, encoding="utf-8")
    (policy_repo / "docs").symlink_to(elsewhere)
    result = _aims_lint(policy_repo, "check", "--verbose", "--", "docs/x.md", "policies/ai-policy.md")
    assert f"configuration: {policy_repo / '.aims-lint.yaml'}".encode() in result.stderr
    assert result.returncode == 1 and b"policies/ai-policy.md:5:8: DOC009" in result.stdout


# -- 2. file names never become options --------------------------------------


def test_staged_files_with_option_like_names_are_files(policy_repo, tmp_path):
    before = (policy_repo / "policies" / "ai-policy.md").read_bytes()
    for name in ("-opolicies/x.md", "-o../x.md", "--config=evil.md"):
        path = policy_repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(GAP.replace("POL-AI-001", f"POL-{len(name)}"), encoding="utf-8")
    (policy_repo / "evil.md").write_text('ignore = ["ALL"]\n', encoding="utf-8")
    _git(policy_repo, "add", "--", ".")
    outside_before = _files(tmp_path)
    result = _aims_lint(policy_repo, "check", "--staged")
    stdout = result.stdout.decode()
    assert result.returncode == 1, result.stderr
    assert "-opolicies/x.md:5:8: DOC009" in stdout and "--config=evil.md:5:8: DOC009" in stdout
    assert "-o../x.md:5:8: DOC009" in stdout
    assert (policy_repo / "policies" / "ai-policy.md").read_bytes() == before
    assert _files(tmp_path) == outside_before  # no report written over a document or outside


def test_staged_sees_every_staged_file_in_one_run(policy_repo):
    for number in range(300):
        (policy_repo / "many" / f"{number:03}.md").parent.mkdir(exist_ok=True)
        (policy_repo / "many" / f"{number:03}.md").write_text(f"# Note {number}\n", encoding="utf-8")
    _git(policy_repo, "add", ".")
    result = _aims_lint(policy_repo, "check", "--staged", "--format", "json", "--no-cache")
    summary = json.loads(result.stdout)["summary"]
    assert summary["files"] == 301 and summary["comparison"] == {"base": "HEAD", "new": 0, "existing": 1, "fixed": 0}


def test_staged_with_nothing_staged_passes_at_once(policy_repo):
    # The commit changes nothing aims-lint reads: the old gap is not the commit's doing.
    result = _aims_lint(policy_repo, "check", "--staged")
    assert result.returncode == 0 and result.stdout == b"" and b"nothing to judge" in result.stderr


def test_staged_outside_git_is_a_usage_error(tmp_path):
    result = _aims_lint(tmp_path, "check", "--staged")
    assert result.returncode == 2 and result.stderr.decode().startswith("aims-lint: error: --staged: git rev-parse failed")


# -- 3. the cache is never written through a symlink ------------------------------


def test_a_cache_folder_linked_elsewhere_is_left_alone(policy_repo, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (policy_repo / ".aims-lint-cache").symlink_to(elsewhere)
    result = _aims_lint(policy_repo, "check")
    assert result.returncode == 1
    assert list(elsewhere.iterdir()) == []


def test_cache_files_linked_elsewhere_are_neither_followed_nor_read(policy_repo, tmp_path):
    cache_folder = policy_repo / ".aims-lint-cache"
    cache_folder.mkdir()
    target = tmp_path / "any" / "path"
    (cache_folder / ".gitignore").symlink_to(target)  # dangling
    secret = tmp_path / "secret.json"
    secret.write_text('{"keep": true}', encoding="utf-8")
    (cache_folder / "index.json").symlink_to(secret)
    result = _aims_lint(policy_repo, "check")
    assert result.returncode == 1
    assert not target.exists() and not target.parent.exists()
    assert secret.read_text(encoding="utf-8") == '{"keep": true}'
    assert not (cache_folder / "index.json").is_symlink()  # replaced by the real cache, not written through


# -- 4. a configuration above the git root never takes over -----------------------


def test_a_configuration_above_the_git_root_is_not_used(tmp_path):
    (tmp_path / ".aims-lint.yaml").write_text("ignore: [ALL]\n", encoding="utf-8")
    root = tmp_path / "repo"
    root.mkdir()
    (root / "p.md").write_text(GAP, encoding="utf-8")
    _git(root, "init", "-q")
    result = _aims_lint(root, "check", "--verbose")
    assert result.returncode == 1 and b"p.md:5:8: DOC009" in result.stdout
    assert f"configuration: none (defaults); root: {root}".encode() in result.stderr
    assert not (tmp_path / ".aims-lint-cache").exists()
    shown = _aims_lint(root, "config").stdout.decode()
    assert f"# root: {root}\n# configuration file: none (defaults)\n" in shown


# -- 5. Action inputs cannot inject options or output lines --------------------------


def test_an_option_as_base_ref_reaches_no_git_command(policy_repo, tmp_path):
    marker = tmp_path / "pwned"
    output = tmp_path / "github-output"
    env = {key: value for key, value in os.environ.items() if not key.startswith("INPUT_")}
    env.update({"AIMS_LINT": str(AIMS_LINT), "GITHUB_OUTPUT": str(output),
                "INPUT_BASE_REF": f"--upload-pack=touch {marker}", "NO_COLOR": "1"})
    result = subprocess.run(["bash", str(RUN_SCRIPT)], cwd=policy_repo, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout.startswith("::error title=aims-lint::base-ref '--upload-pack=touch")
    assert not marker.exists()


def test_a_sarif_file_with_a_line_break_adds_no_output_line(policy_repo, tmp_path):
    output = tmp_path / "github-output"
    output.write_text("", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("INPUT_")}
    env.update({"AIMS_LINT": str(AIMS_LINT), "GITHUB_OUTPUT": str(output),
                "INPUT_SARIF_FILE": "out.sarif\nforged=1", "NO_COLOR": "1"})
    result = subprocess.run(["bash", str(RUN_SCRIPT)], cwd=policy_repo, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == "::error title=aims-lint::sarif-file 'out.sarif%0Aforged=1' holds a line break\n"
    assert output.read_text(encoding="utf-8") == ""


# -- 7. an alias bomb in the configuration ---------------------------------------------


def test_an_alias_bomb_in_the_configuration_is_refused_quickly(tmp_path):
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 9) + "]" for level in range(1, 9)]
    (tmp_path / ".aims-lint.yaml").write_text("\n".join([*lines, "roles: *a8"]) + "\n", encoding="utf-8")
    started = time.perf_counter()
    result = _aims_lint(tmp_path, "config")
    assert time.perf_counter() - started < 10  # was 53 s and 2.3 GB
    assert result.returncode == 2
    assert b"configuration expands to more than 100,000 values" in result.stderr


# -- 10. no configuration and no repository: the file alone ----------------------------


def test_a_stray_file_is_linted_alone_and_nothing_is_written(tmp_path):
    home = tmp_path / "home"
    (home / "projects" / "other").mkdir(parents=True)
    (home / "projects" / "other" / "big.md").write_text(GAP.replace("POL-AI-001", "POL-X"), encoding="utf-8")
    (home / "notes.md").write_text(GAP, encoding="utf-8")
    before = _files(home)
    result = _aims_lint(home, "check", "--verbose", "--format", "json", "--", "notes.md")
    report = json.loads(result.stdout)
    assert [finding["path"] for finding in report["findings"]] == ["notes.md"]
    assert b"standalone" in result.stderr
    assert _files(home) == before and not (home / ".aims-lint-cache").exists()


def test_the_language_server_lints_a_stray_buffer_alone(tmp_path, monkeypatch):
    pytest.importorskip("pygls")
    from aims_lint import server
    from aims_lint.workspace import Workspace

    (tmp_path / "other.md").write_text(GAP.replace("POL-AI-001", "POL-X"), encoding="utf-8")
    walked = []
    walk = Workspace._walk
    monkeypatch.setattr(Workspace, "_walk", lambda self, *args: walked.append(args) or walk(self, *args))
    outcome = server.lint_text(tmp_path / "notes.md", GAP)
    assert [finding.code for finding in outcome.findings] == ["DOC009"]
    assert walked == [] and not (tmp_path / ".aims-lint-cache").exists()


# -- 11. the cache never changes a result --------------------------------------------


def test_a_file_replaced_with_the_same_size_and_time_is_read_again(repo):
    root = repo({"matrix.md": _matrix("Head of Data"), "p.md": with_keys(owner="Head of Data")})
    single = [root / "p.md"]
    assert codes(lint(root, single, select=["TRC008"])) == []
    matrix = root / "matrix.md"
    stamp = matrix.stat()
    matrix.write_text(_matrix("Head of Dada"), encoding="utf-8")  # same size
    os.utime(matrix, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # touch -r
    assert matrix.stat().st_size == stamp.st_size and matrix.stat().st_mtime_ns == stamp.st_mtime_ns
    assert [code for _, code, _ in codes(lint(root, single, select=["TRC008"]))] == ["TRC008"]


def test_a_cache_made_under_another_configuration_is_not_used(repo):
    big_matrix = _matrix("Head of Data") + "\nPadding text. " * 200
    root = repo({"team/matrix.md": big_matrix, "p.md": with_keys(owner="Head of Data", id="POL-2")})
    single = [root / "p.md"]
    settings = root / ".aims-lint.toml"
    roles = 'roles = ["AI Governance Lead"]\n'  # owners are judged whether or not the matrix is read
    settings.write_text(roles, encoding="utf-8")
    assert codes(lint(root, single, select=["TRC008"])) == []
    settings.write_text(roles + 'exclude = ["team/"]\n', encoding="utf-8")
    lint(root, single, select=["TRC008"])  # the matrix is not part of the repository
    settings.write_text(roles + 'max-file-size = "1 KB"\n', encoding="utf-8")
    lint(root, single, select=["TRC008"])  # the matrix is back, but over the size limit: skipped
    settings.write_text(roles, encoding="utf-8")
    assert codes(lint(root, single, select=["TRC008"])) == []  # nothing left over from the small limit


def _matrix(role: str) -> str:
    """A competence matrix whose one row is ``role``."""
    return MATRIX.replace("| AI Governance Lead | ISO", f"| {role} | ISO")


# -- 12. a hostile cache is discarded and rebuilt ---------------------------------------


def test_a_deeply_nested_cache_file_is_discarded(repo):
    root = repo({"p.md": GAP})
    expected = codes(lint(root))
    for name in ("index.json", "facts.json"):
        (root / ".aims-lint-cache" / name).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = lint(root)
    assert result.errors == [] and codes(result) == expected


def test_cached_facts_of_the_wrong_shape_are_computed_again(repo):
    root = repo({"matrix.md": _matrix("Head of Data"), "p.md": with_keys(owner="Head of Data")})
    single = [root / "p.md"]
    expected = codes(lint(root, single, select=["ALL"]))  # TRC008 (opt-in) reads the matrix's facts
    path = root / ".aims-lint-cache" / "facts.json"
    stored = json.loads(path.read_text(encoding="utf-8"))
    wrong = [1, {"x": None}, "text", [[1, 2]], [["a", "b", "not a number"]], 7, True]
    for number, entry in enumerate(stored["files"].values()):
        for key in entry["facts"]:
            entry["facts"][key] = wrong[number % len(wrong)]
    path.write_text(json.dumps(stored), encoding="utf-8")
    result = lint(root, single, select=["ALL"])
    assert result.errors == [] and codes(result) == expected


# A random sequence of edits (rewrites of the same size with the same modification time
# among them) and configuration changes: after each, a run with the cache must find
# exactly what a run without it finds.
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_CONTENTS = [
    _matrix("Head of Data"), _matrix("Head of Dada"), _matrix("Head of Data") + "\nPadding. " * 150,
    with_keys(owner="Head of Data", id="POL-2"), with_keys(owner="Head of Dada", id="POL-2"),
]
# ALL: with TRC008 (opt-in), which reads the competence matrix's roles through the facts cache.
_SETTINGS = [f'select = ["ALL"]\n{setting}' for setting in (
    'roles = ["AI Governance Lead"]\n', 'roles = ["AI Governance Lead"]\nexclude = ["team/"]\n',
    'roles = ["AI Governance Lead"]\nmax-file-size = "1 KB"\n', '[types]\n"team/*.md" = "competence-matrix"\n',
)]
_EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("write"), st.sampled_from(["p.md", "team/matrix.md"]),
                  st.sampled_from(range(len(_CONTENTS))), st.booleans()),
        st.tuples(st.just("delete"), st.sampled_from(["p.md", "team/matrix.md"])),
        st.tuples(st.just("configure"), st.sampled_from(range(len(_SETTINGS)))),
    ),
    min_size=1, max_size=8,
)


def _findings(root: Path, use_cache: bool):
    from aims_lint import runner
    from aims_lint.config import load_config
    from aims_lint.pack import load_rules

    from .conftest import TODAY

    config = load_config(root)
    config.cache = use_cache
    result = runner.run(config, [], TODAY, rules=runner.select_rules(config, load_rules()))
    return [(f.path, f.line, f.code, f.message) for f in result.active], result.errors


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(_EDITS)
def test_a_cached_run_finds_what_an_uncached_run_finds(edits):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "team").mkdir()
        (root / ".aims-lint.toml").write_text(_SETTINGS[0], encoding="utf-8")
        (root / "p.md").write_text(_CONTENTS[3], encoding="utf-8")
        (root / "team" / "matrix.md").write_text(_CONTENTS[0], encoding="utf-8")
        _findings(root, use_cache=True)
        for edit in edits:
            if edit[0] == "write":
                _, name, content, keep_time = edit
                path = root / name
                before = path.stat() if path.exists() else None
                path.write_text(_CONTENTS[content], encoding="utf-8")
                if keep_time and before is not None:  # touch -r: the old modification time
                    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
            elif edit[0] == "delete":
                (root / edit[1]).unlink(missing_ok=True)
            else:
                (root / ".aims-lint.toml").write_text(_SETTINGS[edit[1]], encoding="utf-8")
            assert _findings(root, use_cache=True) == _findings(root, use_cache=False)


def test_a_second_configuration_file_beside_the_first_is_an_error(policy_repo):
    (policy_repo / ".aims-lint.toml").write_text('ignore = ["ALL"]\n', encoding="utf-8")  # added by a pull request
    result = _aims_lint(policy_repo, "check")
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"aims-lint: error: {policy_repo}: more than one aims-lint configuration (.aims-lint.yaml, .aims-lint.toml): keep one\n"
    )
