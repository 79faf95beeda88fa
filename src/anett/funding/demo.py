"""Demo referrals and measure records for the demo firms (called by `anett demo`).

Idempotent: once a demo referral (note starting with DEMO_MARK) exists, nothing is added.
Everything is fictitious and attached only to companies marked as demo. Referrals go to the
best-ranked offer of the firm's strongest need (as on the matching page), and every status
step goes through the same tracking as in the browser (activities, stage).
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from anett.assessment.models import Need
from anett.companies.models import Company
from anett.core.models import User
from anett.network import vocab
from anett.network.models import Offer, Referral

from . import matching, records
from .matching_services import firm_profile, offers_in
from .models import MeasureKind, MeasureRecord, MeasureStatus

DEMO_MARK = "Demo:"
MAX_FIRMS = 40
PROGRAMME_BY_TOPIC = {
    "skills": "sgb3-82",
    "drivetrain": "sgb3-82a",
    "digital": "th-fwrl-anpassung",
    "labour": "sgb3-82",
    "energy": "bafa-beratung",
    "business_model": "bafa-beratung",
    "financing": "bafa-beratung",
    "work_org": "inqa-coaching",
    "succession": "bafa-beratung",
}
KIND_BY_PROGRAMME = {"bafa-beratung": MeasureKind.CONSULTING, "inqa-coaching": MeasureKind.COACHING}

# Where a demo referral ends up: (final status, measure status or None).
PATHS = [
    (vocab.PROPOSED, None),
    (vocab.CONTACTED, None),
    (vocab.ACCEPTED, MeasureStatus.APPLIED),
    (vocab.ACCEPTED, MeasureStatus.GRANTED),
    (vocab.DONE, MeasureStatus.RUNNING),
    (vocab.DONE, MeasureStatus.COMPLETED),  # outcome recorded
    (vocab.DONE, MeasureStatus.COMPLETED),  # outcome due
    (vocab.DECLINED, None),
]
STEPS = [vocab.PROPOSED, vocab.CONTACTED, vocab.ACCEPTED, vocab.DONE]


def _user():
    for name in ("beratung", "koordination", "admin"):
        user = User.objects.filter(username=name).first()
        if user is not None:
            return user
    return User.objects.filter(is_active=True).order_by("id").first()


def _best_offer(company, need) -> Offer | None:
    plain, by_id = offers_in({need.topic})
    ranked = matching.rank_offers(
        firm_profile(company), matching.NeedIn(need.topic, need.level), plain, limit=1
    )
    return by_id[ranked[0].id] if ranked else None


def _record(rng, company, referral, measure_status, today) -> MeasureRecord:
    programme = PROGRAMME_BY_TOPIC.get(referral.topic, "")
    kind = KIND_BY_PROGRAMME.get(programme, MeasureKind.TRAINING)
    participants = rng.choice([1, 2, 3, 4, 6, 8, 12]) if kind == MeasureKind.TRAINING else 1
    hours = Decimal(rng.choice([40, 80, 121, 160, 240])) if kind == MeasureKind.TRAINING else None
    cost = Decimal(rng.choice([1800, 2500, 3600, 4800])) * participants
    if kind != MeasureKind.TRAINING:
        cost = Decimal(rng.choice([3000, 4000, 6000]))
    share = Decimal(rng.choice(["0.5", "0.75", "1.0"]))
    applied = (cost * share).quantize(Decimal("1"))
    if measure_status == MeasureStatus.COMPLETED:
        end = today - timedelta(days=rng.randint(200, 400))
        start = end - timedelta(days=rng.randint(20, 120))
    elif measure_status == MeasureStatus.RUNNING:
        start = today - timedelta(days=rng.randint(5, 60))
        end = start + timedelta(days=rng.randint(30, 150))
    else:
        start = today + timedelta(days=rng.randint(20, 90))
        end = start + timedelta(days=rng.randint(20, 120))
    granted = None
    if measure_status != MeasureStatus.APPLIED:
        granted = (applied * Decimal(rng.choice(["0.9", "1.0", "1.0"]))).quantize(Decimal("1"))
    return MeasureRecord(
        company=company,
        referral=referral,
        title=(referral.offer_title or "Weiterbildung")[:200],
        provider=referral.actor_name,
        kind=kind,
        programme=programme,
        topic=referral.topic,
        status=measure_status,
        start=start,
        end=end,
        participants=participants,
        hours=hours,
        cost_eur=cost,
        funding_applied_eur=applied,
        funding_granted_eur=granted,
        notes=f"{DEMO_MARK} fiktive Maßnahme",
    )


def create_demo(seed: int, log) -> str | None:
    user = _user()
    if user is None:
        return None
    rng = random.Random(seed + 82)
    today = timezone.localdate()
    if Referral.objects.filter(company__is_demo=True, note__startswith=DEMO_MARK).exists():
        return None  # already created (idempotent)
    firms = list(
        Company.objects.filter(is_demo=True, needs__current=True, needs__level__gte=50)
        .select_related("kreis", "kreis__merged_into")
        .distinct()
        .order_by("id")[: MAX_FIRMS * 3]
    )
    budget = MAX_FIRMS
    rng.shuffle(firms)
    n_ref = n_rec = 0
    outcome_toggle = False
    for company in firms[:budget]:
        need = (
            Need.objects.filter(company=company, current=True).order_by("-level", "topic").first()
        )
        offer = _best_offer(company, need) if need else None
        if offer is None:
            continue
        final, measure_status = PATHS[n_ref % len(PATHS)]
        with transaction.atomic():
            referral = Referral.objects.create(
                company=company,
                need=need,
                topic=need.topic,
                offer=offer,
                actor=offer.actor,
                offer_title=offer.title[:200],
                actor_name=offer.actor.name[:200],
                note=f"{DEMO_MARK} fiktive Vermittlung",
                created_by=user,
            )
            records.track_referral(referral, None, user)
            steps = STEPS[: STEPS.index(final) + 1] if final != vocab.DECLINED else STEPS[:2]
            if final == vocab.DECLINED:
                steps = steps + [vocab.DECLINED]
            old = vocab.PROPOSED
            for status in steps[1:]:
                referral.status = status
                if status == vocab.DONE:
                    referral.measure = referral.offer_title[:300]
                referral.save()
                records.track_referral(referral, old, user)
                old = status
            n_ref += 1
            if measure_status is not None:
                record = _record(rng, company, referral, measure_status, today)
                if measure_status == MeasureStatus.COMPLETED:
                    outcome_toggle = not outcome_toggle
                    if outcome_toggle:
                        record.employed_after_6_months = max(
                            0, record.participants - rng.choice([0, 0, 1])
                        )
                record.created_by = user
                record.save()
                records.track_record(record, user)
                n_rec += 1
    if not n_ref:
        return None
    return f"Demo: {n_ref} Vermittlungen und {n_rec} durchgeführte Maßnahmen."
