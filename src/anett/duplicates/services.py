"""Duplicate search, merge and undo: the ORM side of ``plan.py`` and ``anett.linkage``.

Merging moves every row that refers to the removed company to the surviving one,
found generically through ``Company``'s reverse relations (foreign keys of every app,
the through tables of many-to-many fields, hidden ones included; change-history tables
excepted). A row that would break a unique constraint at the survivor (the same adviser
twice, the same membership twice) is deleted instead and kept in the merge record.
Undo restores the removed company with its id and moves exactly the recorded rows back.
"""

from __future__ import annotations

import json
import logging
import time
from collections import defaultdict
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from anett.companies.models import Company
from anett.linkage.dedupe import DEFAULT_CANDIDATE_THRESHOLD, candidate_pairs

from . import plan
from .models import (
    CandidatePair,
    DuplicateSettings,
    MergeRecord,
    PairStatus,
    RunPhase,
    RunStatus,
    SearchRun,
)

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class MergeError(Exception):
    """A merge or undo that cannot be done; the message is for the user."""


# --------------------------------------------------------------------------- values


def _jsonable(values: dict) -> dict:
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def row_values(obj: models.Model) -> dict:
    """Every concrete field of a row as JSON-friendly values (attnames)."""
    return _jsonable({f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields})


def _from_json(model, values: dict) -> dict:
    out = {}
    for f in model._meta.concrete_fields:
        if f.attname in values:
            value = values[f.attname]
            out[f.attname] = value if value is None else f.to_python(value)
    return out


def company_values(company: Company) -> dict:
    """The mergeable field values of a company, as ``plan`` expects them."""
    return {f: getattr(company, f) for f in plan.MERGE_FIELDS}


def _fit(field: str, value):
    f = Company._meta.get_field("kreis" if field == "kreis_id" else field)
    limit = getattr(f, "max_length", None)
    if isinstance(value, str) and limit and len(value) > limit:
        cut = value[:limit]
        return cut.rsplit(", ", 1)[0] if field == "sources" and ", " in cut else cut
    return value


# --------------------------------------------------------------------------- relations


def company_relations() -> list[tuple[type[models.Model], models.ForeignKey]]:
    """(model, foreign key) of every row that refers to a company: reverse foreign keys
    and one-to-ones of all apps and the through tables of many-to-many fields (hidden
    relations included); without the change history and this app's own records."""
    out = []
    for rel in Company._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)):
            continue
        model = rel.related_model
        if hasattr(model, "instance_type"):  # a simple-history table
            continue
        if model._meta.app_label == "duplicates":
            continue
        out.append((model, rel.field))
    return out


def _unique_sets(model, fk) -> list[tuple[tuple[str, ...], Q | None]]:
    """The other columns (attnames) that are unique together with ``fk``."""
    meta = model._meta
    groups: list[tuple[tuple[str, ...], Q | None]] = []

    def attnames(names):
        return tuple(meta.get_field(n).attname for n in names)

    for names in meta.unique_together:
        groups.append((attnames(names), None))
    for c in meta.constraints:
        if isinstance(c, models.UniqueConstraint) and c.fields:
            groups.append((attnames(c.fields), c.condition))
    if fk.unique:
        groups.append(((fk.attname,), None))
    return [
        (tuple(n for n in names if n != fk.attname), cond)
        for names, cond in groups
        if fk.attname in names
    ]


