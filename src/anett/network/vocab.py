"""The network's vocabulary: target groups, actor kinds, offer kinds, formats, relations.

Defined once here (codes and labels) and used by the models, the forms, the gap analysis and
the graph. Plain Python: no Django model imports. Topics are those of the transformation check
(`anett.assessment.models.Topic`); their codes are repeated in `gaps.TOPICS`, and a test keeps
the two in step.
"""

from django.utils.translation import gettext_lazy as _

# --- target groups ----------------------------------------------------------------------
MANAGEMENT = "management"
HR = "hr"
WORKS_COUNCIL = "works_council"
SKILLED = "skilled"
LOW_SKILLED = "low_skilled"
OLDER = "older"
APPRENTICES = "apprentices"
TEAM_LEADERS = "team_leaders"

TARGET_GROUP_CHOICES = [
    (MANAGEMENT, _("Management")),
    (HR, _("HR")),
    (WORKS_COUNCIL, _("Works council")),
    (SKILLED, _("Skilled workers")),
    (LOW_SKILLED, _("Low-skilled and unskilled workers")),
    (OLDER, _("Employees 45+")),
    (APPRENTICES, _("Apprentices")),
    (TEAM_LEADERS, _("Team leaders")),
]
TARGET_GROUPS = tuple(code for code, _label in TARGET_GROUP_CHOICES)

# --- actors -------------------------------------------------------------------------------
ACTOR_KIND_CHOICES = [
    ("union", _("Union")),
    ("employment_agency", _("Employment agency")),
    ("chamber", _("Chamber")),
    ("education_provider", _("Education provider")),
    ("consulting_centre", _("Consulting centre")),
    ("cluster_association", _("Cluster association")),
    ("public_authority", _("Public authority")),
    ("university", _("University")),
    ("company_network", _("Company network")),
    ("other", _("Other organisation")),
]

# Relations between actors, read "source <relation> target".
MEMBER_OF = "member_of"
PARTNER_OF = "partner_of"
FUNDS = "funds"
REFERS_TO = "refers_to"
RELATION_CHOICES = [
    (MEMBER_OF, _("is member of")),
    (PARTNER_OF, _("is partner of")),
    (FUNDS, _("funds")),
    (REFERS_TO, _("refers firms to")),
]

# --- offers -------------------------------------------------------------------------------
OFFER_KIND_CHOICES = [
    ("advice", _("Advice")),
    ("training", _("Training")),
    ("funding", _("Funding")),
    ("network_event", _("Network event")),
    ("coaching", _("Coaching")),
]
FORMAT_CHOICES = [
    ("on_site", _("on site")),
    ("online", _("online")),
    ("in_firm", _("in the firm")),
]
COST_CHOICES = [
    ("free", _("free of charge")),
    ("funded", _("subsidised")),
    ("fee", _("subject to a fee")),
    ("unknown", _("not stated")),
]
LANGUAGE_CHOICES = [
    ("de", _("German")),
    ("en", _("English")),
    ("pl", _("Polish")),
    ("cs", _("Czech")),
    ("ro", _("Romanian")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
]

# --- referrals ----------------------------------------------------------------------------
PROPOSED = "proposed"
CONTACTED = "contacted"
ACCEPTED = "accepted"
DONE = "done"
DECLINED = "declined"
REFERRAL_STATUS_CHOICES = [
    (PROPOSED, _("proposed")),
    (CONTACTED, _("contacted")),
    (ACCEPTED, _("accepted")),
    (DONE, _("done")),
    (DECLINED, _("declined")),
]
OPEN_STATUSES = frozenset({PROPOSED, CONTACTED, ACCEPTED})

# What a referral passes to the actor: fixed when it is sent.
FULL = "full"
ANONYMOUS = "anonymous"
DISCLOSURE_CHOICES = [
    (FULL, _("firm data (with consent)")),
    (ANONYMOUS, _("anonymous need only")),
]


def label(choices, code: str) -> str:
    """The label of `code` in a choices list ('' for an unknown code)."""
    for c, text in choices:
        if c == code:
            return str(text)
    return ""
