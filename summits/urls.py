from django.urls import path

from . import views

app_name = "summits"
urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("summits/<slug:slug>/", views.summit_detail, name="detail"),
    path("documents/<slug:slug>/", views.document_detail, name="document"),
]
