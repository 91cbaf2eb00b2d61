"""WSGI entry point for production servers (gunicorn config.wsgi).

Refuses to start a production server (DEBUG=False) without its own SECRET_KEY and an explicit
ALLOWED_HOSTS: those are the two settings whose defaults only make sense on a laptop.
"""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()


def _refuse_unsafe_production() -> None:
    from django.conf import settings

    if settings.DEBUG:
        return
    if settings.SECRET_KEY == settings.INSECURE_DEFAULT_SECRET_KEY or not os.environ.get("SECRET_KEY"):
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG=False.")
    if not os.environ.get("ALLOWED_HOSTS"):
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment when DEBUG=False.")


_refuse_unsafe_production()
