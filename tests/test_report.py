"""``aims-lint report``: one self-contained HTML page for top management, checked as
markup and as a real browser shows it (headless Chromium)."""

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from aims_lint.html_report import clause_group, heat_level

from .test_cli import run
from .test_document_control import with_keys

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
TODAY = "2026-11-27"  # the example's Stage 2 is 2027-03-15: 108 days


class Page(HTMLParser):
    """The parts of a page the tests look at: tags with their attributes, and text by id."""

    def __init__(self, text):
        super().__init__()
        self.tags, self.text_by_id, self._open = [], {}, []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag not in ("meta", "link", "col", "br", "img", "input"):
            self._open.append(attrs.get("id"))
            if attrs.get("id"):
                self.text_by_id[attrs["id"]] = ""

    def handle_endtag(self, tag):
        if tag not in ("meta", "link", "col", "br", "img", "input") and self._open:
            self._open.pop()

    def handle_data(self, data):
        for element_id in self._open:
            if element_id:
                self.text_by_id[element_id] += data


def expected(root) -> dict:
    """What the page must show, from the linter's own JSON on the same repository."""
    import json

    data = json.loads(run(root, "check", "--today", TODAY, "--format", "json").output)
    findings = data["findings"]
    counts = {level: sum(f["classification"] == level for f in findings) for level in ("major", "minor", "advisory")}
    planning = [f for f in findings if f["clause"].split(".")[0] == "6"]
    return {
        "counts": tuple(str(counts[level]) for level in ("major", "minor", "advisory")),
        "total": str(len(findings)),
        "files": [f["path"] for f in findings],
        # each finding links to its file, then to the file of each of its other places
        "links": [path for f in findings for path in [f["path"]] + [item["path"] for item in f["locations"]]],
        "planning": (str(len(planning)), sum(f["classification"] == "major" for f in planning), sum(f["classification"] == "minor" for f in planning),
                     sum(f["classification"] == "advisory" for f in planning)),
        "mrv_minor": str(sum(f["code"].startswith("MRV") and f["classification"] == "minor" for f in findings)),
        "annex_a2": str(sum(f["clause"].startswith("A.2.") for f in findings)),
    }


@pytest.fixture
def example(tmp_path):
    """The example AIMS with gaps, with a folder for reports inside it."""
    root = tmp_path / "aims"
    shutil.copytree(EXAMPLES / "aims", root)
    (root / "reports").mkdir()
    return root


def test_the_page_is_self_contained_and_links_to_the_files(example):
    result = run(example, "report", "--today", TODAY, "--title", "Northwind Lending", "-o", "reports/readiness.html")
    assert result.exit_code == 0, result.output
    assert result.output == "aims-lint: wrote reports/readiness.html\n"
    html = (example / "reports" / "readiness.html").read_text(encoding="utf-8")
    page = Page(html)
    tags = {tag for tag, _ in page.tags}
    assert "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    assert not re.search(r"https?://|@import|url\(", html)  # nothing to fetch
    # The example's management review predates its internal audit: never ready, whatever the date.
    assert page.text_by_id["verdict"] == "Documentation not ready for Stage 2"
    assert "predates the internal audit" in html.lower()
    assert "The verdict is about documented information only, not whether the AIMS operates effectively." in html
    assert page.text_by_id["days-left"] == "108"
    want = expected(example)
    assert (page.text_by_id["count-major"], page.text_by_id["count-minor"], page.text_by_id["count-advisory"]) == want["counts"]
    links = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    assert len(links) == len(want["links"]) > len(want["files"]) and "../planning/objectives.md" in links
    # Each finding links to its file; findings about the repository, to its folder.
    assert all((example / "reports" / link).resolve().is_file() for link in links if link != "../")
    assert links.count("../") == want["files"].count(".")
    assert "Northwind Lending" in html and [name for name in os.listdir(example / "reports")] == ["readiness.html"]


