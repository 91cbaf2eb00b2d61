from django.urls import path

from notices import views

app_name = "notices"

urlpatterns = [
    path("", views.search, name="search"),
    path("avis/<int:pk>/", views.notice, name="notice"),
]
