"""Vocabulary of the partner app: organisation kinds, insight kinds and states, the review
workflow. Plain Python: no Django model imports."""

from django.utils.translation import gettext_lazy as _

# --- organisations --------------------------------------------------------------------------
ORGANISATION_KIND_CHOICES = [
    ("union", _("Union")),
    ("employment_agency", _("Employment agency")),
    ("chamber", _("Chamber")),
    ("education_provider", _("Education provider")),
    ("public_authority", _("Public authority")),
    ("cluster_association", _("Cluster association")),
    ("university", _("University")),
    ("business_development", _("Business development agency")),
    ("other_region", _("Network of another region")),
    ("other", _("Other organisation")),
]

# --- insights -------------------------------------------------------------------------------
FINDING = "finding"
GOOD_PRACTICE = "good_practice"
LESSON_LEARNED = "lesson_learned"
INSIGHT_KIND_CHOICES = [
    (FINDING, _("Finding")),
    (GOOD_PRACTICE, _("Good practice")),
    (LESSON_LEARNED, _("Lesson learned")),
]

DRAFT = "draft"
IN_REVIEW = "in_review"
PUBLISHED = "published"
WITHDRAWN = "withdrawn"
STATUS_CHOICES = [
    (DRAFT, _("draft")),
    (IN_REVIEW, _("in review")),
    (PUBLISHED, _("published")),
    (WITHDRAWN, _("withdrawn")),
]

AUDIENCE_ALL = "all"
AUDIENCE_SELECTED = "selected"
AUDIENCE_CHOICES = [
    (AUDIENCE_ALL, _("all partner organisations")),
    (AUDIENCE_SELECTED, _("only the chosen organisations")),
]

# --- contributions --------------------------------------------------------------------------
COMMENT = "comment"
QUESTION = "question"
ANSWER = "answer"
CONTRIBUTION_KIND_CHOICES = [
    (COMMENT, _("Comment")),
    (QUESTION, _("Question")),
    (ANSWER, _("Answer")),
]