def related_counts(company_ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    """Per company: (label, count) of every kind of related row it has."""
    out: dict[int, list[tuple[str, int]]] = {cid: [] for cid in company_ids}
    for model, fk in company_relations():
        counts = dict(
            model._default_manager.filter(**{f"{fk.attname}__in": company_ids})
            .values_list(fk.attname)
            .annotate(n=models.Count("pk"))
            .order_by()
        )
        label = _relation_label(model, fk)
        for cid in company_ids:
            if counts.get(cid):
                out[cid].append((label, counts[cid]))
    return out


def _relation_label(model, fk) -> str:
    if model._meta.auto_created:  # a many-to-many through table: name the field
        target = next(f for f in model._meta.fields if f.is_relation and f is not fk)
        m2m = next((f for f in Company._meta.many_to_many if f.remote_field.through is model), None)
        if m2m is not None:
            return str(m2m.verbose_name)
        return str(target.related_model._meta.verbose_name_plural)
    return str(model._meta.verbose_name_plural)


def related_total(company_id: int) -> int:
    return sum(n for _label, n in related_counts([company_id])[company_id])


# --------------------------------------------------------------------------- merge


def _reason(text: str) -> str:
    return text[:100]


def _stored(msgid: str, **params) -> str:
    """A text that is stored (history reason, notes): in the register's language, not
    in the language of whoever triggered the work."""
    with translation.override(settings.LANGUAGE_CODE):
        return _(msgid) % params if params else _(msgid)


def _history(model, ids, user, reason) -> None:
    """Change-history records for rows changed with update() (simple-history, if the
    model has a history)."""
    manager = getattr(model, "history", None)
    if manager is None or not ids:
        return
    objs = list(model._default_manager.filter(pk__in=ids))
    model.history.bulk_history_create(
        objs, update=True, default_user=user, default_change_reason=_reason(reason)
    )


def _move_rows(removed: Company, survivor: Company, user, reason: str):
    """Move every related row of ``removed`` to ``survivor``; returns (moved, dropped)."""
    moved, dropped = [], []
    for model, fk in company_relations():
        manager = model._default_manager
        ids = list(manager.filter(**{fk.attname: removed.pk}).values_list("pk", flat=True))
        if not ids:
            continue
        conflicts: set = set()
        for others, condition in _unique_sets(model, fk):
            mine = manager.filter(**{fk.attname: survivor.pk})
            theirs = manager.filter(pk__in=ids)
            if condition is not None:
                mine, theirs = mine.filter(condition), theirs.filter(condition)
            if not others:
                if mine.exists():
                    conflicts.update(theirs.values_list("pk", flat=True))
                continue
            taken = {tuple(v) for v in mine.values_list(*others)}
            for pk, *values in theirs.values_list("pk", *others):
                if None not in values and tuple(values) in taken:
                    conflicts.add(pk)
        label = model._meta.label
        if conflicts:
            rows = list(manager.filter(pk__in=conflicts))
            dropped.append({"model": label, "values": [row_values(r) for r in rows]})
            deleted, _per_model = manager.filter(pk__in=conflicts).delete()
            if deleted != len(rows):
                raise MergeError(
                    _(
                        "The records cannot be merged: a %(kind)s of the removed company "
                        "has linked data that would be lost. Please resolve it by hand."
                    )
                    % {"kind": model._meta.verbose_name}
                )
        move = [pk for pk in ids if pk not in conflicts]
        if move:
            manager.filter(pk__in=move).update(**{fk.attname: survivor.pk})
            _history(model, move, user, reason)
            moved.append({"model": label, "field": fk.attname, "ids": move})
    return moved, dropped


def _repoint_pairs(removed_id: int, survivor_id: int, merged_pair_id: int | None) -> list:
    """Open pairs of the removed firm now concern the survivor: re-point them (or mark
    them obsolete if the survivor has that pair already). Returns their former state."""
    before = []
    pairs = CandidatePair.objects.filter(
        Q(company_a_id=removed_id) | Q(company_b_id=removed_id),
        status__in=[PairStatus.OPEN, PairStatus.LATER],
    ).exclude(pk=merged_pair_id)
    for p in pairs:
        before.append({"id": p.pk, "a": p.company_a_id, "b": p.company_b_id, "status": p.status})
        other = p.company_b_id if p.company_a_id == removed_id else p.company_a_id
        a, b = plan.ordered(survivor_id, other)
        if other == survivor_id or CandidatePair.objects.filter(company_a_id=a, company_b_id=b):
            p.status = PairStatus.OBSOLETE
            p.save(update_fields=["status", "updated_at"])
        else:
            p.company_a_id, p.company_b_id = a, b
            p.save(update_fields=["company_a", "company_b", "updated_at"])
    return before


def recompute(company: Company) -> None:
    """Derived fields after rows moved: engagement status and outreach priority (branch
    group, SME class and search text follow on save)."""
    from anett.companies.services import recompute_engagement, refresh_priority

    recompute_engagement(company)
    refresh_priority(company)


def merge(
    pair: CandidatePair,
    survivor_id: int,
    *,
    choices: dict | None = None,
    user=None,
    automatic: bool = False,
    run: SearchRun | None = None,
) -> MergeRecord:
    """Merge the two companies of ``pair`` into ``survivor_id``, in one transaction."""
    bad = plan.validate_choices(choices or {})
    if bad:
        raise MergeError(_("Invalid choice for: %(fields)s") % {"fields": ", ".join(bad)})
    with transaction.atomic():
        pair = CandidatePair.objects.select_for_update().get(pk=pair.pk)
        if pair.status == PairStatus.MERGED:
            raise MergeError(_("These two records have already been merged."))
        if survivor_id not in (pair.company_a_id, pair.company_b_id):
            raise MergeError(_("The record to keep must be one of the pair."))
        removed_id = pair.company_b_id if survivor_id == pair.company_a_id else pair.company_a_id
        found = Company.objects.select_for_update().in_bulk([survivor_id, removed_id])
        if len(found) != 2:
            raise MergeError(_("One of the two companies no longer exists."))
        survivor, removed = found[survivor_id], found[removed_id]
        label = _stored(
            gettext_noop("From merged record #%(id)s (%(name)s):"), id=removed.pk, name=str(removed)
        )
        before = company_values(survivor)
        changes = plan.merged_values(before, company_values(removed), choices, other_label=label)
        how = _stored(gettext_noop("automatically merged") if automatic else gettext_noop("merged"))
        reason = _stored(
            gettext_noop("Duplicate #%(removed)s %(how)s into #%(survivor)s"),
            removed=removed.pk,
            how=how,
            survivor=survivor.pk,
        )
        snapshot = row_values(removed)
        moved, dropped = _move_rows(removed, survivor, user, reason)
        pairs_before = _repoint_pairs(removed.pk, survivor.pk, pair.pk)
        applied = {}
        for field, value in changes.items():
            value = _fit(field, value)
            applied[field] = [before[field], value]
            setattr(survivor, field, value)
        survivor._change_reason = _reason(reason)
        if user is not None:
            survivor._history_user = user
        survivor.save()
        removed._change_reason = _reason(reason)
        if user is not None:
            removed._history_user = user
        removed_name = str(removed)
        removed.delete()
        now = timezone.now()
        pair.status = PairStatus.MERGED
        pair.decided_by, pair.decided_at = user, now
        pair.save()
        record = MergeRecord.objects.create(
            pair=pair,
            survivor_id=survivor.pk,
            removed_id=removed_id,
            removed_name=removed_name[:300],
            snapshot=snapshot,
            survivor_changes=_jsonable(applied),
            moved=moved,
            dropped=dropped,
            pairs_before=pairs_before,
            automatic=automatic,
            run=run,
            merged_by=user,
        )
        recompute(survivor)
    return record


def undo(record: MergeRecord, user=None) -> list[str]:
    """Undo a merge in one transaction: restore the removed company with its id and
    values, move exactly the recorded rows back (those still at the survivor), restore
    deleted duplicate rows, the survivor's fields (where nobody changed them since) and
    the pairs. Returns notes on what could not be restored as it was."""
    with transaction.atomic():
        record = MergeRecord.objects.select_for_update().get(pk=record.pk)
        if record.undone_at is not None:
            raise MergeError(_("This merge has already been undone."))
        if Company.objects.filter(pk=record.removed_id).exists():
            raise MergeError(_("The company id of the removed record is in use again."))
        survivor = Company.objects.select_for_update().filter(pk=record.survivor_id).first()
        if survivor is None:
            later = MergeRecord.objects.filter(
                removed_id=record.survivor_id, undone_at__isnull=True
            ).first()
            if later is not None:
                raise MergeError(
                    _(
                        "The kept company was merged into another one since "
                        "(merge #%(merge)s). Undo that merge first."
                    )
                    % {"merge": later.pk}
                )
            raise MergeError(_("The kept company has been deleted since."))
        reason = _stored(
            gettext_noop("Merge #%(merge)s of #%(removed)s into #%(survivor)s undone"),
            merge=record.pk,
            removed=record.removed_id,
            survivor=record.survivor_id,
        )
        notes: list[str] = []
        values = _from_json(Company, record.snapshot)
        restored = Company(**values)
        restored._change_reason = _reason(reason)
        if user is not None:
            restored._history_user = user
        restored.save(force_insert=True)
        Company.objects.filter(pk=restored.pk).update(
            created_at=values["created_at"], updated_at=timezone.now()
        )
        for entry in record.dropped:
            model = apps.get_model(entry["model"])
            model._default_manager.bulk_create(
                [model(**_from_json(model, v)) for v in entry["values"]]
            )
        for entry in record.moved:
            model = apps.get_model(entry["model"])
            field = entry["field"]
            qs = model._default_manager.filter(pk__in=entry["ids"], **{field: survivor.pk})
            back = list(qs.values_list("pk", flat=True))
            qs.update(**{field: restored.pk})
            _history(model, back, user, reason)
            missing = len(entry["ids"]) - len(back)
            if missing:
                with translation.override(settings.LANGUAGE_CODE):
                    kind = str(model._meta.verbose_name_plural)
                notes.append(
                    _stored(
                        gettext_noop(
                            "%(n)s %(kind)s no longer at the kept company (deleted or moved since)."
                        ),
                        n=missing,
                        kind=kind,
                    )
                )
        changed = []
        current = row_values(survivor)
        for field, (old, new) in record.survivor_changes.items():
            if current.get(field) == new:
                setattr(survivor, field, _from_json(Company, {field: old}).get(field, old))
            else:
                name = "kreis" if field == "kreis_id" else field
                with translation.override(settings.LANGUAGE_CODE):
                    changed.append(str(Company._meta.get_field(name).verbose_name))
        if changed:
            notes.append(
                _stored(
                    gettext_noop("Changed since the merge and therefore kept: %(fields)s"),
                    fields=", ".join(changed),
                )
            )
        survivor._change_reason = _reason(reason)
        if user is not None:
            survivor._history_user = user
        survivor.save()
        for p in record.pairs_before:
            pair = CandidatePair.objects.filter(pk=p["id"]).first()
            if pair is None or pair.status in (PairStatus.MERGED, PairStatus.SEPARATE):
                continue
            clash = CandidatePair.objects.filter(company_a_id=p["a"], company_b_id=p["b"])
            if clash.exclude(pk=pair.pk).exists():
                continue
            pair.company_a_id, pair.company_b_id, pair.status = p["a"], p["b"], p["status"]
            pair.save()
        if record.pair_id:
            CandidatePair.objects.filter(pk=record.pair_id).update(
                status=PairStatus.OPEN, decided_by=user, decided_at=timezone.now()
            )
        record.undone_at = timezone.now()
        record.undone_by = user
        record.undo_notes = notes
        record.save()
        recompute(survivor)
        recompute(restored)
    return notes


def decide(pair: CandidatePair, status: str, user) -> None:
    """Keep separate or decide later (a merge goes through ``merge``)."""
    if status not in (PairStatus.SEPARATE, PairStatus.LATER, PairStatus.OPEN):
        raise MergeError(_("Unknown decision."))
    if pair.status == PairStatus.MERGED:
        raise MergeError(_("These two records have already been merged."))
    pair.status = status
    pair.decided_by, pair.decided_at = user, timezone.now()
    pair.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])


