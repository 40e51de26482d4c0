"""Rules about inline suppressions: to an auditor each one is an accepted risk."""
