"""Ledger kinds of 行政执法 (registered on import by apps.py)."""
