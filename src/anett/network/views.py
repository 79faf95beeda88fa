import io
from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anett.assessment.models import Need, Topic
from anett.companies.access import company_for_detail
from anett.companies.models import Activity, Company, search_key
from anett.core import roles
from anett.core.deletion import confirm_delete
from anett.core.disclosure import MIN_CELL_SIZE, SMALL
from anett.core.permissions import role_required
from anett.regions.models import Kreis, Region

from . import exports, gaps, graph, services, vocab
from .filters import ActorFilter, OfferFilter
from .forms import (
    ActorForm,
    ConsentForm,
    ContactForm,
    InboxStatusForm,
    OfferForm,
    ReferralForm,
    RelationForm,
    StatusForm,
)
from .models import Actor, ActorContact, ActorRelation, Membership, Offer, Referral

VIEW = tuple(roles.REGISTER_ROLES)  # actors, graph, referrals
EDIT = tuple(roles.CONFIG_ROLES)  # edit actors, offers, relations, memberships
ALL = (roles.ADMIN, roles.KOORDINATION, roles.BERATUNG, roles.PARTNER)  # catalogue, gaps


def _query(request, drop=("page",)):
    query = request.GET.copy()
    for key in drop:
        query.pop(key, None)
    return query.urlencode()


def _page(request, qs, size):
    return Paginator(qs, size).get_page(request.GET.get("page"))


# --- actors ------------------------------------------------------------------------------


@role_required(*VIEW)
def actor_list(request):
    qs = Actor.objects.annotate(
        n_offers=Count("offers", filter=Q(offers__active=True), distinct=True),
        n_kreise=Count("kreise", distinct=True),
    ).order_by("name", "id")
    actor_filter = ActorFilter(request.GET or None, queryset=qs)
    qs = qs.none() if actor_filter.is_bound and not actor_filter.is_valid() else actor_filter.qs
    return render(
        request,
        "network/actor_list.html",
        {
            "filter": actor_filter,
            "page": _page(request, qs, 50),
            "query": _query(request),
            "can_edit": request.user.can_configure,
        },
    )


def _reach(actor: Actor) -> dict:
    """Firms the actor reaches (referrals, memberships, activities of its staff), by Kreis."""
    referred = set(actor.referrals.values_list("company_id", flat=True))
    members = set(actor.memberships.values_list("company_id", flat=True))
    user_ids = list(actor.users.values_list("id", flat=True))
    active = set(Activity.objects.filter(user_id__in=user_ids).values_list("company_id", flat=True))
    firms = referred | members | active
    by_kreis = Counter(Company.objects.filter(id__in=firms).values_list("kreis__name", flat=True))
    return {
        "firms": len(firms),
        "referred": len(referred),
        "members": len(members),
        "activities": len(active),
        "by_kreis": sorted(by_kreis.items(), key=lambda kv: (-kv[1], kv[0] or "")),
    }


@role_required(*VIEW)
def actor_detail(request, pk):
    actor = get_object_or_404(
        Actor.objects.select_related("seat").prefetch_related("kreise", "users"), pk=pk
    )
    memberships = list(actor.memberships.select_related("company", "company__kreis"))
    openable = set(
        Company.objects.for_detail(request.user)
        .filter(pk__in=[m.company_id for m in memberships])
        .values_list("pk", flat=True)
    )
    referrals = Counter(actor.referrals.values_list("status", flat=True))
    return render(
        request,
        "network/actor_detail.html",
        {
            "actor": actor,
            "kreise": list(actor.kreise.order_by("name")),
            "contacts": list(actor.contacts.all()),
            "relations_out": list(actor.relations_out.select_related("target")),
            "relations_in": list(actor.relations_in.select_related("source")),
            "offers": list(actor.offers.order_by("-active", "title")),
            "memberships": memberships,
            "openable": openable,
            "reach": _reach(actor),
            "referral_counts": [
                (label, referrals.get(code, 0)) for code, label in vocab.REFERRAL_STATUS_CHOICES
            ],
            "topics": _labels(Topic.choices, actor.topics),
            "groups": _labels(vocab.TARGET_GROUP_CHOICES, actor.target_groups),
            "can_edit": request.user.can_configure,
        },
    )


def _labels(choices, codes):
    names = dict(choices)
    return [names.get(c, c) for c in codes]


