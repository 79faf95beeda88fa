from django.urls import path

from . import views

app_name = "procedure"

urlpatterns = [
    path("", views.index, name="index"),
    # workshops
    path("workshops/", views.workshop_list, name="workshops"),
    path("workshops/neu/", views.workshop_new, name="workshop_new"),
    path("workshops/<int:pk>/", views.workshop_detail, name="workshop_detail"),
    path("workshops/<int:pk>/bearbeiten/", views.workshop_edit, name="workshop_edit"),
    path("workshops/<int:pk>/loeschen/", views.workshop_delete, name="workshop_delete"),
    path("workshops/<int:pk>/teilnehmende/", views.participant_add, name="participant_add"),
    path(
        "workshops/<int:pk>/teilnehmende/<int:participant_pk>/entfernen/",
        views.participant_delete,
        name="participant_delete",
    ),
    path("workshops/<int:pk>/tagesordnung/", views.agenda_edit, name="agenda_edit"),
    path("workshops/<int:pk>/fazit/", views.fazit_edit, name="fazit_edit"),
    path("workshops/<int:pk>/fazit/einfuegen/", views.fazit_paste, name="fazit_paste"),
    path("workshops/<int:pk>/anhaenge/neu/", views.attachment_add, name="attachment_add"),
    path(
        "workshops/<int:pk>/anhaenge/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "workshops/<int:pk>/anhaenge/<int:attachment_pk>/loeschen/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("workshops/<int:pk>/protokoll-versenden/", views.minutes_send, name="minutes_send"),
    path("workshops/<int:pk>/protokoll.docx", views.minutes_docx, name="minutes_docx"),
    # action items
    path("aufgaben/", views.action_list, name="actions"),
    path("aufgaben/meine/", views.action_mine, name="actions_mine"),
    path("aufgaben/neu/", views.action_new, name="action_new"),
    path("aufgaben/<int:pk>/bearbeiten/", views.action_edit, name="action_edit"),
    path("aufgaben/<int:pk>/erledigt/", views.action_done, name="action_done"),
    path("aufgaben/<int:pk>/loeschen/", views.action_delete, name="action_delete"),
    # calls for contributions
    path("aufrufe/", views.call_list, name="calls"),
    path("aufrufe/neu/", views.call_new, name="call_new"),
    path("aufrufe/<int:pk>/", views.call_detail, name="call_detail"),
    path("aufrufe/<int:pk>/bearbeiten/", views.call_edit, name="call_edit"),
    path("aufrufe/<int:pk>/loeschen/", views.call_delete, name="call_delete"),
    path("aufrufe/<int:pk>/einladen/", views.call_invite, name="call_invite"),
    path("aufrufe/<int:pk>/redigieren/", views.call_curate, name="call_curate"),
    path("aufrufe/<int:pk>/dokument.docx", views.call_docx, name="call_docx"),
    path("aufrufe/<int:pk>/uebersicht.xlsx", views.call_xlsx, name="call_xlsx"),
    path(
        "aufrufe/<int:pk>/einladungen/<int:inv_pk>/senden/",
        views.invitation_send,
        name="invitation_send",
    ),
    path(
        "aufrufe/<int:pk>/einladungen/<int:inv_pk>/widerrufen/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "aufrufe/<int:pk>/einladungen/<int:inv_pk>/verlaengern/",
        views.invitation_extend,
        name="invitation_extend",
    ),
    # meeting polls
    path("umfragen/", views.poll_list, name="polls"),
    path("umfragen/neu/", views.poll_new, name="poll_new"),
    path("umfragen/<int:pk>/", views.poll_detail, name="poll_detail"),
    path("umfragen/<int:pk>/einladen/", views.poll_invite, name="poll_invite"),
    path("umfragen/<int:pk>/senden/", views.poll_send, name="poll_send"),
    path("umfragen/<int:pk>/festlegen/", views.poll_schedule, name="poll_schedule"),
    path("umfragen/<int:pk>/loeschen/", views.poll_delete, name="poll_delete"),
    # public pages (personal links, no login)
    path("b/<str:token>/", views.contribute, name="contribute"),
    path("t/<str:token>/", views.poll_answer, name="poll_answer"),
]
