"""Ledger kinds of 公开与监督 (registered on import by apps.py)."""
