"""Insights of the partner network (`anett.partners`) and the key figures of the reports
(`anett.reports`), both exactly as the user sees them in the UI: insights through
`Insight.objects.visible_to(user)`, figures from `reports.services`, which hide cells of
fewer than five firms for partners."""

from django.db.models import Q
from django.http import Http404
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from anett.companies.models import BranchGroup

from ..schemas import FiguresByKreisOut, InsightDetailOut, InsightPage, KeyFiguresOut
from .common import PagingQuery, kreis_ref, page, responses

router = Router(tags=["Erkenntnisse und Kennzahlen"])


def insight_dict(i, *, body: bool = False) -> dict:
    data = {
        "id": i.pk,
        "title": i.title,
        "summary": i.summary,
        "kind": i.kind,
        "kind_label": str(i.get_kind_display()),
        "topics": list(i.topics),
        "branch_groups": list(i.branch_groups),
        "regions": [r.slug for r in i.regions.all()],
        "kreise": [kreis_ref(k) for k in i.kreise.all()],
        "status": i.status,
        "published_at": i.published_at,
    }
    if body:
        data["body"] = i.body
        data["body_html"] = str(i.body_html())
    return data


def _insights(request):
    from anett.partners.models import Insight

    return Insight.objects.visible_to(request.user).prefetch_related("regions", "kreise")


class InsightFilter(Schema):
    topic: str | None = Field(None, max_length=40, description="Thema (Code)")
    region: str | None = Field(None, max_length=120, description="Kurzname einer Region")
    kind: str | None = Field(None, max_length=40, description="Art der Erkenntnis (Code)")
    branch_group: str | None = Field(None, max_length=20, description="Branchengruppe (Code)")
    q: str | None = Field(None, max_length=100, description="Wörter in Titel oder Text")


@router.get("/insights", response=responses(InsightPage, 422), summary="Erkenntnisse")
def insights(request, filters: Query[InsightFilter], paging: PagingQuery):
    """Insights the user may read: partners the published ones meant for them, Beratung the
    published ones, Koordination and Administration all (also drafts), newest first."""
    from anett.companies.models import search_key

    qs = _insights(request).order_by("-published_at", "-created_at", "-id")
    if filters.topic:
        qs = qs.filter(topics__has=filters.topic)
    if filters.branch_group:
        qs = qs.filter(branch_groups__has=filters.branch_group)
    if filters.region:
        qs = qs.filter(regions__slug=filters.region).distinct()
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.q:
        for word in search_key(filters.q).split():
            qs = qs.filter(Q(search_text__contains=word))
    return page(qs, paging, insight_dict)


@router.get(
    "/insights/{insight_id}", response=responses(InsightDetailOut, 404), summary="Eine Erkenntnis"
)
def insight(request, insight_id: int):
    i = _insights(request).filter(pk=insight_id).first()
    if i is None:
        raise Http404
    return insight_dict(i, body=True)


class FigureFilter(Schema):
    region: str | None = Field(
        None, max_length=120, description="Kurzname einer Region (ohne: die Pilotregion)"
    )
    kreis: str | None = Field(None, max_length=5, description="AGS eines Kreises der Region")
    period: str | None = Field(None, max_length=10, description="Zeitraum: 2026 oder 2026-Q1")
    branch_group: str | None = Field(None, max_length=20, description="Branchengruppe (Code)")


def _call(fn, *args, **kwargs):
    from anett.regions.models import Region

    group = kwargs.get("branch_group")
    if group is not None and group not in {c for c, _l in BranchGroup.choices}:
        raise HttpError(422, f"Unbekannte Branchengruppe „{group}“.")
    try:
        return fn(*args, **kwargs)
    except Region.DoesNotExist:
        raise HttpError(404, f"Region „{kwargs.get('region')}“ nicht gefunden.") from None
    except ValueError as exc:
        raise HttpError(
            422, f"Ungültige Angabe: {exc} (Zeitraum als 2026 oder 2026-Q1, Kreis der Region)."
        ) from None


@router.get(
    "/figures", response=responses(KeyFiguresOut, 404, 422), summary="Kennzahlen einer Region"
)
def figures(request, filters: Query[FigureFilter]):
    """Every indicator of a region or one of its Kreise, as on the dashboard. For partners,
    cells of fewer than five firms are hidden (`value` null, `hidden` "small")."""
    from anett.reports import services

    return _call(
        services.key_figures,
        request.user,
        region=filters.region,
        kreis=filters.kreis,
        period=filters.period,
        branch_group=filters.branch_group,
    )


@router.get(
    "/figures/{figure_id}/kreise",
    response=responses(FiguresByKreisOut, 404, 422),
    summary="Eine Kennzahl je Kreis",
)
def figures_by_kreis(
    request,
    figure_id: str,
    region: str | None = None,
    period: str | None = None,
    branch_group: str | None = None,
):
    """One indicator for each Kreis of the region, with the map classes (suppressed as on
    the map for partners)."""
    from anett.reports import indicators, services

    if figure_id not in indicators.BY_ID:
        raise HttpError(404, f"Kennzahl „{figure_id}“ gibt es nicht.")
    data = _call(
        services.figures_by_kreis,
        request.user,
        figure_id,
        region=region,
        period=period,
        branch_group=branch_group,
    )
    for row in data["kreise"].values():
        row["map_class"] = row.pop("class", None)
    return data
