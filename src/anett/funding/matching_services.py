"""The matching page's adapter: company, needs, offers and the engine's results for the
firm's standard measures into `matching`, and its reason codes back into German text."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anett.assessment.models import Need, Topic
from anett.companies.classification import is_sme
from anett.network import vocab
from anett.network.models import Offer, Referral
from anett.network.neighbours import kreis_neighbours
from anett.regions.models import Kreis

from . import matching
from .case import CaseError, parse_case
from .catalogue import PROGRAMME_IDS, load_catalogue
from .engine import evaluate
from .models import MeasureKind, PlannedMeasure
from .rules.base import fmt_eur
from .services import display_title, firm_data, is_offered, programme_settings

KIND_NOUN = {
    "training": gettext_lazy("continuing-education course"),
    "consulting": gettext_lazy("consulting project"),
    "coaching": gettext_lazy("coaching"),
}
FACT_LABELS = {
    "employees": gettext_lazy("number of employees"),
    "land": gettext_lazy("district"),
}
STATUS_LABELS = {
    matching.ELIGIBLE: gettext_lazy("eligible for funding"),
    matching.CHECK: gettext_lazy("to be checked"),
    matching.NOT_ELIGIBLE: gettext_lazy("not eligible"),
    matching.NO_FACTS: gettext_lazy("not calculated"),
}


def firm_profile(company) -> matching.Firm:
    kreis = company.kreis
    ags = ""
    if kreis is not None:
        ags = kreis.merged_into.ags if kreis.merged_into_id else kreis.ags
    wc = {"yes": True, "no": False}.get(company.works_council)
    sme = is_sme(company.sme_class) if company.sme_class != "unknown" else None
    return matching.Firm(
        ags=ags,
        neighbours=frozenset(kreis_neighbours().get(ags, frozenset())) if ags else frozenset(),
        sme=sme,
        works_council=wc,
        employees=company.employees_site or company.employees_enterprise,
        branch_group=company.branch_group,
    )


def needs_of(company) -> list[Need]:
    return list(Need.objects.filter(company=company, current=True).select_related("created_by"))


def offers_in(topics) -> tuple[list[matching.OfferIn], dict[int, Offer]]:
    """Active offers of active actors whose offer or actor covers one of the topics."""
    qs = (
        Offer.objects.filter(active=True, actor__active=True)
        .select_related("actor")
        .prefetch_related("kreise", "actor__kreise")
        .order_by("id")
    )
    topics = set(topics)
    plain, by_id = [], {}
    for o in qs:
        if not (topics & set(o.topics) or topics & set(o.actor.topics)):
            continue
        where = {k.ags for k in o.kreise.all()} or {k.ags for k in o.actor.kreise.all()}
        plain.append(
            matching.OfferIn(
                id=o.pk,
                title=o.title,
                actor=o.actor.label,
                topics=frozenset(o.topics),
                actor_topics=frozenset(o.actor.topics),
                target_groups=frozenset(o.target_groups),
                kreise=frozenset(where),
                kind=o.kind,
                cost=o.cost,
                formats=frozenset(o.formats),
                programme=o.funding_programme,
            )
        )
        by_id[o.pk] = o
    return plain, by_id


def programmes_in(settings) -> list[matching.ProgrammeIn]:
    out = []
    for pid, prog in load_catalogue().items():
        v = prog.versions[-1]
        out.append(
            matching.ProgrammeIn(
                id=pid,
                title=display_title(pid, v.title, settings),
                legal_basis=v.legal_basis,
                kinds=tuple(v.kinds),
                offered=is_offered(pid, settings),
            )
        )
    return out


def engine_results(company, programmes, day=None):
    """Per programme the engine's result for the firm's standard measure of the programme's
    kind; None for all when the company record lacks the facts (returned as the 2nd value)."""
    day = day or timezone.localdate()
    firm_case = firm_data(company, PlannedMeasure())
    missing = matching.missing_firm_facts(firm_case)
    if missing:
        return {p.id: None for p in programmes}, missing
    by_kind: dict[str, list[str]] = {}
    for p in programmes:
        kind = matching.standard_kind(p.kinds)
        if kind and p.offered:
            by_kind.setdefault(kind, []).append(p.id)
    results: dict[str, matching.ProgrammeResult | None] = {}
    for kind, ids in by_kind.items():
        try:
            case = parse_case(matching.standard_case(firm_case, kind, day))
        except CaseError:
            continue
        for res in evaluate(case, programmes=ids)["results"]:
            results[res["programme"]] = matching.result_from_engine(res, kind)
    return results, []


# --- texts --------------------------------------------------------------------------------


def _topic(code):
    return str(dict(Topic.choices).get(code, code))


def _groups(codes: str) -> str:
    names = dict(vocab.TARGET_GROUP_CHOICES)
    return ", ".join(str(names.get(c, c)) for c in codes.split(",") if c)


def _kreise(codes: str, kreis_names) -> str:
    return ", ".join(kreis_names.get(c, c) for c in codes.split(",") if c)


def reason_text(r: matching.Reason, kreis_names: dict, titles: dict) -> str:
    p = r.param
    kind = str(KIND_NOUN.get(p("kind"), p("kind")))
    texts = {
        "topic": lambda: _("offers exactly this topic (%(topic)s)") % {"topic": _topic(p("topic"))},
        "actor_topic": lambda: (
            _("the actor works on %(topic)s; this offer is listed for others")
            % {"topic": _topic(p("topic"))}
        ),
        "kreis": lambda: (
            _("serves the firm's district %(kreis)s")
            % {"kreis": kreis_names.get(p("kreis"), p("kreis"))}
        ),
        "neighbour": lambda: (
            _("serves a neighbouring district (%(kreise)s)")
            % {"kreise": _kreise(p("kreise"), kreis_names)}
        ),
        "online": lambda: _("online, wherever the firm is"),
        "elsewhere": lambda: _("not offered in the firm's district or a neighbouring one"),
        "no_region": lambda: _("no district stated"),
        "all_groups": lambda: _("open to all target groups"),
        "groups_no_wc": lambda: (
            _("reaches the firm without a works council (for %(groups)s)")
            % {"groups": _groups(p("groups"))}
        ),
        "groups_wc": lambda: _("addresses the works council, which the firm has"),
        "groups": lambda: _("for %(groups)s") % {"groups": _groups(p("groups"))},
        "needs_wc": lambda: _("aimed at works councils only; the firm has none"),
        "in_firm_sme": lambda: _("takes place in the firm, which suits an SME"),
        "free": lambda: _("free of charge"),
        "funded": lambda: _("subsidised"),
        "programme_eligible": lambda: (
            _("stands for %(programme)s, eligible for this firm")
            % {"programme": titles.get(p("programme"), p("programme"))}
        ),
        "programme_check": lambda: (
            _("stands for %(programme)s, to be checked for this firm")
            % {"programme": titles.get(p("programme"), p("programme"))}
        ),
        "programme_not_eligible": lambda: (
            _("stands for %(programme)s, not eligible for this firm")
            % {"programme": titles.get(p("programme"), p("programme"))}
        ),
        "main_instrument": lambda: (
            _("a main instrument for %(topic)s") % {"topic": _topic(p("topic"))}
        ),
        "supports": lambda: _("can support %(topic)s") % {"topic": _topic(p("topic"))},
        matching.ELIGIBLE: lambda: (
            _("eligible for a typical %(kind)s of the firm (%(basis)s)")
            % {"kind": kind, "basis": p("basis")}
        ),
        matching.CHECK: lambda: (
            _("to be checked for a typical %(kind)s of the firm: %(n)s open points (%(basis)s)")
            % {"kind": kind, "n": p("n"), "basis": p("basis")}
        ),
        matching.NOT_ELIGIBLE: lambda: (
            _("not eligible for a typical %(kind)s: %(why)s") % {"kind": kind, "why": p("why")}
        ),
        matching.NO_FACTS: lambda: (
            _("not calculated: the company record lacks data (%(basis)s)") % {"basis": p("basis")}
        ),
        "amount": lambda: (
            _("about %(eur)s for a typical %(kind)s")
            % {"eur": fmt_eur(float(p("eur"))), "kind": kind}
        ),
        "entitlement": lambda: _("legal entitlement once the conditions are met"),
    }
    make = texts.get(r.code)
    return make() if make else r.code


# --- the page -------------------------------------------------------------------------------


@dataclass
class OfferRow:
    offer: Offer
    score: int
    direct: bool
    reasons: list[str]
    referrals: list[Referral] = field(default_factory=list)


@dataclass
class ProgrammeRow:
    id: str
    title: str
    legal_basis: str
    score: int
    status: str
    status_label: str
    reasons: list[str]
    kind: str


@dataclass
class NeedBlock:
    need: Need
    topic_label: str
    offers: list[OfferRow]
    programmes: list[ProgrammeRow]
    not_eligible: list[ProgrammeRow]


@dataclass
class MatchPage:
    blocks: list[NeedBlock]
    missing_facts: list[str]
    day: object


def _programme_row(r: matching.Ranked, by_id, kreis_names, titles) -> ProgrammeRow:
    p = by_id[r.id]
    kind = next((x.param("kind") for x in r.reasons if x.param("kind")), "")
    return ProgrammeRow(
        id=p.id,
        title=p.title,
        legal_basis=p.legal_basis,
        score=r.score,
        status=r.status,
        status_label=str(STATUS_LABELS.get(r.status, r.status)),
        reasons=[reason_text(x, kreis_names, titles) for x in r.reasons],
        kind=kind or (matching.standard_kind(p.kinds) or ""),
    )


def match_page(company, day=None) -> MatchPage:
    day = day or timezone.localdate()
    needs = needs_of(company)
    settings = programme_settings()
    programmes = programmes_in(settings)
    results, missing = engine_results(company, programmes, day)
    offers, offer_objs = offers_in({n.topic for n in needs})
    firm = firm_profile(company)
    plain_needs = [
        matching.NeedIn(n.topic, n.level, n.source, tuple(n.causes or ()), n.pk) for n in needs
    ]
    matched = matching.match(firm, plain_needs, offers, programmes, results)
    kreis_names = dict(Kreis.objects.values_list("ags", "name"))
    titles = {p.id: p.title for p in programmes}
    prog_by_id = {p.id: p for p in programmes}
    need_by_id = {n.pk: n for n in needs}
    referrals: dict[tuple[int, str], list[Referral]] = {}
    for ref in company.referrals.all():
        if ref.offer_id:
            referrals.setdefault((ref.offer_id, ref.topic), []).append(ref)
    blocks = []
    for m in matched:
        blocks.append(
            NeedBlock(
                need=need_by_id[m.need.id],
                topic_label=_topic(m.need.topic),
                offers=[
                    OfferRow(
                        offer=offer_objs[r.id],
                        score=r.score,
                        direct=r.tier == matching.TIER_TOPIC,
                        reasons=[reason_text(x, kreis_names, titles) for x in r.reasons],
                        referrals=referrals.get((r.id, m.need.topic), []),
                    )
                    for r in m.offers
                ],
                programmes=[
                    _programme_row(r, prog_by_id, kreis_names, titles) for r in m.programmes
                ],
                not_eligible=[
                    _programme_row(r, prog_by_id, kreis_names, titles) for r in m.not_eligible
                ],
            )
        )
    return MatchPage(blocks, [str(FACT_LABELS[f]) for f in missing], day)


def planning_prefill(programme: str, topic: str) -> dict:
    """Initial data of the Förderrechner form when planning from a programme."""
    catalogue = load_catalogue()
    if programme not in PROGRAMME_IDS:
        return {}
    kind = matching.standard_kind(catalogue[programme].versions[-1].kinds) or "training"
    title = _("%(topic)s: measure under %(programme)s") % {
        "topic": _topic(topic) if topic else _("Measure"),
        "programme": catalogue[programme].versions[-1].title,
    }
    today = timezone.localdate()
    initial = {
        "title": title[:200],
        "kind": kind,
        "application_date": today + timedelta(days=14),
        "start": today + timedelta(days=60),
    }
    initial.update(
        {k: v for k, v in matching.STANDARD_MEASURES[kind].items() if k != "day_rate_eur"}
    )
    if kind not in MeasureKind.values:
        initial["kind"] = MeasureKind.TRAINING
    return initial
