"""Recognising unfilled template placeholders ("[Organization Name]", "TBD", "<owner>").

The patterns live in the reading layer (``aims_lint.reading.templates``), which also
tells whether a whole document is an unfilled template; this module keeps the names the
families import."""

from aims_lint.reading.templates import find, is_blank, is_placeholder  # noqa: F401
