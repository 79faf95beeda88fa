"""The review workflow of an insight as a plain state machine (no Django models).

draft ──submit──► in_review ──publish──► published ──withdraw──► withdrawn
  ▲                   │                                              │
  └──── return ◄──────┘ (with a comment)          reopen ◄───────────┘ (back to draft)

Publishing needs a second person: the reviewer must not be the author (the administration
may publish its own texts, e.g. when the network office has only one coordinator).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .vocab import DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN

SUBMIT = "submit"
PUBLISH = "publish"
RETURN = "return"
WITHDRAW = "withdraw"
REOPEN = "reopen"


@dataclass(frozen=True)
class Transition:
    action: str
    source: frozenset
    target: str
    label: str
    needs_comment: bool = False


TRANSITIONS = {
    t.action: t
    for t in (
        Transition(SUBMIT, frozenset({DRAFT}), IN_REVIEW, _("Submit for review")),
        Transition(PUBLISH, frozenset({IN_REVIEW}), PUBLISHED, _("Publish")),
        Transition(RETURN, frozenset({IN_REVIEW}), DRAFT, _("Send back"), needs_comment=True),
        Transition(WITHDRAW, frozenset({PUBLISHED}), WITHDRAWN, _("Withdraw")),
        Transition(REOPEN, frozenset({WITHDRAWN}), DRAFT, _("Back to draft")),
    )
}


class TransitionError(ValueError):
    """The action is not possible; the message is shown to the user."""


def check(
    action: str,
    status: str,
    *,
    actor_id: int,
    author_id: int | None,
    is_admin: bool,
    comment: str = "",
) -> str:
    """The new status after `action`, or TransitionError with the reason."""
    t = TRANSITIONS.get(action)
    if t is None:
        raise TransitionError(_("Unknown action."))
    if status not in t.source:
        raise TransitionError(_("This step is not possible in the current status."))
    if t.needs_comment and not comment.strip():
        raise TransitionError(_("Please say in a comment what should be changed."))
    if action == PUBLISH and author_id == actor_id and not is_admin:
        raise TransitionError(
            _("A second person reviews and publishes: you wrote this insight yourself.")
        )
    return t.target


def available(status: str) -> list[Transition]:
    """The steps possible from `status`, in a fixed order."""
    return [t for t in TRANSITIONS.values() if status in t.source]
