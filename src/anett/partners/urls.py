from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    path("", views.home, name="home"),
    # reading
    path("erkenntnisse/", views.insight_list, name="insights"),
    path("erkenntnisse/<int:pk>/", views.insight_detail, name="insight_detail"),
    path(
        "erkenntnisse/<int:pk>/anhaenge/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment",
    ),
    path("erkenntnisse/<int:pk>/beitraege/neu/", views.contribution_create, name="contribute"),
    path("beitraege/<int:pk>/antworten/", views.contribution_answer, name="answer"),
    path("beitraege/<int:pk>/loeschen/", views.contribution_delete, name="contribution_delete"),
    path("meine-beitraege/", views.my_contributions, name="my_contributions"),
    path("feed/", views.feed, name="feed"),
    path("feed/<str:token>/", views.feed_token, name="feed_token"),
    path("mein-feed/", views.my_feed, name="my_feed"),
    # editorial
    path("redaktion/", views.manage, name="manage"),
    path("redaktion/beitraege/", views.contribution_inbox, name="inbox"),
    path("erkenntnisse/neu/", views.insight_edit, name="insight_create"),
    path("erkenntnisse/vorschau/", views.insight_preview, name="insight_preview"),
    path("erkenntnisse/<int:pk>/bearbeiten/", views.insight_edit, name="insight_edit"),
    path("erkenntnisse/<int:pk>/loeschen/", views.insight_delete, name="insight_delete"),
    path("erkenntnisse/<int:pk>/status/", views.insight_status, name="insight_status"),
    path("erkenntnisse/<int:pk>/anhaenge/neu/", views.attachment_upload, name="attachment_upload"),
    path(
        "erkenntnisse/<int:pk>/anhaenge/<int:attachment_pk>/loeschen/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    # organisations
    path("organisationen/", views.organisation_list, name="organisations"),
    path("organisationen/neu/", views.organisation_edit, name="organisation_create"),
    path("organisationen/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisationen/<int:pk>/bearbeiten/", views.organisation_edit, name="organisation_edit"),
    path("organisationen/<int:pk>/aktiv/", views.organisation_active, name="organisation_active"),
    path(
        "organisationen/<int:pk>/mitglieder/<int:membership_pk>/entfernen/",
        views.member_remove,
        name="member_remove",
    ),
    # digest
    path("digest/", views.digest_page, name="digest"),
]
