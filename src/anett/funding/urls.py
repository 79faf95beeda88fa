from django.urls import path

from . import matching_views, views

app_name = "funding"

urlpatterns = [
    path("betriebe/<int:company_pk>/", views.company_measures, name="company"),
    path("betriebe/<int:company_pk>/neu/", views.measure_create, name="create"),
    path("betriebe/<int:company_pk>/passende-angebote/", matching_views.matching, name="matching"),
    path("betriebe/<int:company_pk>/bedarf/", matching_views.need_add, name="need_add"),
    path("betriebe/<int:company_pk>/verweisen/", matching_views.refer, name="refer"),
    path(
        "betriebe/<int:company_pk>/durchfuehrung/", matching_views.company_records, name="records"
    ),
    path(
        "betriebe/<int:company_pk>/durchfuehrung/neu/",
        matching_views.record_create,
        name="record_create",
    ),
    path("durchfuehrung/<int:pk>/bearbeiten/", matching_views.record_edit, name="record_edit"),
    path("durchfuehrung/<int:pk>/loeschen/", matching_views.record_delete, name="record_delete"),
    path("massnahmen/", matching_views.network_records, name="network_records"),
    path(
        "massnahmen/export.xlsx", matching_views.network_records_xlsx, name="network_records_xlsx"
    ),
    path("massnahmen/<int:pk>/", views.measure_detail, name="detail"),
    path("massnahmen/<int:pk>/bearbeiten/", views.measure_edit, name="edit"),
    path("massnahmen/<int:pk>/loeschen/", views.measure_delete, name="delete"),
    path("massnahmen/<int:pk>/auswahl/", views.measure_select, name="select"),
    path("massnahmen/<int:pk>/foerderfahrplan.docx", views.export_docx, name="docx"),
    path("massnahmen/<int:pk>/foerderfahrplan.xlsx", views.export_xlsx, name="xlsx"),
    path("katalog/", views.catalogue, name="catalogue"),
    path("katalog/<slug:programme>/bearbeiten/", views.catalogue_edit, name="catalogue_edit"),
]
