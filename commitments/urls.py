from django.urls import path

from . import assessment_views, feeds, figure_views, verdict_views, views

app_name = "commitments"
urlpatterns = [
    path("commitments/", views.commitment_list, name="list"),
    path("commitments/export.<str:fmt>", views.commitment_export, name="export"),
    path("commitments/compare/", views.commitment_compare, name="compare"),
    path("commitments/lookup/", views.commitment_lookup, name="lookup"),
    path("commitments/<slug:slug>/feed.atom", feeds.CommitmentFeed(), name="feed"),
    path("commitments/<slug:slug>/", views.commitment_detail, name="detail"),
    path(
        "commitments/<slug:slug>/progress.<str:fmt>",
        views.commitment_progress_export,
        name="progress_export",
    ),
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
    path(
        "figures/<slug:indicator>/<str:who>/<int:year>/",
        figure_views.figure_history,
        name="figure_history",
    ),
    path("figures/<int:pk>/withdraw/", figure_views.figure_withdraw, name="figure_withdraw"),
    path("releases/<str:edition>/file", figure_views.release_file, name="release_file"),
    path("allies/", verdict_views.ally_list, name="allies"),
    path("allies/compare/", verdict_views.ally_compare, name="ally_compare"),
    path("allies/map/", verdict_views.ally_map, name="ally_map"),
    path("allies/<str:iso3>/", views.ally_detail, name="ally"),
    path("allies/<str:iso3>/feed.atom", feeds.AllyFeed(), name="ally_feed"),
    path("methodology/", verdict_views.methodology, name="methodology"),
    path("feed.atom", feeds.TrackerFeed(), name="tracker_feed"),
    path("assessments/", assessment_views.cycle_list, name="assessments"),
    path("assessments/new/", assessment_views.cycle_create, name="assessment_create"),
    path("assessments/<slug:slug>/", assessment_views.cycle_detail, name="assessment"),
    path(
        "assessments/<slug:slug>/report.<str:fmt>",
        assessment_views.cycle_export,
        name="assessment_export",
    ),
    path(
        "assessments/<slug:slug>/<int:pk>/edit/",
        assessment_views.assessment_edit,
        name="assessment_edit",
    ),
    path(
        "assessments/<slug:slug>/publish/",
        assessment_views.cycle_publish,
        name="assessment_publish",
    ),
    path("measurements.<str:fmt>", views.measurement_export, name="measurements_export"),
]
