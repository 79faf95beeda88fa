"""Dashboard and report figures from the database: a few grouped queries per scope, turned
into figures by `indicators` (plain Python).

Contract for other apps (JSON API, transfer pack):
- `key_figures(user, *, region=None, kreis=None, period=None)` -> plain JSON-serialisable dict
- `figures_by_kreis(user, figure_id, *, region=None)` -> figures per district (AGS)
Both are suppressed for partners (`core.disclosure`, `indicators.protect`).

Aggregates of a scope (districts, period) are cached per process and per data version
(`data_version`: counts and last ids of the tables the figures read); any recorded change
moves the version, so a cached figure is never older than the data. The activity figures are
kept up to date firm by firm (`activity_index`, see `activity_figures`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import CharField, Count, Q, Sum
from django.db.models.functions import Cast, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from anett.assessment.models import Need, Topic
from anett.companies.models import Activity, BranchGroup, BranchRule, Company
from anett.core import roles
from anett.core.disclosure import Hidden
from anett.funding.models import MeasureRecord
from anett.regions.models import Kreis, Region, RegionKind

from . import activity_index as ai
from . import indicators as ind

GROUPS = [code for code, _label in BranchGroup.choices]
SERIES_MONTHS = 24  # months shown without a chosen period


def suppressed_for(user) -> bool:
    """Partners (and anyone who is not a register role) see suppressed figures."""
    return getattr(user, "effective_role", None) not in roles.REGISTER_ROLES


# --- scope --------------------------------------------------------------------------------


def default_region() -> Region | None:
    return (
        Region.objects.filter(slug="pilotregion").first()
        or Region.objects.filter(kind=RegionKind.PILOT).order_by("name").first()
        or Region.objects.order_by("kind", "name").first()
    )


def resolve_region(region) -> Region | None:
    if region is None or region == "":
        return default_region()
    if isinstance(region, Region):
        return region
    return Region.objects.get(slug=str(region))


def resolve_period(period) -> ind.Period | None:
    if period is None or period == "":
        return None
    if isinstance(period, ind.Period):
        return period
    if isinstance(period, tuple | list):
        return ind.Period(period[0], period[1])
    return ind.parse_period(str(period))


def region_kreise(region: Region | None) -> list[Kreis]:
    if region is None:
        return []
    return list(region.kreise.order_by("name").only("id", "ags", "name"))


# --- data version and cache ---------------------------------------------------------------


SOURCES = ("company", "activity", "need", "measure", "referral")


def data_version() -> dict:
    """Version of each source of the figures: counts and last ids of its table, the last
    change of measures and referrals, the last change-history ids (saves and deletions
    through the app write one; bulk inserts change the counts). One query. A cached
    aggregate is keyed by the versions of the sources it reads, so a new activity does not
    recompute the figures of measures, and nothing cached is older than its data."""
    from django.db import connection

    from anett.network.models import Referral

    q = connection.ops.quote_name
    layout = {
        "company": (
            (Company, ("COUNT(*)", "MAX(id)")),
            (Company.history.model, ("MAX(history_id)",)),
            (BranchRule.history.model, ("MAX(history_id)",)),
        ),
        "activity": (
            (Activity, ("COUNT(*)", "MAX(id)")),
            (Activity.history.model, ("MAX(history_id)",)),
        ),
        "need": ((Need, ("COUNT(*)", "MAX(id)")), (Need.history.model, ("MAX(history_id)",))),
        "measure": ((MeasureRecord, ("COUNT(*)", "MAX(id)", "MAX(updated_at)")),),
        "referral": ((Referral, ("COUNT(*)", "MAX(id)", "MAX(updated_at)")),),
    }
    parts, sizes = [], []
    for source in SOURCES:
        n = 0
        for model, fields in layout[source]:
            table = q(model._meta.db_table)
            parts += [f"(SELECT {f} FROM {table})" for f in fields]
            n += len(fields)
        sizes.append(n)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = [str(v) for v in cursor.fetchone()]
    out, k = {}, 0
    for source, n in zip(SOURCES, sizes, strict=True):
        out[source] = tuple(row[k : k + n])
        k += n
    out["day"] = timezone.localdate()
    return out


def _key(version: dict, *sources) -> tuple:
    return tuple(version[s] for s in ("company", *sources))


# Inside a transaction a figure may stem from rows that are rolled back later, and after a
# rollback SQLite reuses ids, so the same version could then describe other rows: aggregates
# computed inside an atomic block are not cached (web requests run in autocommit; the test
# suite runs each test in a transaction, so other apps' tests never share cached figures).
# The reports tests switch this on to exercise the cache as production uses it.
CACHE_IN_TRANSACTIONS = False


class _Cache:
    """A small LRU of aggregates; keys carry the versions of the sources they read."""

    def __init__(self, size: int = 160):
        self.size = size
        self.items: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, compute):
        from django.db import connection

        if connection.in_atomic_block and not CACHE_IN_TRANSACTIONS:
            return compute()
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        value = compute()
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value

    def clear(self):
        with self.lock:
            self.items.clear()


_cache = _Cache()


def forget_cache() -> None:
    """Drop cached aggregates (tests; after raw SQL changes that bypass the ORM)."""
    global _index
    _cache.clear()
    with _index_lock:
        _index = None


# --- aggregation ----------------------------------------------------------------------------


def _day_range(period: ind.Period):
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(period.start, time.min), tz)
    end = timezone.make_aware(datetime.combine(period.end + timedelta(days=1), time.min), tz)
    return start, end


def reached_ids(period: ind.Period | None = None):
    qs = Activity.objects.filter(outcome__in=ind.ANSWERED_OUTCOMES)
    if period:
        qs = qs.filter(date__range=(period.start, period.end))
    return qs.values("company_id")


def advised_ids(period: ind.Period | None = None):
    qs = Activity.objects.filter(kind__in=ind.ADVICE_KINDS, outcome__in=ind.ADVICE_OUTCOMES)
    if period:
        qs = qs.filter(date__range=(period.start, period.end))
    return qs.values("company_id")


def need_ids(period: ind.Period | None = None, threshold: int = ind.NEED_THRESHOLD):
    qs = Need.objects.filter(current=True, level__gte=threshold)
    if period:
        qs = qs.filter(created_at__range=_day_range(period))
    return qs.values("company_id")


def referred_ids(period: ind.Period | None = None):
    from anett.network.models import Referral

    qs = Referral.objects.filter(sent_at__isnull=False)
    if period:
        qs = qs.filter(sent_at__range=_day_range(period))
    return qs.values("company_id")


def measures(period: ind.Period | None = None):
    qs = MeasureRecord.objects.filter(status__in=ind.MEASURE_STATUSES)
    if period:
        qs = qs.filter(start__range=(period.start, period.end))
    return qs


def aggregate(period: ind.Period | None, version: dict | None = None) -> dict:
    """Base figures of every district per (kreis_id, branch_group):
    {indicator_id: {(kreis_id, group): value}}. The activity figures come from the
    ActivityIndex (kept up to date by delta), the others from grouped queries over the whole
    register, cached per source; a region is a slice of it (one computation serves every
    region and branch group of a data version and period). The conditions are
    `id IN (subquery)`, which the databases drive from the (smaller) subquery."""
    version = version or data_version()
    out: dict[str, dict] = {i: {} for i in ind.BASE_IDS}
    out.update(activity_figures("totals", period, period, version))
    for sources, part in (
        ((), _agg_identified),
        (("need",), _agg_needs),
        (("referral",), _agg_referrals),
        (("measure",), _agg_measures),
    ):
        key = ("agg", part.__name__, period, _key(version, *sources))
        for ind_id, cells in _cache.get(key, lambda part=part: part(period)).items():
            out[ind_id] = cells
    return out


KEYS = ("kreis_id", "branch_group")


def _agg_identified(period) -> dict:
    qs = Company.objects.all()
    if period:
        qs = qs.filter(created_at__lt=_day_range(period)[1])
    return {
        "identified": {
            (k, g): n for k, g, n in qs.values_list(*KEYS).annotate(n=Count("id")).order_by()
        }
    }


# --- activity figures, kept up to date firm by firm ----------------------------------------

# The activity figures (reached, advised, by month) count distinct firms; recounting them over
# every activity after each new one costs a pass over the table. The `ActivityIndex` keeps
# per firm the days with a counted activity; when the data version moves, only the firms
# touched since are read again (new activity and firm ids, change-history rows: saves and
# deletions through the app). A change of the branch rules (reclassification updates firms
# without history rows) rebuilds it.
DELTA_LIMIT = 2000  # more firms touched than this: rebuilding is cheaper than the delta
_index_lock = threading.Lock()
_index: tuple | None = None  # (company version, activity version, ActivityIndex)


def _answered() -> Q:
    return Q(outcome__in=ind.ANSWERED_OUTCOMES)


def _advice() -> Q:
    return Q(kind__in=ind.ADVICE_KINDS, outcome__in=ind.ADVICE_OUTCOMES)


def _load_firms(firm_ids=None) -> tuple[dict, dict]:
    """(firms, days) of the ActivityIndex: of all firms with a counted activity, or of the
    given firms only."""
    acts = Activity.objects.filter(_answered() | _advice())
    if firm_ids is None:
        firms_qs = Company.objects.filter(id__in=acts.values("company_id"))
    else:
        acts = acts.filter(company_id__in=firm_ids)
        firms_qs = Company.objects.filter(id__in=firm_ids)
    days = ai.firm_days(
        acts.annotate(day=Cast("date", CharField()))
        .values_list("company_id", "day", "kind", "outcome")
        .order_by(),
        set(ind.ANSWERED_OUTCOMES),
        set(ind.ADVICE_KINDS),
        set(ind.ADVICE_OUTCOMES),
    )
    sme = set(ind.SME_CLASSES)
    firms = {
        i: ai.Firm(k, g, emp or 0, s in sme, wc == "no")
        for i, k, g, emp, s, wc in firms_qs.values_list(
            "id", "kreis_id", "branch_group", "employees_site", "sme_class", "works_council"
        ).order_by()
    }
    return firms, days


def _as_int(text: str) -> int:
    return int(text) if text not in ("None", "") else 0


def _touched_firms(activity_version: tuple) -> set[int]:
    """Firms with an activity recorded, changed or deleted since `activity_version` (of a
    changed activity every firm it ever belonged to, in case it was moved)."""
    _count, last_id, last_history = activity_version
    new = Activity.objects.filter(id__gt=_as_int(last_id)).values_list("company_id").order_by()
    changed_ids = Activity.history.filter(history_id__gt=_as_int(last_history)).values("id")
    changed = (
        Activity.history.filter(id__in=changed_ids.order_by()).values_list("company_id").order_by()
    )
    return {c for (c,) in new.union(changed)}


def _touched_companies(company_version: tuple) -> set[int]:
    """Firms created, changed or deleted since `company_version`."""
    _count, last_id, last_history, _rules = company_version
    new = Company.objects.filter(id__gt=_as_int(last_id)).values_list("id").order_by()
    changed = (
        Company.history.filter(history_id__gt=_as_int(last_history)).values_list("id").order_by()
    )
    return {c for (c,) in new.union(changed)}


def _activity_index(version: dict) -> ai.ActivityIndex:
    """The index of this data version (call with `_index_lock` held): brought up to date by
    delta from the version it was built for, rebuilt when the branch rules changed or too many
    firms were touched."""
    global _index
    company, activity = version["company"], version["activity"]
    index = None
    if _index is not None and _index[0][3] == company[3]:
        old_company, old_activity, index = _index
        touched = set()
        if old_company != company:
            touched |= _touched_companies(old_company)
        if old_activity != activity:
            touched |= _touched_firms(old_activity)
        if len(touched) > DELTA_LIMIT:
            index = None
        elif touched:
            firms, days = _load_firms(touched)
            index.update(firms, days, touched)
    if index is None:
        index = ai.ActivityIndex(*_load_firms())
    _index = (company, activity, index)
    return index


def activity_figures(kind: str, start, end, version: dict) -> dict:
    """'totals' of a period (start and end: the Period or None) or 'months' of [start, end]
    from the ActivityIndex (see there for the format)."""
    from django.db import connection

    if isinstance(start, ind.Period):
        start, end = start.start, start.end
    if connection.in_atomic_block and not CACHE_IN_TRANSACTIONS:
        return ai.ActivityIndex(*_load_firms()).figures(kind, start, end)
    with _index_lock:
        return _activity_index(version).figures(kind, start, end)


def _agg_activities(period) -> dict:
    """The totals of `activity_figures` computed directly in SQL (the tests check the index
    against it)."""
    out = {
        i: {} for i in ("reached", "employees_reached", "sme_reached", "no_wc_reached", "advised")
    }
    rows = (
        Company.objects.filter(id__in=reached_ids(period))
        .values_list(*KEYS)
        .annotate(
            n=Count("id"),
            emp=Sum("employees_site"),
            sme=Count("id", filter=Q(sme_class__in=ind.SME_CLASSES)),
            nowc=Count("id", filter=Q(works_council="no")),
        )
        .order_by()
    )
    for k, g, n, emp, sme, nowc in rows:
        out["reached"][(k, g)] = n
        out["employees_reached"][(k, g)] = emp or 0
        out["sme_reached"][(k, g)] = sme
        out["no_wc_reached"][(k, g)] = nowc
    out["advised"] = _firms_in(advised_ids(period))
    return out


def _firms_in(ids) -> dict:
    return {
        (k, g): n
        for k, g, n in Company.objects.filter(id__in=ids)
        .values_list(*KEYS)
        .annotate(n=Count("id"))
        .order_by()
    }


def _agg_needs(period) -> dict:
    return {"with_need": _firms_in(need_ids(period))}


def _agg_referrals(period) -> dict:
    return {"referred": _firms_in(referred_ids(period))}


def _agg_measures(period) -> dict:
    out = {
        i: {}
        for i in (
            "with_measure",
            "measures",
            "participants",
            "employed_after_6_months",
            "funding_applied",
            "funding_granted",
        )
    }
    rows = (
        measures(period)
        .values_list("company__kreis_id", "company__branch_group")
        .annotate(
            firms=Count("company_id", distinct=True),
            n=Count("id"),
            participants=Sum("participants"),
            employed=Sum("employed_after_6_months"),
            applied=Sum("funding_applied_eur"),
            granted=Sum("funding_granted_eur"),
        )
        .order_by()
    )
    for k, g, n_firms, n, part, employed, applied, granted in rows:
        out["with_measure"][(k, g)] = n_firms
        out["measures"][(k, g)] = n
        out["participants"][(k, g)] = part or 0
        out["employed_after_6_months"][(k, g)] = employed or 0
        out["funding_applied"][(k, g)] = float(applied or 0)
        out["funding_granted"][(k, g)] = float(granted or 0)
    return out


def _series_range(period: ind.Period | None, today: date) -> tuple[date, date]:
    if period:
        return period.start, period.end
    months = ind.months_between(date(today.year - 3, 1, 1), today)[-SERIES_MONTHS:]
    return months[0], today


def _activity_months(start: date, end: date) -> list[tuple]:
    """The months of `activity_figures` computed directly in SQL (the tests check the index
    against it): (month 'YYYY-MM', kreis_id, branch_group, firms reached, firms advised) of every
    district: one pass over the activities of the range. The month is taken from the ISO text
    of the date (`SUBSTR(CAST(date AS text), 1, 7)`, native on SQLite and PostgreSQL;
    TruncMonth would call a Python function per row on SQLite)."""
    answered = Q(outcome__in=ind.ANSWERED_OUTCOMES)
    advice = Q(kind__in=ind.ADVICE_KINDS, outcome__in=ind.ADVICE_OUTCOMES)
    return list(
        Activity.objects.filter(date__range=(start, end))
        .filter(answered | advice)
        .annotate(m=Substr(Cast("date", CharField()), 1, 7))
        .values_list("m", "company__kreis_id", "company__branch_group")
        .annotate(
            reached=Count("company_id", distinct=True, filter=answered),
            advised=Count("company_id", distinct=True, filter=advice),
        )
        .order_by()
    )


def series_all(period: ind.Period | None, today: date, version: dict | None = None) -> dict:
    """Firms per month and district × branch group (distinct within the month) for reached,
    advised and with a measure. A firm lies in one district, so the counts of districts add
    up to the region's. Cached per source (activities, measures)."""
    version = version or data_version()
    start, end = _series_range(period, today)
    months = ind.months_between(start, end)
    start = months[0]

    def measure_starts():
        rows = (
            MeasureRecord.objects.filter(status__in=ind.MEASURE_STATUSES, start__range=(start, end))
            .annotate(m=Substr(Cast("start", CharField()), 1, 7))
            .values_list("m", "company__kreis_id", "company__branch_group")
            .annotate(n=Count("company_id", distinct=True))
            .order_by()
        )
        return {"with_measure": {(m, k, g): n for m, k, g, n in rows}}

    out = {"months": months}
    out.update(activity_figures("months", start, end, version))
    out.update(_cache.get(("series-m", start, end, _key(version, "measure")), measure_starts))
    return out


