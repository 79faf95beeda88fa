from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("karte.geojson", views.map_data, name="map_data"),
    path("dashboard.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("berichte/", views.report_list, name="reports"),
    path("berichte/neu/", views.report_edit, name="report_create"),
    path("berichte/<int:pk>/", views.report_detail, name="report_detail"),
    path("berichte/<int:pk>/bearbeiten/", views.report_edit, name="report_edit"),
    path("berichte/<int:pk>/loeschen/", views.report_delete, name="report_delete"),
    path("berichte/<int:pk>/bericht.docx", views.report_docx, name="report_docx"),
    path("berichte/<int:pk>/bericht.xlsx", views.report_xlsx, name="report_xlsx"),
]