def propose(found: list[tuple[int, int, float, float, list[dict]]]) -> int:
    """Put pairs that another part of the app found (the import's possible duplicates) into
    the review: (company, other company, probability, weight, evidence with "left" the first
    company's values). Pairs kept separate, and pairs already known, are left as they are.
    Returns how many pairs were added."""
    never = blocked()
    create = []
    seen: set[tuple[int, int]] = set()
    for left, right, probability, weight, evidence in found:
        if left == right:
            continue
        a, b = plan.ordered(left, right)
        if (a, b) in never or (a, b) in seen:
            continue
        seen.add((a, b))
        create.append(
            CandidatePair(
                company_a_id=a,
                company_b_id=b,
                match_probability=probability,
                match_weight=weight,
                evidence=evidence if a == left else _swap_evidence(evidence),
            )
        )
    known = set()
    for i in range(0, len(create), 400):
        chunk = create[i : i + 400]
        known |= set(
            CandidatePair.objects.filter(
                company_a_id__in=[c.company_a_id for c in chunk],
                company_b_id__in=[c.company_b_id for c in chunk],
            ).values_list("company_a_id", "company_b_id")
        )
    create = [c for c in create if (c.company_a_id, c.company_b_id) not in known]
    CandidatePair.objects.bulk_create(create, batch_size=500)
    return len(create)