def series_counts(
    kreis_ids: list[int], group: str | None, period: ind.Period | None, today: date, version=None
) -> dict:
    """The monthly series of a region (and branch group), from `series_all` (cached)."""
    data = series_all(period, today, version)
    return slice_series(data, kreis_ids, group)


def slice_series(data: dict, kreis_ids, group: str | None) -> dict:
    wanted = set(kreis_ids)
    keys = [m.strftime("%Y-%m") for m in data["months"]]
    out = {"months": data["months"]}
    for ind_id in ind.SERIES_IDS:
        sums = dict.fromkeys(keys, 0)
        for (m, k, g), n in data[ind_id].items():
            if k in wanted and (not group or g == group) and m in sums:
                sums[m] += n
        out[ind_id] = [sums[k] for k in keys]
    return out


def need_all(period: ind.Period | None, threshold: int) -> dict:
    qs = Need.objects.filter(current=True, level__gte=threshold)
    if period:
        qs = qs.filter(created_at__range=_day_range(period))
    return {
        (t, k, g): n
        for t, k, g, n in qs.values_list("topic", "company__kreis_id", "company__branch_group")
        .annotate(n=Count("company_id", distinct=True))
        .order_by()
    }


def need_counts(
    kreis_ids: list[int],
    group: str | None,
    period: ind.Period | None,
    threshold: int,
    version=None,
) -> dict[str, int]:
    """Firms with a current need ≥ threshold per topic in a region (and branch group)."""
    version = version or data_version()
    data = _cache.get(
        ("needs-all", period, threshold, _key(version, "need")),
        lambda: need_all(period, threshold),
    )
    wanted = set(kreis_ids)
    counts = dict.fromkeys((t for t, _label in Topic.choices), 0)
    for (t, k, g), n in data.items():
        if k in wanted and (not group or g == group) and t in counts:
            counts[t] += n
    return counts


