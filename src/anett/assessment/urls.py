from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("checks/neu/<int:company_pk>/", views.start, name="start"),
    path("checks/<int:pk>/", views.detail, name="detail"),
    path("checks/<int:pk>/seite/<int:page>/", views.fill, name="fill"),
    path("checks/<int:pk>/abschliessen/", views.finish, name="finish"),
    path("checks/<int:pk>/link/", views.new_link, name="new_link"),
    path("checks/links/<int:link_pk>/widerrufen/", views.revoke_link, name="revoke_link"),
    path("betriebe/<int:company_pk>/bedarfe/neu/", views.manual_need, name="manual_need"),
    path("signale/", views.flag_list, name="flags"),
    path("signale/<int:flag_pk>/erledigt/", views.flag_resolve, name="flag_resolve"),
    path("c/<str:token>/", views.public_entry, name="public"),
    path("c/<str:token>/seite/<int:page>/", views.public_fill, name="public_page"),
    path("c/<str:token>/abschliessen/", views.public_finish, name="public_finish"),
]
