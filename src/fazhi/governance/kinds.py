"""Ledger kinds of 组织领导 (registered on import by apps.py)."""