# --- scope figures ----------------------------------------------------------------------------


@dataclass
class Scope:
    region: Region | None
    kreise: list[Kreis]
    period: ind.Period | None
    group: str | None
    suppressed: bool
    tables: ind.Tables
    version: dict | None = None


def scope(user, *, region=None, period=None, group=None, suppress: bool | None = None) -> Scope:
    region = resolve_region(region)
    period = resolve_period(period)
    if group and group not in GROUPS:
        raise ValueError(group)
    kreise = region_kreise(region)
    ids = [k.id for k in kreise]
    suppressed = suppressed_for(user) if suppress is None else suppress
    version = data_version()
    tables = _cache.get(
        ("tables", tuple(ids), period, suppressed, _key(version, *SOURCES[1:])),
        lambda: ind.build_tables(ids, GROUPS, aggregate(period, version), suppressed),
    )
    return Scope(region, kreise, period, group or None, suppressed, tables, version)


def cell_json(value, unit: str) -> dict:
    hidden = value.reason if isinstance(value, Hidden) else None
    number = None if hidden or value is None else value
    if isinstance(number, float) and unit != ind.SHARE:
        number = round(number, 2)
    return {"value": number, "display": ind.display(value, unit), "hidden": hidden}


def indicator_json(i: ind.Indicator) -> dict:
    return {
        "id": i.id,
        "label": _(i.label),
        "unit": i.unit,
        "section": i.section,
        "description": _(i.description),
    }