def suggested_survivor(pair: CandidatePair, companies: dict[int, Company]) -> int:
    counts = related_counts([pair.company_a_id, pair.company_b_id])
    facts = [
        plan.FirmFacts(
            id=cid,
            related_rows=sum(n for _l, n in counts[cid]),
            filled_fields=plan.filled_count(company_values(companies[cid])),
        )
        for cid in (pair.company_a_id, pair.company_b_id)
    ]
    return plan.choose_survivor(*facts)


# --------------------------------------------------------------------------- search


def register_records(progress: Progress | None = None) -> tuple[list[int], list[dict]]:
    """Every company as a linkage record (keys of ``anett.linkage``), with register no.,
    VAT id and e-mail from its import source records."""
    total = Company.objects.count()
    extra: dict[int, dict] = defaultdict(dict)
    try:
        source_model = apps.get_model("imports", "CompanySourceRecord")
    except LookupError:  # pragma: no cover - the import app is part of the project
        source_model = None
    if source_model is not None:
        rows = (
            source_model.objects.exclude(register_no="", vat_id="", email="")
            .order_by("company_id", "id")
            .values_list("company_id", "register_no", "vat_id", "email")
        )
        for cid, register_no, vat_id, email in rows.iterator(chunk_size=5000):
            known = extra[cid]
            for key, value in (("register_no", register_no), ("vat_id", vat_id), ("email", email)):
                if value and key not in known:
                    known[key] = value
    ids, records = [], []
    fields = (
        "id",
        "name",
        "legal_form",
        "street",
        "postcode",
        "city",
        "wz_code",
        "employees_site",
        "employees_enterprise",
        "phone",
        "website",
    )
    rows = Company.objects.order_by("id").values_list(*fields)
    for n, (cid, name, form, street, plz, city, wz, e_site, e_ent, phone, web) in enumerate(
        rows.iterator(chunk_size=5000), 1
    ):
        employees = e_site if e_site is not None else e_ent
        record = {
            "name": f"{name} {form}".strip(),
            "street": street,
            "plz": plz,
            "city": city,
            "wz": wz,
            "employees": str(employees) if employees is not None else "",
            "phone": phone,
            "website": web,
            **extra.get(cid, {}),
        }
        ids.append(cid)
        records.append(record)
        if progress and n % 5000 == 0:
            progress(n, total)
    if progress:
        progress(len(ids), total)
    return ids, records


