from django.urls import path

from . import docs, views
from .v1 import api

app_name = "api"

urlpatterns = [
    path("v1/docs/assets/<str:name>", docs.docs_asset, name="docs_asset"),
    path("v1/", api.urls),
    path("zugaenge/", views.token_list, name="tokens"),
    path("zugaenge/<int:pk>/widerrufen/", views.token_revoke, name="token_revoke"),
    path("transfer/", views.transfer_page, name="transfer"),
    path("transfer/paket.zip", views.transfer_download, name="transfer_download"),
    path("transfer/vorschau/", views.transfer_preview, name="transfer_preview"),
]
