"""Roles and what each may see. Plain Python: no Django model imports.

The table follows docs/architecture.md ("Roles"):
- admin: everything, user management
- koordination: all companies, contacts, needs, outreach, sensitive fields
- beratung: the register; full detail only of companies assigned to them
- partner: published insights and aggregates with small-cell suppression; no personal data
"""

from django.utils.translation import gettext_lazy as _

ADMIN = "admin"
KOORDINATION = "koordination"
BERATUNG = "beratung"
PARTNER = "partner"

ROLE_CHOICES = [
    (ADMIN, _("Administration")),
    (KOORDINATION, _("Coordination")),
    (BERATUNG, _("Advice")),
    (PARTNER, _("Partner")),
]

# Roles that may open the company register (list and search).
REGISTER_ROLES = frozenset({ADMIN, KOORDINATION, BERATUNG})
# Roles that see every company in full detail.
ALL_DETAIL_ROLES = frozenset({ADMIN, KOORDINATION})
# Roles that may see Art. 9 GDPR data (union membership, works-council members by name).
SENSITIVE_ROLES = frozenset({ADMIN, KOORDINATION})
# Roles that may edit regions and the WZ branch mapping.
CONFIG_ROLES = frozenset({ADMIN, KOORDINATION})