def _period_json(period: ind.Period | None):
    if not period:
        return None
    return {"from": period.start.isoformat(), "to": period.end.isoformat(), "label": period.label}


def key_figures(
    user, *, region=None, kreis=None, period=None, branch_group=None, suppress=None
) -> dict:
    """Every indicator of a region (or one of its districts), JSON-serialisable; suppressed
    when `user` is a partner. `kreis`: a Kreis or its AGS; `period`: Period, (from, to),
    '2025' or '2025-Q3'; `branch_group`: a BranchGroup code."""
    sc = scope(user, region=region, period=period, group=branch_group, suppress=suppress)
    row = None
    kreis_json = None
    if kreis is not None:
        ags = kreis.ags if isinstance(kreis, Kreis) else str(kreis)
        match = next((k for k in sc.kreise if k.ags == ags), None)
        if match is None:
            raise ValueError(f"district {ags} is not part of the region")
        row, kreis_json = match.id, {"ags": match.ags, "name": match.name}
    figures = {}
    for i in ind.INDICATORS:
        value = sc.tables.value(i.id, row, sc.group)
        figures[i.id] = {**indicator_json(i), **cell_json(value, i.unit)}
    return {
        "region": {"slug": sc.region.slug, "name": sc.region.name} if sc.region else None,
        "kreis": kreis_json,
        "period": _period_json(sc.period),
        "branch_group": sc.group,
        "suppressed": sc.suppressed,
        "figures": figures,
    }


