"""Passivity, priority for proactive outreach, and the suggested channel. Plain Python.

The priority score (0–100) is a weighted sum of components, each 0–100:
exposure to the drive-train change, the firm's highest need, passivity, SME status,
no works council, and size (jobs reached). All weights are non-negative, so more of any
component never lowers the score. Every component contributes a German reason.
"""

import math
from dataclasses import dataclass, field

SME = {"micro", "small", "medium"}
IN_SCOPE_GROUPS = {"automotive", "supplier", "neighbouring"}
BRANCH_EXPOSURE = {"automotive": 70, "supplier": 50, "neighbouring": 25, "other": 10}


@dataclass(frozen=True)
class Weights:
    exposure: float = 0.30
    need: float = 0.25
    passivity: float = 0.20
    sme: float = 0.10
    no_works_council: float = 0.10
    size: float = 0.05


@dataclass(frozen=True)
class Firm:
    id: int
    name: str = ""
    kreis: str = ""
    branch_group: str = "other"
    sme_class: str = "unknown"
    works_council: str = "unknown"
    employees: int | None = None
    engagement: str = "unknown"
    exposure: int | None = None  # from the latest check; None = estimate from branch
    max_need: int | None = None
    union_scope: str = ""


@dataclass(frozen=True)
class Component:
    key: str
    value: int
    weight: float
    reason: str

    @property
    def points(self) -> float:
        return self.value * self.weight


@dataclass
class Priority:
    firm: Firm
    score: int
    components: list[Component] = field(default_factory=list)
    passive: bool = False
    sme_without_works_council: bool = False
    channels: list[str] = field(default_factory=list)

    @property
    def reasons(self) -> str:
        top = sorted(self.components, key=lambda c: -c.points)
        return "; ".join(c.reason for c in top if c.points > 0)


def passivity(firm: Firm) -> tuple[int, str]:
    """How much a firm needs proactive outreach because it does not come by itself."""
    in_scope = firm.branch_group in IN_SCOPE_GROUPS
    if firm.engagement == "passive":
        return 100, "passiv: angesprochen ohne Rückmeldung oder abgelehnt"
    if firm.engagement == "unknown":
        if in_scope:
            return 80, "noch nie beteiligt, obwohl im Fokus der Branche"
        return 40, "noch nicht angesprochen"
    if firm.engagement == "reached":
        return 40, "erreicht, aber noch nicht beteiligt"
    return 0, "bereits beteiligt"


def size_points(employees: int | None) -> int:
    if not employees:
        return 0
    # 10 → 33, 100 → 67, 1000 → 100: jobs reached grow, with diminishing weight.
    return min(100, round(100 * math.log10(employees) / 3))


def channels(firm: Firm) -> list[str]:
    """Suggested ways into the firm, best first (the seed: not only works councils)."""
    out = []
    sme = firm.sme_class in SME
    if firm.works_council == "yes":
        out.append("Betriebsrat")
        if firm.union_scope:
            out.append(f"Gewerkschaft ({firm.union_scope})")
        out.append("Geschäftsführung")
        return out
    out.append("Geschäftsführung")
    if firm.employees and firm.employees >= 50:
        out.append("Personalleitung")
    if sme:
        out.append("Belegschaftsveranstaltung")
    if firm.sme_class == "micro" or (firm.employees or 0) < 20:
        out.append("Kammer (IHK/HWK)")
    if firm.union_scope:
        out.append(f"Gewerkschaft ({firm.union_scope}) über die Belegschaft")
    return out


def prioritise(firm: Firm, weights: Weights = Weights()) -> Priority:
    comps = []
    if firm.exposure is not None:
        exp = firm.exposure
        comps.append(Component("exposure", exp, weights.exposure, f"Betroffenheit {exp} (Check)"))
    else:
        exp = BRANCH_EXPOSURE.get(firm.branch_group, 0)
        comps.append(
            Component("exposure", exp, weights.exposure, f"Betroffenheit ca. {exp} (Branche)")
        )
    if firm.max_need is not None:
        comps.append(
            Component("need", firm.max_need, weights.need, f"höchster Bedarf {firm.max_need}")
        )
    else:
        comps.append(Component("need", 0, weights.need, "keine Bedarfe erfasst"))
    p, why = passivity(firm)
    comps.append(Component("passivity", p, weights.passivity, why))
    sme_value = 100 if firm.sme_class in SME else 50 if firm.sme_class == "unknown" else 0
    comps.append(
        Component(
            "sme",
            sme_value,
            weights.sme,
            "KMU" if sme_value == 100 else "Größe unbekannt" if sme_value else "Großunternehmen",
        )
    )
    wc = {"no": 100, "unknown": 50}.get(firm.works_council, 0)
    comps.append(
        Component(
            "no_works_council",
            wc,
            weights.no_works_council,
            "kein Betriebsrat" if wc == 100 else "Betriebsrat unbekannt" if wc else "Betriebsrat",
        )
    )
    sz = size_points(firm.employees)
    comps.append(
        Component("size", sz, weights.size, f"{firm.employees} Beschäftigte" if sz else "")
    )
    total = sum(c.points for c in comps) / sum(c.weight for c in comps)
    return Priority(
        firm=firm,
        score=round(total),
        components=comps,
        passive=p >= 80,
        sme_without_works_council=firm.sme_class in SME and firm.works_council == "no",
        channels=channels(firm),
    )


_PASSIVITY_FAST = {"passive": 100, "reached": 40, "engaged": 0}


def score(firm: Firm, weights: Weights = Weights()) -> int:
    """The same number as prioritise(firm).score, without building reasons (for 100k)."""
    exp = firm.exposure if firm.exposure is not None else BRANCH_EXPOSURE.get(firm.branch_group, 0)
    if firm.engagement == "unknown":
        p = 80 if firm.branch_group in IN_SCOPE_GROUPS else 40
    else:
        p = _PASSIVITY_FAST.get(firm.engagement, 0)
    sme_value = 100 if firm.sme_class in SME else 50 if firm.sme_class == "unknown" else 0
    wc = 100 if firm.works_council == "no" else 50 if firm.works_council == "unknown" else 0
    total = (
        exp * weights.exposure
        + (firm.max_need or 0) * weights.need
        + p * weights.passivity
        + sme_value * weights.sme
        + wc * weights.no_works_council
        + size_points(firm.employees) * weights.size
    )
    norm = (
        weights.exposure
        + weights.need
        + weights.passivity
        + weights.sme
        + weights.no_works_council
        + weights.size
    )
    return round(total / norm)


def rank(firms, weights: Weights = Weights()) -> list[tuple[int, Firm]]:
    """(score, firm) for all firms, highest first; ties by name then id (reproducible).
    Call prioritise() on the rows you show to get the reasons."""
    scored = [(score(f, weights), f) for f in firms]
    scored.sort(key=lambda sf: (-sf[0], sf[1].name, sf[1].id))
    return scored
