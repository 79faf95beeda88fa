"""Regions, Kreise, the branch mapping and the vocabularies: reference data every role sees
(the branch mapping: the register roles, as in the UI)."""

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field

from anett.companies.models import BranchGroup, BranchRule
from anett.regions.models import Kreis, Region

from ..schemas import BranchRuleOut, KreisOut, KreisPage, RegionOut, VocabulariesOut
from .common import REGISTER, PagingQuery, kreis_ref, page, require_role, responses

router = Router(tags=["Regionen und Stammdaten"])


def region_dict(region: Region) -> dict:
    return {
        "slug": region.slug,
        "name": region.name,
        "kind": region.kind,
        "kind_label": str(region.get_kind_display()),
        "description": region.description,
        "kreise": [kreis_ref(k) for k in region.kreise.all()],
    }


@router.get("/regions", response=responses(list[RegionOut]), summary="Regionen")
def regions(request):
    """Every configured region with its Kreise."""
    qs = Region.objects.prefetch_related("kreise").order_by("kind", "name")
    return [region_dict(r) for r in qs]


@router.get("/regions/{slug}", response=responses(RegionOut, 404), summary="Eine Region")
def region(request, slug: str):
    return region_dict(get_object_or_404(Region.objects.prefetch_related("kreise"), slug=slug))


class KreisFilter(Schema):
    region: str | None = Field(None, description="Kurzname einer Region (slug)")
    land: str | None = Field(None, description="Bundesland, z. B. Thüringen")
    active: bool | None = Field(None, description="nur heute bestehende Kreise")
    q: str | None = Field(None, max_length=100, description="Teil des Namens")


def kreis_dict(k: Kreis) -> dict:
    return {
        "ags": k.ags,
        "name": k.name,
        "kind": k.kind,
        "nuts3": k.nuts3,
        "land": k.land,
        "population": k.population,
        "area_km2": float(k.area_km2),
        "active": k.active,
        "merged_into": k.merged_into.ags if k.merged_into_id else None,
    }


@router.get("/kreise", response=responses(KreisPage, 422), summary="Kreise")
def kreise(request, filters: Query[KreisFilter], paging: PagingQuery):
    """All German districts (AGS, NUTS-3, population, area); filter by region or Land."""
    qs = Kreis.objects.select_related("merged_into").order_by("ags")
    if filters.region:
        qs = qs.filter(regions__slug=filters.region)
    if filters.land:
        qs = qs.filter(land=filters.land)
    if filters.active is not None:
        qs = qs.filter(active=filters.active)
    if filters.q:
        qs = qs.filter(name__icontains=filters.q)
    return page(qs, paging, kreis_dict)


@router.get("/kreise/{ags}", response=responses(KreisOut, 404), summary="Ein Kreis")
def kreis(request, ags: str):
    """One district by its AGS (five digits)."""
    return kreis_dict(get_object_or_404(Kreis.objects.select_related("merged_into"), ags=ags))


@router.get(
    "/branch-rules", response=responses(list[BranchRuleOut], 403), summary="Branchenzuordnung"
)
def branch_rules(request):
    """The WZ 2008 → branch group mapping (register roles, as the page “Branchenzuordnung”)."""
    require_role(request, REGISTER)
    return [
        {
            "prefix": r.prefix,
            "title": r.title,
            "branch_group": r.branch_group,
            "branch_group_label": str(r.get_branch_group_display()),
            "union_scope": r.union_scope,
            "note": r.note,
        }
        for r in BranchRule.objects.order_by("prefix")
    ]


def choices(items) -> list[dict]:
    return [{"code": str(code), "label": str(label)} for code, label in items]


@router.get("/vocabularies", response=responses(VocabulariesOut), summary="Wertelisten")
def vocabularies(request):
    """Codes and labels used in the other responses (topics, target groups, offer types …)."""
    from anett.assessment.models import Topic
    from anett.network import vocab

    return {
        "topics": choices(Topic.choices),
        "target_groups": choices(vocab.TARGET_GROUP_CHOICES),
        "offer_kinds": choices(vocab.OFFER_KIND_CHOICES),
        "formats": choices(vocab.FORMAT_CHOICES),
        "costs": choices(vocab.COST_CHOICES),
        "languages": choices(vocab.LANGUAGE_CHOICES),
        "actor_kinds": choices(vocab.ACTOR_KIND_CHOICES),
        "branch_groups": choices(BranchGroup.choices),
    }
