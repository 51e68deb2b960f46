"""Ledger kinds of 重大行政决策 (registered on import by apps.py)."""