def test_everything_from_the_repository_is_escaped(repo):
    hostile = "<script>alert(1)</script>"
    root = repo({
        "<b>odd</b>.md": with_keys(owner=hostile, next_review="2026-01-01"),
        ".aims-lint.yaml": "stage2-date: 2027-03-01\n",
    })
    result = run(root, "report", "--today", TODAY, "--title", "R&D <AI>", "-o", "r.html")
    assert result.exit_code == 0, result.output
    html = (root / "r.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<b>odd" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "R&amp;D &lt;AI&gt;" in html
    assert 'href="%3Cb%3Eodd%3C/b%3E.md"' in html


def test_without_stage2_date_a_repository_missing_its_records_is_still_not_ready(repo):
    root = repo({"p.md": with_keys(owner="everyone")})
    assert run(root, "report", "--today", TODAY).exit_code == 0  # default: readiness.html here
    page = Page((root / "readiness.html").read_text(encoding="utf-8"))
    assert page.text_by_id["verdict"] == "Documentation not ready for Stage 2" and page.text_by_id["count-minor"] == "1"
    assert "Stage 2 date not set" in (root / "readiness.html").read_text(encoding="utf-8")


def test_without_stage2_date_and_with_the_records_there_is_no_verdict(tmp_path):
    import shutil

    root = tmp_path / "aims"
    shutil.copytree(Path(__file__).resolve().parent.parent / "examples" / "aims-complete", root)
    (root / ".git").mkdir()
    config = root / ".aims-lint.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("stage2-date: 2027-03-15\n", ""), encoding="utf-8")
    assert run(root, "report", "--today", TODAY, "--no-cache").exit_code == 0
    page = Page((root / "readiness.html").read_text(encoding="utf-8"))
    assert page.text_by_id["verdict"] == "No verdict"


@pytest.mark.parametrize(
    "output, message",
    [
        ("missing/r.html", "aims-lint: error: --output 'missing/r.html': folder 'missing' does not exist"),
        ("sub", "aims-lint: error: --output 'sub' is a folder: give a file name, e.g. readiness.html"),
    ],
)
def test_a_bad_output_path_is_one_line_and_exit_2(repo, output, message):
    root = repo({"p.md": with_keys(), "sub/.keep": ""})
    result = run(root, "report", "-o", output)
    assert result.exit_code == 2 and result.output.splitlines() == [message]


def test_heat_levels_and_clause_groups():
    assert [clause_group(clause) for clause in ("7.5.2", "10.1", "A.5.4", "A.10.3", "A.1", "3.1", "ORG-1")] == [
        "7", "10", "A.5", "A.10", None, None, None,
    ]
    counts = lambda major=0, minor=0, advisory=0: {"major": major, "minor": minor, "advisory": advisory}  # noqa: E731
    assert [heat_level(counts()), heat_level(counts(minor=1)), heat_level(counts(minor=6)), heat_level(counts(minor=12))] == [0, 1, 2, 3]
    assert heat_level(counts(major=1)) == 3 and heat_level(counts(major=2, minor=12)) == 4
    assert heat_level(counts(advisory=3)) == 1


# -- in a real browser ---------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions",
]


def _chromium() -> str:
    """The Chromium to drive, or skip (fail when AIMS_LINT_REQUIRE_BROWSER=1, as in CI)."""
    required = os.environ.get("AIMS_LINT_REQUIRE_BROWSER") == "1"

    def unavailable(reason):
        if required:
            pytest.fail(f"{reason}, and AIMS_LINT_REQUIRE_BROWSER=1 requires the browser test")
        pytest.skip(reason)

    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("playwright is not installed (it is in the 'test' extra)")
    executable = os.environ.get("AIMS_LINT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.access(executable, os.X_OK):
        unavailable(f"no Chromium at {executable} (Debian package 'chromium')")
    return executable


def test_the_report_in_headless_chromium(example):
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    assert run(example, "report", "--today", TODAY, "--title", "Northwind Lending", "-o", "reports/readiness.html").exit_code == 0
    report = example / "reports" / "readiness.html"
    requests, remote = [], []

    def route(request_route):
        url = request_route.request.url
        requests.append(url)
        if url.startswith("file:"):
            request_route.continue_()
        else:
            remote.append(url)
            request_route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.route("**/*", route)
            page.goto(report.as_uri())
            verdict = page.locator("#verdict")
            assert verdict.is_visible() and verdict.inner_text() == "Documentation not ready for Stage 2"
            assert page.locator("#days-left").inner_text() == "108"
            want = expected(example)
            assert "predates the internal audit" in page.locator("#blockers").inner_text().lower()
            matrix = page.locator("#severity-matrix")
            assert matrix.locator('td[data-family="POL"][data-level="major"]').inner_text() == "1"
            assert matrix.locator('td[data-family="MRV"][data-level="minor"]').inner_text() == want["mrv_minor"]
            assert matrix.locator("tfoot").inner_text().split() == ["All", "families", *want["counts"], want["total"]]
            planning = page.locator('#heatmap-clauses [data-clause="6"]')
            count, *levels = want["planning"]
            assert planning.locator(".cell-count").inner_text() == count
            detail = ", ".join(f"{n} {level}" for n, level in zip(levels, ("major", "minor", "advisory")) if n)
            assert planning.locator(".cell-detail").inner_text() == detail
            assert "heat-4" in planning.get_attribute("class")
            assert page.locator('#heatmap-annex [data-clause="A.2"] .cell-count').inner_text() == want["annex_a2"]
            rows = page.locator("#findings tbody tr")
            assert str(rows.count()) == want["total"]
            objectives = page.locator('#findings tbody a[href="../planning/objectives.md"]').first
            assert objectives.inner_text() == "planning/objectives.md:20"
            assert objectives.evaluate("a => a.href") == (example / "planning" / "objectives.md").as_uri()
            # Nothing overflows the page sideways (a long path or message would).
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "readiness.png"), full_page=True)
        finally:
            browser.close()
    assert remote == [] and requests == [report.as_uri()]
