from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Kreis, Region


@admin.register(Kreis)
class KreisAdmin(admin.ModelAdmin):
    list_display = ("ags", "name", "kind", "land", "nuts3", "population", "active")
    list_filter = ("land", "active")
    search_fields = ("name", "ags", "nuts3")


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind")
    filter_horizontal = ("kreise",)
