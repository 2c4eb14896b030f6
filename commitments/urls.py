from django.urls import path

from . import views

app_name = "commitments"
urlpatterns = [
    path("commitments/", views.commitment_list, name="list"),
    path("commitments/export.<str:fmt>", views.commitment_export, name="export"),
    path("commitments/compare/", views.commitment_compare, name="compare"),
    path("commitments/<slug:slug>/", views.commitment_detail, name="detail"),
    path("commitments/<slug:slug>/edit/", views.commitment_edit, name="edit"),
    path("commitments/<slug:slug>/review/", views.commitment_review, name="review"),
    path("commitments/<slug:slug>/status/new/", views.status_create, name="status_create"),
    path("commitments/<slug:slug>/history/", views.commitment_history, name="history"),
    path(
        "commitments/<slug:slug>/history/<int:history_id>/restore/",
        views.commitment_restore,
        name="restore",
    ),
    path("curate/<slug:slug>/", views.curate, name="curate"),
    path("measurements/new/", views.measurement_create, name="measurement_create"),
    path("allies/", views.ally_list, name="allies"),
    path("allies/<str:iso3>/", views.ally_detail, name="ally"),
    path("measurements.<str:fmt>", views.measurement_export, name="measurements_export"),
]
