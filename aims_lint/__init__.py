"""aims-lint: an auditor's eye for ISO/IEC 42001 AI management system documents."""

__version__ = "0.1.0"
