"""Making and checking token keys (no database writes here: services.py writes)."""

import hashlib
import secrets

KEY_PREFIX = "fz_"
PREFIX_LENGTH = 10


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def key_prefix(key: str) -> str:
    return key[:PREFIX_LENGTH]
