from django.urls import path

from . import views

app_name = "summits"
urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("summits/<slug:slug>/", views.summit_detail, name="detail"),
    path("documents/<slug:slug>/", views.document_detail, name="document"),
    path(
        "paragraphs/<int:pk>/annotations/new/",
        views.annotation_create,
        name="annotation_create",
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
