from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("ueber/", views.about, name="about"),
    path("zugriffsprotokoll/", views.access_log, name="access_log"),
    path("einstellungen/", views.network_settings, name="settings"),
]