@role_required(*EDIT)
def actor_edit(request, pk=None):
    actor = get_object_or_404(Actor, pk=pk) if pk else None
    form = ActorForm(request.POST or None, instance=actor)
    if request.method == "POST" and form.is_valid():
        actor = form.save()
        messages.success(request, _("Actor “%(name)s” saved.") % {"name": actor})
        return redirect(actor)
    return render(request, "network/actor_form.html", {"form": form, "actor": actor})


@role_required(*EDIT)
def actor_delete(request, pk):
    actor = get_object_or_404(Actor, pk=pk)
    return confirm_delete(
        request,
        actor,
        cancel_url=actor.get_absolute_url(),
        success_url=reverse("network:actors"),
        message=_("Actor “%(name)s” deleted.") % {"name": actor},
        consequences=_(
            "%(offers)d offers, %(contacts)d contact persons and %(memberships)d memberships "
            "will be deleted too; referrals keep the actor's name."
        )
        % {
            "offers": actor.offers.count(),
            "contacts": actor.contacts.count(),
            "memberships": actor.memberships.count(),
        },
    )


@role_required(*EDIT)
def contact_edit(request, pk, contact_pk=None):
    actor = get_object_or_404(Actor, pk=pk)
    contact = get_object_or_404(actor.contacts, pk=contact_pk) if contact_pk else None
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        contact = form.save(commit=False)
        contact.actor = actor
        contact.save()
        messages.success(request, _("Contact person saved."))
        return redirect(actor)
    return render(
        request, "network/contact_form.html", {"form": form, "actor": actor, "contact": contact}
    )


@role_required(*EDIT)
def contact_delete(request, pk, contact_pk):
    actor = get_object_or_404(Actor, pk=pk)
    contact = get_object_or_404(ActorContact, actor=actor, pk=contact_pk)
    return confirm_delete(
        request,
        contact,
        cancel_url=actor.get_absolute_url(),
        success_url=actor.get_absolute_url(),
        message=_("Contact person deleted."),
    )


@role_required(*EDIT)
def relation_add(request, pk):
    actor = get_object_or_404(Actor, pk=pk)
    form = RelationForm(request.POST or None, source=actor)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Relation saved."))
        return redirect(actor)
    return render(request, "network/relation_form.html", {"form": form, "actor": actor})


@role_required(*EDIT)
def relation_delete(request, pk, relation_pk):
    actor = get_object_or_404(Actor, pk=pk)
    relation = get_object_or_404(
        ActorRelation.objects.filter(Q(source=actor) | Q(target=actor)), pk=relation_pk
    )
    return confirm_delete(
        request,
        relation,
        cancel_url=actor.get_absolute_url(),
        success_url=actor.get_absolute_url(),
        message=_("Relation deleted."),
    )


@role_required(*EDIT)
def membership_add(request, pk):
    """Search the register for a firm and add it as a member of the actor."""
    actor = get_object_or_404(Actor, pk=pk)
    if request.method == "POST":
        raw = request.POST.get("company", "")
        company = get_object_or_404(Company, pk=int(raw) if raw.isdigit() else 0)
        _m, created = Membership.objects.get_or_create(actor=actor, company=company)
        if created:
            messages.success(
                request,
                _("“%(company)s” is now a member of %(actor)s.")
                % {"company": company, "actor": actor.label},
            )
        return redirect(reverse("network:actor_detail", args=[actor.pk]) + "#members")
    q = request.GET.get("q", "").strip()
    results = []
    if q:
        qs = Company.objects.select_related("kreis")
        for word in search_key(q).split():
            qs = qs.filter(search_text__contains=word)
        results = list(qs.order_by("name", "id")[:20])
    members = set(actor.memberships.values_list("company_id", flat=True))
    return render(
        request,
        "network/membership_form.html",
        {"actor": actor, "q": q, "results": results, "members": members},
    )


@role_required(*EDIT)
def membership_delete(request, pk, membership_pk):
    actor = get_object_or_404(Actor, pk=pk)
    membership = get_object_or_404(Membership, actor=actor, pk=membership_pk)
    return confirm_delete(
        request,
        membership,
        cancel_url=actor.get_absolute_url(),
        success_url=actor.get_absolute_url(),
        message=_("Membership deleted."),
    )


# --- offers ------------------------------------------------------------------------------


