from django.urls import path

from . import views

app_name = "summits"
urlpatterns = [
    path("summits/", views.timeline, name="timeline"),
    path("summits/<slug:slug>/", views.summit_detail, name="detail"),
    path("search/", views.search, name="search"),
    path("documents/<slug:slug>/", views.document_detail, name="document"),
    path(
        "documents/<slug:slug>/paragraphs.<str:fmt>",
        views.document_paragraphs_export,
        name="paragraphs_export",
    ),
    path("documents/<slug:slug>/<str:anchor>/", views.paragraph_detail, name="paragraph"),
]
