"""The parse floor: what any linter built on this stack must do and nothing more.

Start Python, import the parsing libraries (click, markdown-it-py, python-frontmatter,
ruamel.yaml), read each file, load its front matter with ruamel.yaml round-trip and
parse its body with markdown-it-py. Usage: python bench/floor.py FILE_OR_FOLDER...
"""

import sys
from pathlib import Path

import click  # noqa: F401  (a CLI on this stack pays for it)
import frontmatter  # noqa: F401
from markdown_it import MarkdownIt
from ruamel.yaml import YAML


def files(arguments):
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            yield from sorted(path.rglob("*.md"))
        else:
            yield path


def main(arguments):
    yaml = YAML(typ="rt")
    markdown = MarkdownIt("commonmark").enable("table")
    for path in files(arguments):
        text = path.read_text(encoding="utf-8", errors="replace")
        body = text
        if text.startswith("---\n"):
            end = text.find("\n---\n", 4)
            if end > 0:
                try:
                    yaml.load(text[4:end])
                except Exception:
                    pass
                body = text[end + 5:]
        markdown.parse(body)


if __name__ == "__main__":
    main(sys.argv[1:])
