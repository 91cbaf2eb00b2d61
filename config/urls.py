from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from config import views
from config.api import api


def _upcoming(namespace: str):
    """An area whose app is still to come: its landing page under its final URL name."""
    return include(([path("", views.upcoming_area, {"area": namespace}, name="index")], namespace))


urlpatterns = [
    path("", views.home, name="home"),
    path("compte/", include("accounts.urls")),
    path("veille/", include("notices.urls")),
    path("annuaire/", _upcoming("directory")),
    path("acheteurs/", _upcoming("buyers")),
    path("suivi/", include("followup.urls")),
    path("observatoire/", _upcoming("observatory")),
    path("imports/", include("notices.import_urls")),
    path("langue/", set_language, name="set_language"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
