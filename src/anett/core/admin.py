from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import SensitiveAccess, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "organisation", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = BaseUserAdmin.fieldsets + ((_("ANeTT"), {"fields": ("role", "organisation")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        (_("ANeTT"), {"fields": ("role", "organisation")}),
    )


@admin.register(SensitiveAccess)
class SensitiveAccessAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "action", "object_type", "object_label", "fields")
    list_filter = ("action", "object_type")
    readonly_fields = [f.name for f in SensitiveAccess._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
