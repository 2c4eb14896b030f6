from django.urls import path

from . import views

app_name = "commitments"
urlpatterns = [
    path("", views.home, name="home"),
    path("commitments/", views.commitment_list, name="list"),
    path("commitments/export.<str:fmt>", views.commitment_export, name="export"),
    path("commitments/compare/", views.commitment_compare, name="compare"),
    path("commitments/<slug:slug>/", views.commitment_detail, name="detail"),
    path("allies/", views.ally_list, name="allies"),
    path("allies/<str:iso3>/", views.ally_detail, name="ally"),
    path("measurements.<str:fmt>", views.measurement_export, name="measurements_export"),
]
