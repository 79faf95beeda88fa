from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("anmelden/", auth_views.LoginView.as_view(), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("regionen/", include("anett.regions.urls")),
    path("betriebe/", include("anett.companies.urls")),
    path("ansprache/", include("anett.outreach.urls")),
    path("import/", include("anett.imports.urls")),
    path("netzwerk/", include("anett.network.urls")),
    path("foerderung/", include("anett.funding.urls")),
    path("partner/", include("anett.partners.urls")),
    path("auswertung/", include("anett.reports.urls")),
    path("verfahren/", include("anett.procedure.urls")),
    path("api/", include("anett.api.urls")),
    path("dubletten/", include("anett.duplicates.urls")),
    path("", include("anett.assessment.urls")),
    path("", include("anett.core.urls")),
]
