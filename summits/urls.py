from django.urls import path

from . import views

app_name = "summits"
urlpatterns = [
    path("summits/", views.timeline, name="timeline"),
    path("documents/<slug:slug>/original/", views.original, name="original"),
]
