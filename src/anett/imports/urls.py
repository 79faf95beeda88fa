from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.batch_detail, name="batch"),
    path("<int:pk>/zuordnung/", views.mapping, name="mapping"),
    path("<int:pk>/fortschritt/", views.progress, name="progress"),
    path("<int:pk>/importieren/", views.commit, name="commit"),
    path("<int:pk>/fortsetzen/", views.resume, name="resume"),
    path("<int:pk>/rueckgaengig/", views.undo, name="undo"),
    path("<int:pk>/verwerfen/", views.discard, name="discard"),
    path("<int:pk>/abgelehnte-zeilen.xlsx", views.rejected, name="rejected"),
]
