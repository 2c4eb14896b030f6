from django.urls import path

from . import release_views, views

app_name = "imports"
urlpatterns = [
    path("import/", views.upload, name="upload"),
    path("import/confirm/", views.confirm, name="confirm"),
    path("import/figures/", release_views.release_upload, name="release_upload"),
    path("import/figures/confirm/", release_views.release_confirm, name="release_confirm"),
]