def figures_by_kreis(
    user, figure_id: str, *, region=None, period=None, branch_group=None, suppress=None
) -> dict:
    """One indicator per district of the region, keyed by AGS, with map classes."""
    if figure_id not in ind.BY_ID:
        raise ValueError(figure_id)
    i = ind.BY_ID[figure_id]
    sc = scope(user, region=region, period=period, group=branch_group, suppress=suppress)
    values = {k.ags: sc.tables.value(figure_id, k.id, sc.group) for k in sc.kreise}
    breaks = ind.class_breaks(values.values())
    legend = ind.legend(breaks, i.unit)
    kreise = {}
    for k in sc.kreise:
        v = values[k.ags]
        cls = ind.classify(v, breaks)
        kreise[k.ags] = {
            "name": k.name,
            **cell_json(v, i.unit),
            "class": cls,
            "colour": legend[cls]["colour"] if cls is not None else None,
        }
    return {
        "figure": indicator_json(i),
        "region": {"slug": sc.region.slug, "name": sc.region.name} if sc.region else None,
        "period": _period_json(sc.period),
        "branch_group": sc.group,
        "suppressed": sc.suppressed,
        "legend": legend,
        "kreise": kreise,
    }


# --- dashboard ---------------------------------------------------------------------------------

TABLE_IDS = (
    "identified",
    "reached",
    "advised",
    "with_measure",
    "employees_reached",
    "participants",
    "funding_granted",
    "sme_share",
    "no_wc_share",
)


