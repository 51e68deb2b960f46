"""Ledger kinds of 矛盾纠纷 (registered on import by apps.py)."""
