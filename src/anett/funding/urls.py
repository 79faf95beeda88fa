from django.urls import path

from . import views

app_name = "funding"

urlpatterns = [
    path("betriebe/<int:company_pk>/", views.company_measures, name="company"),
    path("betriebe/<int:company_pk>/neu/", views.measure_create, name="create"),
    path("massnahmen/<int:pk>/", views.measure_detail, name="detail"),
    path("massnahmen/<int:pk>/bearbeiten/", views.measure_edit, name="edit"),
    path("massnahmen/<int:pk>/loeschen/", views.measure_delete, name="delete"),
    path("massnahmen/<int:pk>/auswahl/", views.measure_select, name="select"),
    path("massnahmen/<int:pk>/foerderfahrplan.docx", views.export_docx, name="docx"),
    path("massnahmen/<int:pk>/foerderfahrplan.xlsx", views.export_xlsx, name="xlsx"),
    path("katalog/", views.catalogue, name="catalogue"),
    path("katalog/<slug:programme>/bearbeiten/", views.catalogue_edit, name="catalogue_edit"),
]