@role_required(*ALL)
def offer_list(request):
    qs = (
        Offer.objects.filter(active=True)
        .select_related("actor")
        .prefetch_related("kreise")
        .order_by("title", "id")
    )
    offer_filter = OfferFilter(request.GET or None, queryset=qs)
    qs = qs.none() if offer_filter.is_bound and not offer_filter.is_valid() else offer_filter.qs
    page = _page(request, qs, 30)
    context = {
        "filter": offer_filter,
        "page": page,
        "query": _query(request),
        "can_edit": request.user.can_configure,
        "can_see_actors": request.user.can_see_register,
        "topic_names": dict(Topic.choices),
        "group_names": dict(vocab.TARGET_GROUP_CHOICES),
        "format_names": dict(vocab.FORMAT_CHOICES),
    }
    template = (
        "network/_offer_results.html"
        if request.headers.get("HX-Request")
        else "network/offer_list.html"
    )
    return render(request, template, context)


@role_required(*ALL)
def offer_detail(request, pk):
    offer = get_object_or_404(
        Offer.objects.select_related("actor", "contact_person").prefetch_related(
            "kreise", "actor__kreise"
        ),
        pk=pk,
    )
    if not offer.active and not request.user.can_see_register:
        raise Http404
    kreise = list(offer.kreise.order_by("name"))
    return render(
        request,
        "network/offer_detail.html",
        {
            "offer": offer,
            "kreise": kreise or list(offer.actor.kreise.order_by("name")),
            "kreise_from_actor": not kreise,
            "topics": _labels(Topic.choices, offer.topics),
            "groups": _labels(vocab.TARGET_GROUP_CHOICES, offer.target_groups),
            "formats": _labels(vocab.FORMAT_CHOICES, offer.formats),
            "languages": _labels(vocab.LANGUAGE_CHOICES, offer.languages),
            "can_edit": request.user.can_configure,
            "can_see_actors": request.user.can_see_register,
        },
    )


@role_required(*EDIT)
def offer_edit(request, pk=None):
    offer = get_object_or_404(Offer, pk=pk) if pk else None
    initial = {}
    if offer is None:
        # Prefill from the gap page: ?actor=&topics=&target_groups=&kreise=
        for key in ("topics", "target_groups", "kreise", "formats"):
            if key in request.GET:
                initial[key] = request.GET.getlist(key)
        if request.GET.get("actor"):
            initial["actor"] = request.GET["actor"]
    form = OfferForm(request.POST or None, instance=offer, initial=initial)
    if request.method == "POST" and form.is_valid():
        offer = form.save()
        messages.success(request, _("Offer “%(title)s” saved.") % {"title": offer})
        nxt = request.POST.get("next", "")
        if nxt.startswith("/netzwerk/"):
            return redirect(nxt)
        return redirect(offer)
    return render(
        request,
        "network/offer_form.html",
        {"form": form, "offer": offer, "next": request.GET.get("next", "")},
    )


@role_required(*EDIT)
def offer_delete(request, pk):
    offer = get_object_or_404(Offer, pk=pk)
    return confirm_delete(
        request,
        offer,
        cancel_url=offer.get_absolute_url(),
        success_url=reverse("network:offers"),
        message=_("Offer “%(title)s” deleted.") % {"title": offer},
        consequences=_("Referrals to this offer keep its title."),
    )


# --- gap analysis -----------------------------------------------------------------------


def _gap_region(request):
    slug = request.GET.get("region")
    if slug:
        return get_object_or_404(Region, slug=slug)
    return services.default_region()


