"""Ledger kinds of 规范性文件 (registered on import by apps.py)."""
