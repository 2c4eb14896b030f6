from django.urls import path

from . import views

app_name = "commitments"
urlpatterns = [
    path("commitments/", views.commitment_list, name="list"),
    path("commitments/<slug:slug>/", views.commitment_detail, name="detail"),
    path("import/", views.import_upload, name="import"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("allies/", views.ally_list, name="allies"),
    path("allies/<str:iso3>/", views.ally_detail, name="ally"),
]
