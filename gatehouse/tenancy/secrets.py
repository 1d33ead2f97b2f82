"""API key material: generation, hashing and the visible prefix. Secrets are never stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets

__all__ = ["new_secret", "hash_secret", "visible_prefix", "same_hash", "new_id"]

_KEY_PREFIX = {"api": "sk-gh-", "admin": "ghadm-"}


def new_secret(kind: str = "api") -> str:
    return _KEY_PREFIX[kind] + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    # Keys are 256-bit random: a fast hash is safe, and keeps authentication off the CPU budget.
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def visible_prefix(secret: str) -> str:
    return secret[:10]


def same_hash(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(8)}"
