"""Evaluate a funding case against the programme catalogue.

    evaluate(case) -> {"results": [one dict per programme]}
    evaluate_batch(firms, date=..., participants=..., measure=...) -> one result list per firm

For each programme the engine picks the version by the case dates (measure start or
application, as the programme's files say), checks the kind of measure, computes the firm's
facts (`rules.<module>.firm_facts`) and builds the result from the facts and the shared part
of the case. Results of firms with equal facts are equal, so a batch evaluates each distinct
(version, facts) once and shares the result dict (treat results as read-only).

Plain Python, no Django imports.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from .case import Case, Firm, Measure, Participant
from .catalogue import PROGRAMME_IDS, Programme, Version, load_catalogue
from .rules.base import (
    CHECK,
    ELIGIBLE,
    KIND_DE,
    NOT_ELIGIBLE,
    ZERO,
    Builder,
    Shared,
    fmt_date,
)

STATUSES = (ELIGIBLE, NOT_ELIGIBLE, CHECK)


def evaluate(
    case: Case, *, programmes: Iterable[str] | None = None, include_drafts: bool = False
) -> dict:
    """Evaluate one case: {"results": [...]} with one entry per programme."""
    results = evaluate_batch(
        [case.firm],
        date=case.date,
        participants=case.participants,
        measure=case.measure,
        programmes=programmes,
        include_drafts=include_drafts,
    )[0]
    return {"results": results}


def evaluate_batch(
    firms: Sequence[Firm],
    *,
    date: date,
    participants: Sequence[Participant] = (),
    measure: Measure,
    programmes: Iterable[str] | None = None,
    include_drafts: bool = False,
    active_only: bool = False,
) -> list[list[dict]]:
    """Evaluate many firms with the same participants and measure.

    Returns, per firm, the list of programme results (shared dicts; do not mutate them).
    """
    catalogue = load_catalogue(include_drafts)
    ids = list(PROGRAMME_IDS if programmes is None else programmes)
    for pid in ids:
        if pid not in catalogue:
            raise KeyError(pid)
    if active_only:
        ids = [pid for pid in ids if catalogue[pid].active]
    participants = tuple(participants)
    per_programme: list[list[dict]] = []
    for pid in ids:
        per_programme.append(
            _evaluate_programme(catalogue[pid], firms, date, participants, measure)
        )
    return _combine(ids, per_programme, len(firms))


# ---------------------------------------------------------------------------------------------


def _module(v: Version):
    return importlib.import_module(f"{__package__}.rules.{v.rules}")


def _evaluate_programme(
    prog: Programme, firms: Sequence[Firm], day: date, participants, measure: Measure
) -> list[dict]:
    v, when, why = prog.select(measure.start, measure.application, day)
    if v is None:
        res = _outside(prog, when, why)
        return [res] * len(firms)
    shared = Shared(day, participants, measure, when)
    if measure.kind not in v.kinds:
        res = _kind_mismatch(prog, v, when, measure.kind)
        return [res] * len(firms)
    module = _module(v)
    prep = module.prepare(v, when) if hasattr(module, "prepare") else None
    firm_facts = module.firm_facts
    cache: dict = {}
    out = []
    append = out.append
    for firm in firms:
        ff = firm_facts(firm, prep)
        res = cache.get(ff)
        if res is None:
            res = cache[ff] = _build(prog, v, module, ff, shared)
        append(res)
    return out


def _date_reason(b: Builder, v: Version, s: Shared) -> None:
    m = s.measure
    wanted = m.start if v.version_date == "start" else m.application
    if wanted is None:
        field = "measure.start" if v.version_date == "start" else "measure.application"
        b.unknown(
            "DATUM",
            f"Fassung nach dem {fmt_date(b.when)} gewählt; das maßgebliche Datum fehlt",
            v.legal_basis,
            field,
        )


def _build(prog: Programme, v: Version, module, ff, s: Shared) -> dict:
    fb = Builder(v, s.when)
    _date_reason(fb, v, s)
    module.decide_firm(fb, v, ff, s)
    pbs: list[Builder] = []
    if module.PER_PARTICIPANT:
        if not s.participants:
            fb.failed_("TN", "Keine Teilnehmenden angegeben", v.legal_basis)
        for i, p in enumerate(s.participants):
            pb = Builder(v, s.when, i)
            module.decide_participant(pb, v, ff, s, p)
            pbs.append(pb)
    return _assemble(prog, v, fb, pbs, getattr(module, "DAYS", False))


def _assemble(prog: Programme, v: Version, fb: Builder, pbs: list[Builder], days: bool) -> dict:
    if fb.failed:
        status = NOT_ELIGIBLE
    elif pbs:
        pstats = [pb.status for pb in pbs]
        if all(st == NOT_ELIGIBLE for st in pstats):
            status = NOT_ELIGIBLE
        elif fb.status == CHECK or CHECK in pstats:
            status = CHECK
        else:
            status = ELIGIBLE
    else:
        status = fb.status
    contributing = (
        [] if status == NOT_ELIGIBLE else [fb] + [pb for pb in pbs if pb.status != NOT_ELIGIBLE]
    )
    amounts: dict[str, dict] = {}
    for b in contributing:
        for name, a in b.amounts.items():
            acc = amounts.get(name)
            if acc is None:
                amounts[name] = {**a, "details": [_detail(b, a)]}
            else:
                acc["eur"] += a["eur"]
                acc["details"].append(_detail(b, a))
    cost = fb.cost + sum((pb.cost for pb in pbs), ZERO)
    grants = sum(
        (a["eur"] for a in amounts.values() if a["offsets_cost"] and not a["conditional"]), ZERO
    )
    total = sum((a["eur"] for a in amounts.values() if not a["conditional"]), ZERO)
    if grants > cost:
        raise AssertionError(f"{v.programme}: grants {grants} above cost {cost}")
    reasons = list(fb.reasons)
    warnings = list(fb.warnings)
    unverified: dict[str, dict] = {}
    for b in [fb, *pbs]:
        if b is not fb:
            reasons.extend(b.reasons)
            for w in b.warnings:
                if w not in warnings:
                    warnings.append(w)
        if status == NOT_ELIGIBLE or b in contributing:
            unverified.update(b.unverified)
    n_days = sum((b.days for b in contributing), ZERO) if days else None
    return {
        "programme": prog.id,
        "title": v.title,
        "version": v.version,
        "active": prog.active,
        "status": status,
        "entitlement": v.entitlement and status != NOT_ELIGIBLE,
        "amounts": {name: _amount_out(a) for name, a in amounts.items()},
        "total_eur": _f(total),
        "cost_eur": _f(cost),
        "employer_cost_eur": _f(cost - grants),
        "days": None if n_days is None else _f(n_days),
        "reasons": reasons,
        "warnings": warnings,
        "unverified": list(unverified.values()),
        "participants": [
            {
                "index": pb.participant,
                "status": pb.status,
                "cost_eur": _f(pb.cost),
                "amounts": {
                    name: {"eur": _f(a["eur"]), "detail": a["detail"]}
                    for name, a in pb.amounts.items()
                }
                if pb in contributing
                else {},
            }
            for pb in pbs
        ],
        "legal_basis": v.legal_basis,
        "entitlement_basis": v.entitlement_ref,
        "sources": list(v.sources),
    }


def _detail(b: Builder, a: dict) -> str:
    return a["detail"] if b.participant is None else f"TN {b.participant}: {a['detail']}"


def _amount_out(a: dict) -> dict:
    details = a["details"]
    formula = a["formula"]
    if len(details) == 1:
        formula = f"{formula} = {details[0]}"
    else:
        formula = f"Summe über {len(details)} Teilnehmende: {formula} ({'; '.join(details)})"
    return {
        "eur": _f(a["eur"]),
        "formula": formula,
        "ref": a["ref"],
        "recipient": a["recipient"],
        "offsets_cost": a["offsets_cost"],
        "conditional": a["conditional"],
    }


def _f(x: Decimal) -> float:
    return float(x)


def _empty(prog: Programme, v: Version | None, status: str, reason: dict) -> dict:
    return {
        "programme": prog.id,
        "title": (v or prog.versions[-1]).title,
        "version": v.version if v else None,
        "active": prog.active,
        "status": status,
        "entitlement": False if status == NOT_ELIGIBLE else bool(v and v.entitlement),
        "amounts": {},
        "total_eur": 0.0,
        "cost_eur": 0.0,
        "employer_cost_eur": 0.0,
        "days": None,
        "reasons": [reason],
        "warnings": [],
        "unverified": [],
        "participants": [],
        "legal_basis": (v or prog.versions[-1]).legal_basis,
        "entitlement_basis": (v or prog.versions[-1]).entitlement_ref,
        "sources": list((v or prog.versions[-1]).sources),
    }


def _outside(prog: Programme, when: date, why: str) -> dict:
    first, last = prog.versions[0], prog.versions[-1]
    if why == "before":
        if first.before == "check":
            status, outcome = CHECK, "unknown"
            text = (
                f"Für den {fmt_date(when)} enthält der Katalog keine Fassung (erste Fassung ab "
                f"{fmt_date(first.valid_from)}); frühere Rechtslage prüfen"
            )
        else:
            status, outcome = NOT_ELIGIBLE, "failed"
            text = (
                f"Programm gab es am {fmt_date(when)} noch nicht (ab {fmt_date(first.valid_from)})"
            )
        ref = first.legal_basis
    else:
        if last.after == "ended":
            status, outcome = NOT_ELIGIBLE, "failed"
            text = (
                f"Programm beendet: letzte Bewilligungen/Anträge bis {fmt_date(last.valid_until)}"
            )
        else:
            status, outcome = CHECK, "unknown"
            text = (
                f"Der Katalog reicht nur bis {fmt_date(last.valid_until)}; ob das Programm am "
                f"{fmt_date(when)} fortgeführt wird, ist zu prüfen"
            )
        ref = last.legal_basis
    return _empty(
        prog, None, status, {"code": "FASSUNG", "outcome": outcome, "text": text, "ref": ref}
    )


def _kind_mismatch(prog: Programme, v: Version, when: date, kind: str) -> dict:
    wanted = ", ".join(KIND_DE[k] for k in v.kinds)
    text = f"Maßnahmeart „{KIND_DE[kind]}“ wird nicht gefördert (gefördert: {wanted})"
    return _empty(
        prog,
        v,
        NOT_ELIGIBLE,
        {"code": "ART", "outcome": "failed", "text": text, "ref": v.legal_basis},
    )


# --- double funding across programmes ------------------------------------------------------

# (programme, other programmes, warning text). A warning is added to a result when it and one
# of the others are eligible or "check" for the same firm.
CUMULATION = (
    (
        "sgb3-82",
        ("sgb3-82a",),
        "§ 82 und Qualifizierungsgeld (§ 82a) sind Alternativen für dieselbe Person und Maßnahme: "
        "kein Qualifizierungsgeld, wenn für die Maßnahme § 82 beantragt wurde "
        "(§ 82a Abs. 5 Nr. 2 SGB III).",
    ),
    (
        "sgb3-82a",
        ("sgb3-82",),
        "Qualifizierungsgeld ist ausgeschlossen, wenn für dieselbe Maßnahme § 82 beantragt wurde "
        "(§ 82a Abs. 5 Nr. 2 SGB III): nur eine der beiden Förderungen wählen.",
    ),
    (
        "sgb3-82",
        ("th-fwrl-anpassung",),
        "Doppelförderung prüfen: FWRL-Anpassungsqualifizierung und § 82 für dieselbe Maßnahme "
        "(Ausschluss nicht bestätigt).",
    ),
    (
        "th-fwrl-anpassung",
        ("sgb3-82",),
        "Doppelförderung prüfen: FWRL-Anpassungsqualifizierung und § 82 für dieselbe Maßnahme "
        "(Ausschluss nicht bestätigt).",
    ),
    (
        "th-weiterbildungsscheck",
        ("afbg", "sgb3-82"),
        "Doppelförderung prüfen: Weiterbildungsscheck zusammen mit Aufstiegs-BAföG oder § 82 "
        "(Ausschluss nicht bestätigt).",
    ),
    (
        "afbg",
        ("th-weiterbildungsscheck",),
        "Doppelförderung prüfen: Aufstiegs-BAföG zusammen mit dem Thüringer Weiterbildungsscheck "
        "(Ausschluss nicht bestätigt).",
    ),
    (
        "sgb3-82",
        ("th-weiterbildungsscheck",),
        "Doppelförderung prüfen: § 82 zusammen mit dem Thüringer Weiterbildungsscheck "
        "(Ausschluss nicht bestätigt).",
    ),
)


def _combine(ids: list[str], per_programme: list[list[dict]], n: int) -> list[list[dict]]:
    pos = {pid: k for k, pid in enumerate(ids)}
    rules = [
        (pos[a], tuple(pos[o] for o in others if o in pos), text)
        for a, others, text in CUMULATION
        if a in pos and any(o in pos for o in others)
    ]
    columns = per_programme
    combo_cache: dict[tuple, list[dict]] = {}
    with_warning: dict[tuple, dict] = {}
    keep_alive = []  # rows whose ids are cache keys must outlive the cache
    out = []
    for j in range(n):
        row = tuple(col[j] for col in columns)
        key = tuple(map(id, row))
        done = combo_cache.get(key)
        if done is None:
            extra: dict[int, list[str]] = {}
            for k, others, text in rules:
                if row[k]["status"] != NOT_ELIGIBLE and any(
                    row[o]["status"] != NOT_ELIGIBLE for o in others
                ):
                    extra.setdefault(k, []).append(text)
            done = list(row)
            for k, texts in extra.items():
                wkey = (id(row[k]), tuple(texts))
                res = with_warning.get(wkey)
                if res is None:
                    res = with_warning[wkey] = {**row[k], "warnings": row[k]["warnings"] + texts}
                done[k] = res
            combo_cache[key] = done
            keep_alive.append(row)
        out.append(done)
    return out


def programme_ids() -> tuple[str, ...]:
    return PROGRAMME_IDS


__all__ = ["evaluate", "evaluate_batch", "programme_ids", "STATUSES"]
