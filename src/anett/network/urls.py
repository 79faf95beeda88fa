from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    # actors
    path("akteure/", views.actor_list, name="actors"),
    path("akteure/neu/", views.actor_edit, name="actor_create"),
    path("akteure/<int:pk>/", views.actor_detail, name="actor_detail"),
    path("akteure/<int:pk>/bearbeiten/", views.actor_edit, name="actor_edit"),
    path("akteure/<int:pk>/loeschen/", views.actor_delete, name="actor_delete"),
    path("akteure/<int:pk>/kontakte/neu/", views.contact_edit, name="contact_create"),
    path("akteure/<int:pk>/kontakte/<int:contact_pk>/", views.contact_edit, name="contact_edit"),
    path(
        "akteure/<int:pk>/kontakte/<int:contact_pk>/loeschen/",
        views.contact_delete,
        name="contact_delete",
    ),
    path("akteure/<int:pk>/beziehungen/neu/", views.relation_add, name="relation_add"),
    path(
        "akteure/<int:pk>/beziehungen/<int:relation_pk>/loeschen/",
        views.relation_delete,
        name="relation_delete",
    ),
    path("akteure/<int:pk>/mitglieder/neu/", views.membership_add, name="membership_add"),
    path(
        "akteure/<int:pk>/mitglieder/<int:membership_pk>/loeschen/",
        views.membership_delete,
        name="membership_delete",
    ),
    # offers
    path("angebote/", views.offer_list, name="offers"),
    path("angebote/neu/", views.offer_edit, name="offer_create"),
    path("angebote/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("angebote/<int:pk>/bearbeiten/", views.offer_edit, name="offer_edit"),
    path("angebote/<int:pk>/loeschen/", views.offer_delete, name="offer_delete"),
    # analysis
    path("luecken/", views.gap_page, name="gaps"),
    path("luecken/export.xlsx", views.gap_export, {"fmt": "xlsx"}, name="gap_export_xlsx"),
    path("luecken/export.csv", views.gap_export, {"fmt": "csv"}, name="gap_export_csv"),
    path("graph/", views.graph_page, name="graph"),
    # referrals
    path("vermittlungen/", views.referral_list, name="referrals"),
    path("betriebe/<int:company_pk>/vermitteln/", views.referral_new, name="referral_new"),
    path("vermittlungen/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("vermittlungen/<int:pk>/status/", views.referral_status, name="referral_status"),
    path("vermittlungen/<int:pk>/einwilligung/", views.referral_consent, name="referral_consent"),
    path("vermittlungen/<int:pk>/senden/", views.referral_send, name="referral_send"),
    path("eingang/", views.inbox, name="inbox"),
    path("eingang/<int:pk>/", views.inbox_detail, name="inbox_detail"),
]
