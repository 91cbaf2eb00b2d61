"""One polite HTTP client for every source: identified, paced, patient with errors.

- a User-Agent naming Clausier and where to reach its operators;
- at least `min_interval` seconds between two requests (the public APIs are shared);
- retries with exponential backoff on timeouts, connection errors, 429 and 5xx, honouring
  `Retry-After` (seconds) when the server sends it; other 4xx fail at once.

Tests pass an `httpx.MockTransport`, and a `sleep` that does not wait.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
from django.conf import settings

USER_AGENT = "Clausier/0.1 (clauses sociales; +{site})"
RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})


class FetchError(Exception):
    """The source could not be read after the allowed retries."""


class PoliteClient:
    def __init__(
        self,
        *,
        transport: httpx.BaseTransport | None = None,
        min_interval: float = 1.0,
        retries: int = 5,
        backoff: float = 2.0,
        timeout: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.http = httpx.Client(
            transport=transport,
            timeout=timeout,
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT.format(site=settings.SITE_URL)},
        )
        self.min_interval = min_interval
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self._last_request = float("-inf")

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.http.close()

    def _pace(self) -> None:
        wait = self._last_request + self.min_interval - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last_request = time.monotonic()

    def _delay(self, attempt: int, response: httpx.Response | None) -> float:
        retry_after = response.headers.get("Retry-After", "") if response is not None else ""
        if retry_after.isdigit():
            return float(retry_after)
        return self.backoff * 2**attempt

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """The response once successful (2xx), else FetchError after the last retry."""
        return self._send(lambda: self.http.request(method, url, **kwargs), f"{method} {url}")

    def stream(self, method: str, url: str, **kwargs: Any):
        """A streamed response (context manager), with the same pacing and retries."""
        request = self.http.build_request(method, url, **kwargs)
        return self._send(lambda: self.http.send(request, stream=True), f"{method} {url}")

    def _send(self, send: Callable[[], httpx.Response], what: str) -> httpx.Response:
        for attempt in range(self.retries + 1):
            self._pace()
            response = None
            try:
                response = send()
            except (httpx.TimeoutException, httpx.TransportError) as error:
                problem = repr(error)
            else:
                if response.status_code < 400:
                    return response
                problem = f"HTTP {response.status_code}"
                response.close()
                if response.status_code not in RETRIED_STATUSES:
                    raise FetchError(f"{what}: {problem}")
            if attempt < self.retries:
                self.sleep(self._delay(attempt, response))
        raise FetchError(f"{what}: {problem} after {self.retries + 1} attempts")
