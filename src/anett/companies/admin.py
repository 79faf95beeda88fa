from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import BranchRule

# Companies, contacts and activities are kept in the application's own pages, which
# enforce the role table and log access to sensitive fields; only configuration is here.


@admin.register(BranchRule)
class BranchRuleAdmin(SimpleHistoryAdmin):
    list_display = ("prefix", "branch_group", "union_scope", "note")
