"""The public API (django-ninja): OpenAPI schema at /api/openapi.json, docs at /api/docs."""

from ninja import NinjaAPI

from followup.api import router as followup_router
from followup.reports.api import router as reports_router
from notices.api import router as notices_router
from referential.api import router as referential_router

api = NinjaAPI(
    title="Clausier API",
    version="1",
    description="Clauses sociales d'insertion dans la commande publique : données ouvertes et suivi.",
    urls_namespace="api",
)
api.add_router("/referentiel/", referential_router)
api.add_router("/notices/", notices_router)
api.add_router("/suivi/", followup_router)
api.add_router("/suivi/bilans/", reports_router)
