"""Ledger kinds of 普法 (registered on import by apps.py)."""
