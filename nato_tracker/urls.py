from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

urlpatterns = [
    path("", include("summits.urls")),
    path("", include("commitments.urls")),
    path("", include("reader.urls")),
    path("", include("imports.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
]

# The site's own error pages, in both languages (nato_tracker.views.error_page).
handler400 = "nato_tracker.views.bad_request"
handler403 = "nato_tracker.views.permission_denied"
handler404 = "nato_tracker.views.page_not_found"
handler500 = "nato_tracker.views.server_error"