def _heat_level(score: int, top: int) -> int:
    if score <= 0 or top <= 0:
        return 0
    return min(4, 1 + (4 * score - 1) // top)


@role_required(*ALL)
def gap_page(request):
    region = _gap_region(request)
    topic = request.GET.get("topic", "")
    group = request.GET.get("target_group", "")
    topic_names = dict(Topic.choices)
    group_names = dict(vocab.TARGET_GROUP_CHOICES)
    if topic not in topic_names:
        topic = ""
    if group not in group_names:
        group = ""
    partner = request.user.effective_role == roles.PARTNER
    kreise, result = services.gap_analysis(region)
    kreis_names = dict(Kreis.objects.values_list("ags", "name"))

    # Heat map: Kreis × topic (all target groups, or the chosen one).
    if group:
        source = {(c.kreis_ags, c.topic): c for c in result.cells if c.target_group == group}
    else:
        source = result.by_kreis_topic
    top = max((c.gap_score for c in source.values()), default=0)
    columns = [(code, label) for code, label in Topic.choices if not topic or code == topic]
    heat_rows = []
    for k in kreise:
        cells = []
        for code, _label in columns:
            c = source[(k.ags, code)]
            hidden = partner and 0 < c.demand_firms < MIN_CELL_SIZE
            cells.append(
                {
                    "topic": code,
                    "status": "hidden" if hidden else c.status,
                    "demand": SMALL if hidden else c.demand_firms,
                    "offers": c.offers,
                    "actors": c.actors,
                    "score": None if hidden else c.gap_score,
                    "level": 0 if hidden else _heat_level(c.gap_score, top),
                }
            )
        heat_rows.append({"kreis": k, "cells": cells})

    listed = [
        c
        for c in result.gaps
        if (not topic or c.topic == topic) and (not group or c.target_group == group)
    ]
    if partner:
        listed = gaps.suppress_small(listed, MIN_CELL_SIZE)
    k_ids = {k.ags: k.id for k in kreise}
    gap_rows = [
        {
            "cell": c,
            "topic": topic_names.get(c.topic, c.topic),
            "group": group_names.get(c.target_group, c.target_group),
            "candidates": [(x, exports.reason_text(x, kreis_names)) for x in c.candidates],
            "kreis_id": k_ids.get(c.kreis_ags),
        }
        for c in listed[:100]
    ]
    unused = sum(1 for c in result.by_kreis_topic.values() if c.status == gaps.UNUSED)
    return render(
        request,
        "network/gap_page.html",
        {
            "region": region,
            "regions": Region.objects.order_by("kind", "name"),
            "topic": topic,
            "group": group,
            "topics": Topic.choices,
            "groups": vocab.TARGET_GROUP_CHOICES,
            "columns": columns,
            "heat_rows": heat_rows,
            "gap_rows": gap_rows,
            "n_gaps": len(listed),
            "unused": unused,
            "partner": partner,
            "can_edit": request.user.can_configure,
            "can_export": request.user.can_see_register,
            "query": _query(request),
            "threshold": gaps.NEED_THRESHOLD,
            "firms_per_offer": gaps.FIRMS_PER_OFFER,
            "min_cell": MIN_CELL_SIZE,
        },
    )


@role_required(*VIEW)
def gap_export(request, fmt):
    region = _gap_region(request)
    _kreise, result = services.gap_analysis(region)
    kreis_names = dict(Kreis.objects.values_list("ags", "name"))
    buffer = io.BytesIO()
    exports.write(buffer, exports.rows(result, kreis_names), f".{fmt}")
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    name = f"luecken-{region.slug if region else 'alle'}-{stamp}.{fmt}"
    content_type = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        if fmt == "xlsx"
        else "text/csv; charset=utf-8"
    )
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- network graph ----------------------------------------------------------------------


@role_required(*VIEW)
def graph_page(request):
    slug = request.GET.get("region")
    region = get_object_or_404(Region, slug=slug) if slug else None
    topic = request.GET.get("topic", "")
    kind = request.GET.get("kind", "")
    if topic not in dict(Topic.choices):
        topic = ""
    if kind not in dict(vocab.ACTOR_KIND_CHOICES):
        kind = ""
    g, metrics = services.network_graph(services.GraphScope(region, topic, kind))
    kreis_names = dict(Kreis.objects.values_list("ags", "name"))
    data = graph.display(g, metrics, kreis_names=kreis_names)
    for node in data["nodes"]:
        if node["type"] == "actor":
            node["url"] = reverse("network:actor_detail", args=[int(node["id"][1:])])
    openable = None
    if not request.user.can_see_all_details:
        openable = set(
            Company.objects.for_detail(request.user)
            .filter(pk__in=[int(n["id"][1:]) for n in data["nodes"] if n["type"] == "firm"])
            .values_list("pk", flat=True)
        )
    for node in data["nodes"]:
        if node["type"] == "firm":
            pk = int(node["id"][1:])
            if openable is None or pk in openable:
                node["url"] = reverse("companies:detail", args=[pk])
    isolated = list(
        Company.objects.filter(pk__in=metrics.isolated[:50])
        .select_related("kreis")
        .only("id", "name", "kreis__name")
    )
    kinds = dict(vocab.ACTOR_KIND_CHOICES)
    rows = [
        {
            "f": f,
            "kind": kinds.get(f.kind, f.kind),
            "kreise": [(kreis_names.get(a, a), n) for a, n in list(f.kreise.items())[:4]],
            "more_kreise": max(0, len(f.kreise) - 4),
        }
        for f in metrics.actors
    ]
    brokers = [metrics.by_id[a] for a in metrics.brokers]
    return render(
        request,
        "network/graph_page.html",
        {
            "region": region,
            "regions": Region.objects.order_by("kind", "name"),
            "topic": topic,
            "kind": kind,
            "topics": Topic.choices,
            "kinds": vocab.ACTOR_KIND_CHOICES,
            "data": data,
            "metrics": metrics,
            "rows": rows,
            "brokers": brokers,
            "isolated": isolated,
            "more_isolated": max(0, len(metrics.isolated) - len(isolated)),
        },
    )


