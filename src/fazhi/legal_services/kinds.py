"""Ledger kinds of 公共法律服务 (registered on import by apps.py)."""