def dashboard(user, *, region=None, period=None, group=None, need_threshold=None) -> dict:
    """Everything the dashboard page, its XLSX export and the report show."""
    sc = scope(user, region=region, period=period, group=group)
    return dashboard_of(sc, need_threshold=need_threshold)


def dashboard_of(sc: Scope, *, need_threshold=None) -> dict:
    t = sc.tables
    threshold = need_threshold or ind.NEED_THRESHOLD
    ids = [k.id for k in sc.kreise]
    today = timezone.localdate()
    series = series_counts(ids, sc.group, sc.period, today, sc.version)
    needs = need_counts(ids, sc.group, sc.period, threshold, sc.version)
    table_inds = [ind.BY_ID[i] for i in TABLE_IDS]
    tiles = [
        {"indicator": ind.BY_ID[i], **cell_json(t.value(i, None, sc.group), ind.BY_ID[i].unit)}
        for i in ind.TILE_IDS
    ]
    kreis_rows = [
        {
            "kreis": k,
            "cells": [cell_json(t.value(i.id, k.id, sc.group), i.unit) for i in table_inds],
        }
        for k in sc.kreise
    ]
    kreis_total = [cell_json(t.value(i.id, None, sc.group), i.unit) for i in table_inds]
    group_rows = [
        {
            "code": g,
            "label": label,
            "cells": [cell_json(t.value(i.id, None, g), i.unit) for i in table_inds],
        }
        for g, label in BranchGroup.choices
    ]
    group_total = [cell_json(t.value(i.id, None, None), i.unit) for i in table_inds]
    funnel = [
        {"indicator": ind.BY_ID[i], **cell_json(t.value(i, None, sc.group), ind.COUNT)}
        for i in ind.FUNNEL_IDS
    ]
    series_rows = {
        i: [ind.primary_only(v, sc.suppressed) for v in series[i]] for i in ind.SERIES_IDS
    }
    need_rows = [
        {
            "topic": code,
            "label": label,
            **cell_json(ind.primary_only(needs[code], sc.suppressed), ind.COUNT),
        }
        for code, label in Topic.choices
    ]
    return {
        "scope": sc,
        "tiles": tiles,
        "table_indicators": table_inds,
        "kreis_rows": kreis_rows,
        "kreis_total": kreis_total,
        "group_rows": group_rows,
        "group_total": group_total,
        "funnel": funnel,
        "months": series["months"],
        "series": series_rows,
        "needs": need_rows,
        "need_threshold": threshold,
    }


def period_choices(today: date | None = None, years: int = 4) -> list[tuple[str, str]]:
    """Years and quarters of the last `years` years, newest first."""
    today = today or timezone.localdate()
    return [(c, ind.parse_period(c).label) for c in ind.period_codes(today.year - years + 1, today)]