def evidence_json(pair) -> list[dict]:
    return [
        {
            "comparison": e.comparison,
            "level": e.level,
            "label": e.label,
            "weight": e.match_weight,
            "left": e.left,
            "right": e.right,
        }
        for e in pair.evidence
    ]


def _swap_evidence(evidence: list[dict]) -> list[dict]:
    return [{**e, "left": e["right"], "right": e["left"]} for e in evidence]


def blocked() -> set[tuple[int, int]]:
    """Pairs never to propose again: kept separate, also through later merges."""
    roots = plan.merge_roots(
        MergeRecord.objects.filter(undone_at__isnull=True).values_list("removed_id", "survivor_id")
    )
    kept = CandidatePair.objects.filter(status=PairStatus.SEPARATE).values_list(
        "company_a_id", "company_b_id"
    )
    return plan.blocked_pairs(kept, roots)


def store_pairs(run: SearchRun, ids: list[int], found: list, progress: Progress | None = None):
    """Save the pairs of a search: new ones open, known open ones updated, pairs kept
    separate skipped; open pairs not found again no longer apply. Returns (found, new)."""
    never = blocked()
    existing = {
        (a, b): (pk, status)
        for pk, a, b, status in CandidatePair.objects.values_list(
            "pk", "company_a_id", "company_b_id", "status"
        )
    }
    seen: set[int] = set()
    create, update = [], []
    for p in found:
        left, right = ids[p.left], ids[p.right]
        a, b = plan.ordered(left, right)
        if (a, b) in never:
            continue
        evidence = evidence_json(p)
        if a != left:
            evidence = _swap_evidence(evidence)
        known = existing.get((a, b))
        values = {
            "match_probability": p.match_probability,
            "match_weight": p.match_weight,
            "evidence": evidence,
            "found_by_id": run.pk,
        }
        if known is None:
            create.append(CandidatePair(company_a_id=a, company_b_id=b, **values))
        else:
            pk, status = known
            if status in (PairStatus.SEPARATE, PairStatus.MERGED):
                continue
            seen.add(pk)
            obj = CandidatePair(pk=pk, company_a_id=a, company_b_id=b, status=status, **values)
            if status == PairStatus.OBSOLETE:
                obj.status = PairStatus.OPEN
            update.append(obj)
    total = len(create) + len(update)
    done = 0
    for i in range(0, len(create), 2000):
        CandidatePair.objects.bulk_create(create[i : i + 2000])
        done += len(create[i : i + 2000])
        if progress:
            progress(done, total)
    for i in range(0, len(update), 2000):
        CandidatePair.objects.bulk_update(
            update[i : i + 2000],
            ["match_probability", "match_weight", "evidence", "found_by", "status"],
        )
        done += len(update[i : i + 2000])
        if progress:
            progress(done, total)
    # open pairs the model no longer proposes (records edited since): no longer apply
    stale = [
        pk
        for (a, b), (pk, status) in existing.items()
        if status == PairStatus.OPEN and pk not in seen
    ]
    for i in range(0, len(stale), 900):
        CandidatePair.objects.filter(pk__in=stale[i : i + 900]).update(status=PairStatus.OBSOLETE)
    return total, len(create)


