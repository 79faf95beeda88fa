from django.urls import path

from . import views

app_name = "duplicates"
urlpatterns = [
    path("", views.index, name="index"),
    path("dubletten.xlsx", views.export, name="export"),
    path("suche/starten/", views.start_search, name="start"),
    path("suche/<int:pk>/fortschritt/", views.progress, name="progress"),
    path("paar/<int:pk>/", views.pair_detail, name="pair"),
    path("paar/<int:pk>/entscheiden/", views.decide, name="decide"),
    path("paar/<int:pk>/zusammenfuehren/", views.merge, name="merge_pair"),
    path("zusammenfuehrungen/", views.merges, name="merges"),
    path("zusammenfuehrungen/<int:pk>/", views.merge_detail, name="merge"),
    path("zusammenfuehrungen/<int:pk>/rueckgaengig/", views.undo, name="undo"),
    path("einstellungen/", views.settings_view, name="settings"),
]
