"""Login throttling: a pause after too many failures for one account or one address."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.casefold().encode()).hexdigest()[:32]
    return f"login-failures:{kind}:{digest}"


def _keys(username: str, address: str) -> list[str]:
    return [_key("user", username), _key("addr", address)]


def is_locked(username: str, address: str) -> bool:
    limit = settings.LOGIN_FAILURES_ALLOWED
    return any(cache.get(key, 0) >= limit for key in _keys(username, address))


def record_failure(username: str, address: str) -> None:
    for key in _keys(username, address):
        if cache.add(key, 1, timeout=settings.LOGIN_FAILURES_WINDOW_SECONDS):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=settings.LOGIN_FAILURES_WINDOW_SECONDS)


def clear_failures(username: str, address: str) -> None:
    cache.delete_many(_keys(username, address))