# --- referrals ----------------------------------------------------------------------------


@role_required(*VIEW)
def referral_new(request, company_pk):
    company = company_for_detail(request, company_pk)
    needs = sorted(
        Need.objects.filter(company=company, current=True), key=lambda n: (-n.level, n.topic)
    )
    topic_names = dict(Topic.choices)
    topic = (
        request.POST.get("topic") or request.GET.get("topic") or (needs[0].topic if needs else "")
    )
    if topic not in topic_names:
        topic = ""
    form = ReferralForm(request.POST or None, initial={"topic": topic})
    if request.method == "POST" and form.is_valid():
        topic = form.cleaned_data["topic"]
        need = next((n for n in needs if n.topic == topic), None)
        referral = services.create_referral(
            company,
            form.cleaned_data["offer"],
            topic,
            request.user,
            need=need,
            note=form.cleaned_data["note"],
        )
        _track(referral, None, request.user)
        messages.success(request, _("Referral proposed."))
        return redirect(referral)
    matches = services.matching_offers(company, topic) if topic else []
    return render(
        request,
        "network/referral_new.html",
        {
            "company": company,
            "needs": needs,
            "topic": topic,
            "topic_label": topic_names.get(topic, ""),
            "topics": Topic.choices,
            "matches": matches,
            "form": form,
            "existing": list(company.referrals.select_related("offer")),
        },
    )


@role_required(*VIEW)
def referral_list(request):
    qs = services.referrals_for(request.user).select_related("company", "company__kreis")
    status = request.GET.get("status", "")
    if status in dict(vocab.REFERRAL_STATUS_CHOICES):
        qs = qs.filter(status=status)
    return render(
        request,
        "network/referral_list.html",
        {
            "page": _page(request, qs, 50),
            "status": status,
            "statuses": vocab.REFERRAL_STATUS_CHOICES,
            "query": _query(request),
        },
    )


def _referral(request, pk) -> Referral:
    referral = get_object_or_404(Referral.objects.select_related("company"), pk=pk)
    # 404 if unknown, 403 if the firm is not assigned (same rule as the register).
    company_for_detail(request, referral.company_id)
    return referral


def _track(referral: Referral, old_status: str | None, user) -> None:
    """Each referral change becomes an activity on the firm and moves its outreach stage
    forward (see anett.funding.records)."""
    from anett.funding.records import track_referral

    track_referral(referral, old_status, user)


def _timeline(referral: Referral) -> list[dict]:
    """Status changes of the referral (from its history), oldest first, then the measures
    recorded from it."""
    labels = dict(vocab.REFERRAL_STATUS_CHOICES)
    steps, last = [], None
    for h in referral.history.order_by("history_date", "history_id").select_related("history_user"):
        if h.status != last:
            steps.append(
                {
                    "when": h.history_date,
                    "label": labels.get(h.status, h.status),
                    "who": h.history_user,
                }
            )
            last = h.status
    return steps


def _detail_context(referral: Referral, status_form=None, consent_form=None) -> dict:
    return {
        "referral": referral,
        "status_form": status_form or StatusForm(instance=referral),
        "consent_form": consent_form or ConsentForm(instance=referral),
        "preview": _actor_view(referral, full=referral.has_consent),
        "timeline": _timeline(referral),
        "records": list(referral.measure_records.order_by("start", "id")),
    }


