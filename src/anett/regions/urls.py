from django.urls import path

from . import views

app_name = "regions"
urlpatterns = [
    path("", views.region_list, name="list"),
    path("neu/", views.region_edit, name="create"),
    path("<slug:slug>/", views.region_detail, name="detail"),
    path("<slug:slug>/bearbeiten/", views.region_edit, name="edit"),
    path("<slug:slug>/loeschen/", views.region_delete, name="delete"),
    path("<slug:slug>/kreise.geojson", views.region_geojson, name="geojson"),
]
