from django.db import transaction

from .classification import default_rules
from .models import BranchRule


@transaction.atomic
def load_branch_rules() -> int:
    """Seed the WZ mapping where it is empty; coordinators edit it afterwards."""
    if BranchRule.objects.exists():
        return 0
    BranchRule.objects.bulk_create(
        BranchRule(prefix=r.prefix, branch_group=r.branch_group, union_scope=r.union_scope)
        for r in default_rules()
    )
    return BranchRule.objects.count()
