from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("summits.urls")),
    path("", include("commitments.urls")),
    path("admin/", admin.site.urls),
]
