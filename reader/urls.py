from django.urls import path

from . import views

app_name = "reader"
urlpatterns = [
    path("", views.home, name="home"),
    path("summits/<slug:slug>/", views.summit_detail, name="summit"),
    path("search/", views.search, name="search"),
    path("documents/compare/", views.document_compare, name="document_compare"),
    path("documents/<slug:slug>/", views.document_detail, name="document"),
    path(
        "documents/<slug:slug>/paragraphs.<str:fmt>",
        views.document_paragraphs_export,
        name="paragraphs_export",
    ),
    path("documents/<slug:slug>/<str:anchor>/", views.paragraph_detail, name="paragraph"),
    path("paragraphs/<int:pk>/notes/", views.paragraph_notes, name="paragraph_notes"),
    path(
        "paragraphs/<int:pk>/annotations/new/",
        views.annotation_create,
        name="annotation_create",
    ),
    path(
        "paragraphs/<int:pk>/commitments/new/",
        views.commitment_add,
        name="commitment_add",
    ),
    path("annotations/<int:pk>/edit/", views.annotation_edit, name="annotation_edit"),
    path("annotations/<int:pk>/delete/", views.annotation_delete, name="annotation_delete"),
    path("annotations/<int:pk>/history/", views.annotation_history, name="annotation_history"),
    path(
        "annotations/<int:pk>/history/<int:history_id>/restore/",
        views.annotation_restore,
        name="annotation_restore",
    ),
]
