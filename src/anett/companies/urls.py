from django.urls import path

from . import views

app_name = "companies"
urlpatterns = [
    path("", views.company_list, name="list"),
    path("export.xlsx", views.company_export, name="export"),
    path("neu/", views.company_create, name="create"),
    path("<int:pk>/", views.company_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.company_edit, name="edit"),
    path("<int:pk>/loeschen/", views.company_delete, name="delete"),
    path("<int:pk>/historie/", views.company_history_view, name="history"),
    path("<int:pk>/kontakte/neu/", views.contact_edit, name="contact_create"),
    path("<int:pk>/kontakte/<int:contact_pk>/", views.contact_edit, name="contact_edit"),
    path(
        "<int:pk>/kontakte/<int:contact_pk>/loeschen/",
        views.contact_delete,
        name="contact_delete",
    ),
    path("<int:pk>/aktivitaeten/neu/", views.activity_add, name="activity_add"),
    path(
        "<int:pk>/aktivitaeten/<int:activity_pk>/loeschen/",
        views.activity_delete,
        name="activity_delete",
    ),
    path(
        "<int:pk>/aktivitaeten/<int:activity_pk>/erledigt/",
        views.activity_done,
        name="activity_done",
    ),
    path("branchen/", views.branch_rules, name="branch_rules"),
    path("branchen/<int:rule_pk>/loeschen/", views.branch_rule_delete, name="branch_rule_delete"),
]