@role_required(*VIEW)
def referral_detail(request, pk):
    referral = _referral(request, pk)
    referral = Referral.objects.select_related(
        "company__kreis", "offer", "actor", "need", "created_by", "consent_by", "sent_by"
    ).get(pk=referral.pk)
    return render(request, "network/referral_detail.html", _detail_context(referral))


@require_POST
@role_required(*VIEW)
def referral_status(request, pk):
    referral = _referral(request, pk)
    old_status = referral.status
    form = StatusForm(request.POST, instance=referral)
    if form.is_valid():
        form.save()
        _track(referral, old_status, request.user)
        messages.success(request, _("Referral updated."))
        return redirect(referral)
    referral.status = old_status
    return render(
        request, "network/referral_detail.html", _detail_context(referral, status_form=form)
    )


@require_POST
@role_required(*VIEW)
def referral_consent(request, pk):
    referral = _referral(request, pk)
    form = ConsentForm(request.POST, instance=referral)
    if form.is_valid():
        services.record_consent(
            referral,
            purpose=form.cleaned_data["consent_purpose"],
            date=form.cleaned_data["consent_date"],
            source=form.cleaned_data["consent_source"],
            user=request.user,
        )
        messages.success(request, _("Consent recorded."))
        return redirect(referral)
    referral.refresh_from_db()
    return render(
        request, "network/referral_detail.html", _detail_context(referral, consent_form=form)
    )


@require_POST
@role_required(*VIEW)
def referral_send(request, pk):
    referral = _referral(request, pk)
    if referral.actor_id is None:
        messages.error(request, _("The actor of this referral no longer exists."))
        return redirect(referral)
    if referral.is_sent and (referral.shows_firm or not referral.has_consent):
        messages.info(request, _("The referral has already been sent."))
        return redirect(referral)
    old_status = referral.status
    disclosure = services.send_referral(referral, request.user)
    _track(referral, old_status, request.user)
    if disclosure == vocab.FULL:
        messages.success(request, _("Sent to the actor with the firm's data (consent recorded)."))
    else:
        messages.success(request, _("Sent to the actor as an anonymous need (no consent)."))
    return redirect(referral)


def _actor_view(referral: Referral, *, full: bool) -> dict:
    """What the actor sees of a referral: the firm only with consent, else the anonymous
    need (topic, Kreis, size class)."""
    company = referral.company
    view = {
        "full": full,
        "topic": referral.get_topic_display(),
        "kreis": company.kreis.name if company.kreis else "",
        "size": company.get_sme_class_display(),
        "offer": referral.offer_title,
    }
    if full:
        view.update(
            {
                "company": str(company),
                "address": " ".join(
                    p for p in (company.street, company.postcode, company.city) if p
                ),
                "employees": company.employees_site,
                "level": referral.need.level if referral.need else None,
                "note": referral.note,
                "adviser": referral.created_by,
            }
        )
    return view


# --- inbox of an actor ----------------------------------------------------------------------


@login_required
def inbox(request):
    actors = list(Actor.objects.filter(users=request.user))
    if not actors:
        raise PermissionDenied(_("Your account does not belong to an actor of the network."))
    referrals = list(
        services.inbox_for(request.user).select_related("company__kreis", "created_by")
    )
    partner = request.user.effective_role == roles.PARTNER
    items = [(r, _actor_view(r, full=r.shows_firm and not partner)) for r in referrals]
    return render(request, "network/inbox.html", {"actors": actors, "items": items})


@login_required
def inbox_detail(request, pk):
    referral = get_object_or_404(
        services.inbox_for(request.user).select_related("company__kreis", "created_by", "need"),
        pk=pk,
    )
    partner = request.user.effective_role == roles.PARTNER
    old_status = referral.status
    form = InboxStatusForm(request.POST or None, instance=referral)
    if request.method == "POST" and form.is_valid():
        form.save()
        _track(referral, old_status, request.user)
        messages.success(request, _("Referral updated."))
        return redirect("network:inbox")
    return render(
        request,
        "network/inbox_detail.html",
        {
            "referral": referral,
            "view": _actor_view(referral, full=referral.shows_firm and not partner),
            "form": form,
        },
    )
