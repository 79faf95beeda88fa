"""Fetching a company for a request, enforcing the role table."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import Company


def company_for_detail(request, pk) -> Company:
    """The company if the user may open it in full; 404 if unknown, 403 if not assigned."""
    company = get_object_or_404(Company.objects.for_list(request.user), pk=pk)
    if not Company.objects.for_detail(request.user).filter(pk=pk).exists():
        raise PermissionDenied(_("This company is not assigned to you."))
    return company
