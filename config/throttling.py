"""Rate limit of the public read API (DESIGN.md section 8), per client address.

The rate is read at each request from `settings.PUBLIC_API_RATE`, so that an operator (or a
test) changes it without rebuilding the API; counters live in the default cache.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle


class PublicRateThrottle(SimpleRateThrottle):
    """Every client counts, signed in or not: the public endpoints serve the same open data."""

    scope = "public"

    def get_rate(self) -> str:
        return settings.PUBLIC_API_RATE

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
