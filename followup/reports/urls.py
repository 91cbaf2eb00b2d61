from django.urls import path

from followup.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("contrat/<str:ref>/fiche/", views.experience_sheet, name="sheet"),
    path("contrat/<str:ref>/fiche.pdf", views.experience_sheet_pdf, name="sheet-pdf"),
    path("<slug:segment>/<str:ref>/", views.report, name="report"),
    path("<slug:segment>/<str:ref>/bilan.<slug:extension>", views.export, name="export"),
]