def auto_merge(run: SearchRun, progress: Progress | None = None) -> int:
    """Merge the pairs of this run above the coordinators' threshold, strongest first.
    A pair that was merged once and undone is never merged automatically again."""
    rule = DuplicateSettings.current()
    if rule.auto_merge == plan.OFF or rule.threshold is None:
        return 0
    pairs = [
        pk
        for pk, prob, weight in CandidatePair.objects.filter(found_by=run, status=PairStatus.OPEN)
        .order_by("-match_weight", "id")
        .values_list("pk", "match_probability", "match_weight")
        if rule.allows(prob, weight)
    ]
    undone = set(
        MergeRecord.objects.filter(pair_id__in=pairs, undone_at__isnull=False).values_list(
            "pair_id", flat=True
        )
    )
    merged = 0
    for n, pk in enumerate(pairs, 1):
        if pk in undone:
            continue
        pair = CandidatePair.objects.filter(pk=pk, status=PairStatus.OPEN).first()
        if pair is None:
            continue
        companies = Company.objects.in_bulk([pair.company_a_id, pair.company_b_id])
        if len(companies) != 2:
            continue
        try:
            merge(
                pair,
                suggested_survivor(pair, companies),
                user=run.started_by,
                automatic=True,
                run=run,
            )
        except MergeError as exc:
            log.warning("automatic merge of pair %s skipped: %s", pk, exc)
            continue
        merged += 1
        if progress:
            progress(n, len(pairs))
    return merged


def run_search(run: SearchRun, beat: Callable[[], None] | None = None) -> SearchRun:
    """The whole search: read the register, compare, store pairs, merge automatically."""
    started = time.monotonic()

    def phase(name: str, done: int = 0, total: int = 0) -> None:
        SearchRun.objects.filter(pk=run.pk).update(
            phase=name, progress_done=done, progress_total=total, heartbeat=timezone.now()
        )

    def progress_of(name: str) -> Progress:
        def progress(done: int, total: int) -> None:
            phase(name, done, total)

        return progress

    phase(RunPhase.READING)
    ids, records = register_records(progress_of(RunPhase.READING))
    phase(RunPhase.COMPARING, 0, len(ids))
    found = candidate_pairs(records, threshold=DEFAULT_CANDIDATE_THRESHOLD) if len(ids) > 1 else []
    del records
    phase(RunPhase.SAVING, 0, len(found))
    with transaction.atomic():
        total, new = store_pairs(run, ids, found, progress_of(RunPhase.SAVING))
    phase(RunPhase.MERGING)
    merged = auto_merge(run, progress_of(RunPhase.MERGING))
    SearchRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE,
        phase=RunPhase.DONE,
        finished_at=timezone.now(),
        companies=len(ids),
        pairs_found=total,
        pairs_new=new,
        auto_merged=merged,
        seconds=round(time.monotonic() - started, 1),
        worker="",
    )
    run.refresh_from_db()
    return run
