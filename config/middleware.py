"""Project-wide middleware: language choice and Content-Security-Policy."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

Handler = Callable[[HttpRequest], HttpResponse]


class CookieLocaleMiddleware:
    """French for everyone unless the visitor chose another language.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would serve English
    to a French buyer whose browser is set up in English. Clausier's users are French public
    servants and companies, so only an explicit choice (the language cookie set by the
    switcher in the header, `set_language`) changes the language.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response
        self.available = {code for code, _label in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class ContentSecurityPolicyMiddleware:
    """Sends a strict CSP; inline scripts need the per-request nonce (`request.csp_nonce`).

    Django 5.2 has no CSP support of its own. DSFR's `dsfr_js` tag already takes the nonce.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = secrets.token_urlsafe(16)
        request.csp_nonce = nonce
        response = self.get_response(request)
        if "Content-Security-Policy" not in response.headers:
            response.headers["Content-Security-Policy"] = (
                "default-src 'self'; "
                f"script-src 'self' 'nonce-{nonce}'; "
                "style-src 'self' 'unsafe-inline'; "
                "img-src 'self' data:; "
                "font-src 'self' data:; "
                "connect-src 'self'; "
                "frame-ancestors 'none'; "
                "form-action 'self'; "
                "base-uri 'self'; "
                "object-src 'none'"
            )
        return response
