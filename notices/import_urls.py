from django.urls import path

from notices import import_views

app_name = "imports"

urlpatterns = [
    path("", import_views.index, name="index"),
    path("<int:pk>/", import_views.run_detail, name="run"),
]
