from django.urls import path

from . import views

app_name = "outreach"
urlpatterns = [
    path("prioritaeten/", views.priority_list, name="priorities"),
    path("pipeline/", views.pipeline, name="pipeline"),
    path("meine-aufgaben/", views.my_queue, name="mine"),
    path("kampagnen/", views.campaign_list, name="campaigns"),
    path("kampagnen/neu/", views.campaign_create, name="campaign_create"),
    path("kampagnen/<int:pk>/", views.campaign_detail, name="campaign"),
    path("aufgaben/<int:task_pk>/erledigt/", views.task_done, name="task_done"),
    path("betriebe/<int:company_pk>/phase/", views.move, name="move"),
]
