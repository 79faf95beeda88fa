"""Companies: only for the register roles and scoped exactly like the UI
(`Company.objects.for_list` / `for_detail`). Partners get 403 “Nicht erlaubt”. Art. 9 fields
of contact persons only for roles with `can_see_sensitive`, and every such response is
written to the access log."""

from django.db.models import Prefetch
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from anett.companies.filters import SORTS
from anett.companies.models import (
    Activity,
    BranchGroup,
    Company,
    ContactPerson,
    EngagementStatus,
    SmeClass,
    TriState,
    search_key,
)
from anett.core.audit import log_sensitive_access

from ..schemas import CompanyDetailOut, CompanyPage
from .common import REGISTER, PagingQuery, kreis_ref, page, require_role, responses

router = Router(tags=["Betriebe"])

NO_COMPANIES = "Betriebsdaten sind nur für Koordination, Beratung und Administration."


class CompanyFilter(Schema):
    q: str | None = Field(None, max_length=100, description="Name oder Ort")
    region: str | None = Field(None, description="Kurzname einer Region")
    kreis: str | None = Field(None, description="AGS des Kreises")
    branch_group: str | None = Field(None, description="Branchengruppe (Code)")
    sme_class: str | None = Field(None, description="KMU-Klasse (Code)")
    works_council: str | None = Field(None, description="Betriebsrat: yes, no, unknown")
    engagement_status: str | None = Field(None, description="Engagement (Code)")
    sort: str | None = Field(None, description="Sortierung: " + ", ".join(SORTS))


def _check(value, choices, field):
    if value is not None and value not in {c for c, _l in choices}:
        raise HttpError(422, f"Unbekannter Wert für „{field}“: {value}")
    return value


def list_dict(c: Company, openable: set[int]) -> dict:
    return {
        "id": c.pk,
        "name": c.name,
        "legal_form": c.legal_form,
        "postcode": c.postcode,
        "city": c.city,
        "kreis": kreis_ref(c.kreis),
        "wz_code": c.wz_code,
        "branch_group": c.branch_group,
        "employees_site": c.employees_site,
        "sme_class": c.sme_class,
        "works_council": c.works_council,
        "engagement_status": c.engagement_status,
        "stage": c.stage,
        "priority_score": c.priority_score,
        "is_demo": c.is_demo,
        "can_open": c.pk in openable,
    }


@router.get("/companies", response=responses(CompanyPage, 403, 422), summary="Betriebe")
def companies(request, filters: Query[CompanyFilter], paging: PagingQuery):
    """The register list with the filters of the page “Betriebe”; `can_open` tells whether
    the user may open the firm (Beratung: only assigned firms)."""
    require_role(request, REGISTER, NO_COMPANIES)
    user = request.user
    qs = Company.objects.for_list(user).select_related("kreis")
    if filters.q:
        for word in search_key(filters.q).split():
            qs = qs.filter(search_text__contains=word)
    if filters.region:
        from anett.regions.models import Kreis

        qs = qs.filter(
            kreis_id__in=list(
                Kreis.objects.filter(regions__slug=filters.region).values_list("id", flat=True)
            )
        )
    if filters.kreis:
        qs = qs.filter(kreis__ags=filters.kreis)
    if _check(filters.branch_group, BranchGroup.choices, "branch_group"):
        qs = qs.filter(branch_group=filters.branch_group)
    if _check(filters.sme_class, SmeClass.choices, "sme_class"):
        qs = qs.filter(sme_class=filters.sme_class)
    if _check(filters.works_council, TriState.choices, "works_council"):
        qs = qs.filter(works_council=filters.works_council)
    if _check(filters.engagement_status, EngagementStatus.choices, "engagement_status"):
        qs = qs.filter(engagement_status=filters.engagement_status)
    if filters.sort is not None and filters.sort not in SORTS:
        raise HttpError(422, f"Unbekannte Sortierung „{filters.sort}“.")
    qs = qs.order_by(*SORTS[filters.sort or "name"])
    result = page(qs, paging, lambda c: c)
    rows = result["items"]
    ids = [c.pk for c in rows]
    if user.can_see_all_details:
        openable = set(ids)
    else:
        openable = set(
            Company.objects.for_detail(user).filter(pk__in=ids).values_list("pk", flat=True)
        )
    result["items"] = [list_dict(c, openable) for c in rows]
    return result


def _int(value):
    return int(value) if value is not None else None


@router.get(
    "/companies/{company_id}",
    response=responses(CompanyDetailOut, 403, 404),
    summary="Ein Betrieb",
)
def company(request, company_id: int):
    """A firm in full, as on its page: contacts (Art. 9 fields only for Koordination and
    Administration, logged), activities, advisers. 403 for firms not assigned to a
    Beratung user and for partners."""
    require_role(request, REGISTER, NO_COMPANIES)
    user = request.user
    if not Company.objects.for_list(user).filter(pk=company_id).exists():
        raise HttpError(404, "Betrieb nicht gefunden.")
    try:
        c = (
            Company.objects.for_detail(user)
            .select_related("kreis")
            .prefetch_related(
                "kreis__regions",
                "advisers",
                "contacts",
                Prefetch("activities", queryset=Activity.objects.select_related("user")),
            )
            .get(pk=company_id)
        )
    except Company.DoesNotExist:
        raise HttpError(403, "Nicht erlaubt: dieser Betrieb ist Ihnen nicht zugeordnet.") from None
    contacts = list(c.contacts.all())
    sensitive = user.can_see_sensitive
    if sensitive and contacts:
        log_sensitive_access(request, contacts, ContactPerson.SENSITIVE_FIELDS)
    data = list_dict(c, {c.pk})
    data.update(
        {
            "street": c.street,
            "wz_title": c.wz_title,
            "employees_enterprise": c.employees_enterprise,
            "turnover_eur": _int(c.turnover_eur),
            "balance_sheet_eur": _int(c.balance_sheet_eur),
            "collective_agreement": c.collective_agreement,
            "union_scope": c.effective_union_scope,
            "website": c.website,
            "phone": c.phone,
            "notes": c.notes,
            "sources": c.sources,
            "advisers": [a.get_full_name() or a.username for a in c.advisers.all()],
            "regions": [r.slug for r in c.kreis.regions.all()] if c.kreis else [],
            "contacts": [
                {
                    "id": p.pk,
                    "first_name": p.first_name,
                    "last_name": p.last_name,
                    "function": p.function,
                    "email": p.email,
                    "phone": p.phone,
                    "consent_purpose": p.consent_purpose,
                    "consent_date": p.consent_date,
                    "sensitive": (
                        {
                            "works_council_member": p.works_council_member,
                            "union_membership": p.union_membership,
                        }
                        if sensitive
                        else None
                    ),
                }
                for p in contacts
            ],
            "activities": [
                {
                    "id": a.pk,
                    "kind": a.kind,
                    "date": a.date,
                    "outcome": a.outcome,
                    "note": a.note,
                    "next_step": a.next_step,
                    "due_date": a.due_date,
                    "done": a.done,
                    "user": a.user.get_full_name() or a.user.username,
                }
                for a in c.activities.all()
            ],
            "created_at": c.created_at,
            "updated_at": c.updated_at,
        }
    )
    return data
