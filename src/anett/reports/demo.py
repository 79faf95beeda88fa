"""Demo content for the dashboard and the report: fictitious measure records of demo firms
(only when no demo firm has one yet, e.g. from the funding app's own demo) and one demo
report period with example texts. Idempotent; everything is marked as demo."""

import random
from datetime import date, timedelta
from decimal import Decimal

TITLES = [
    ("Qualifizierung Hochvoltsicherheit (Demo)", "training", "sgb3-82", "skills"),
    ("CNC-Programmierung für Fachkräfte (Demo)", "training", "sgb3-82", "skills"),
    ("Digitalisierung der Fertigungsplanung (Demo)", "consulting", "bafa-beratung", "digital"),
    ("Teilqualifizierung Maschinen- und Anlagenführung (Demo)", "training", "sgb3-82", "skills"),
    ("Coaching Arbeitsorganisation (Demo)", "coaching", "inqa-coaching", "work_org"),
    ("Energieeffizienz in der Lackiererei (Demo)", "consulting", "bafa-beratung", "energy"),
    ("Weiterbildung Qualitätsmanagement (Demo)", "training", "th-weiterbildungsscheck", "skills"),
]
PROVIDERS = ["Bildungswerk Westthüringen (Demo)", "Technikum Eisenach (Demo)", "Beratung (Demo)"]
STATUSES = ["planned", "applied", "granted", "running", "completed", "completed", "cancelled"]
DEMO_REPORT = "Zwischenbericht Pilotregion (Demo)"
DEMO_TEXTS = {
    "outreach": "Demo-Text: Schwerpunkt der Ansprache waren Zulieferer ohne Betriebsrat im "
    "Wartburgkreis und im LK Sömmerda.",
    "advice": "Demo-Text: Die Transformations-Checks zeigen vor allem Bedarf bei "
    "Qualifizierung und Antriebswechsel.",
    "qualification": "Demo-Text: Mehrere Qualifizierungen nach § 82 SGB III wurden beantragt.",
    "works_councils": "Demo-Text: Gemeinsam mit IG Metall wurden Betriebsräte eingebunden.",
    "network": "Demo-Text: Neue Partner aus dem Netzwerk haben Angebote eingestellt.",
    "outlook": "Demo-Text: Im nächsten Zeitraum folgen Veranstaltungen in Gotha.",
}


def create_demo(seed: int, log) -> str | None:
    from django.db import transaction

    with transaction.atomic():
        n_records = _measure_records(seed)
        report = _report()
    parts = []
    if n_records:
        parts.append(f"{n_records} Demo-Maßnahmen")
    if report:
        parts.append("ein Demo-Berichtszeitraum")
    return ("Auswertung: " + ", ".join(parts) + ".") if parts else None


def _measure_records(seed: int) -> int:
    from anett.companies.models import Company
    from anett.funding.models import MeasureRecord

    if MeasureRecord.objects.filter(company__is_demo=True).exists():
        return 0
    rng = random.Random(seed + 7)
    today = date.today()
    firms = list(
        Company.objects.filter(
            is_demo=True, stage__in=["check_done", "measure_planned", "in_progress"]
        )
        .order_by("id")
        .values_list("id", flat=True)
    )
    chosen = rng.sample(firms, min(len(firms), max(1, int(len(firms) * 0.6)))) if firms else []
    records = []
    for company_id in chosen:
        for _ in range(rng.choice([1, 1, 1, 2])):
            title, kind, programme, topic = rng.choice(TITLES)
            status = rng.choice(STATUSES)
            start = today - timedelta(days=rng.randint(-60, 640))
            end = start + timedelta(days=rng.randint(20, 200))
            participants = rng.randint(1, 12)
            cost = Decimal(participants * rng.randint(800, 6000))
            applied = None
            if status != "planned":
                applied = (cost * Decimal("0.6")).quantize(Decimal("1"))
            granted = None
            if status in ("granted", "running", "completed"):
                granted = (applied * Decimal(rng.choice(["1", "1", "0.8"]))).quantize(Decimal("1"))
            employed = None
            if status == "completed" and end + timedelta(days=183) <= today:
                employed = participants - (1 if rng.random() < 0.2 else 0)
            records.append(
                MeasureRecord(
                    company_id=company_id,
                    title=title,
                    provider=rng.choice(PROVIDERS),
                    kind=kind,
                    programme=programme,
                    topic=topic,
                    status=status,
                    start=start,
                    end=end,
                    participants=participants,
                    hours=Decimal(rng.choice([16, 40, 80, 160])),
                    cost_eur=cost,
                    funding_applied_eur=applied,
                    funding_granted_eur=granted,
                    employed_after_6_months=employed,
                    notes="Demo",
                )
            )
    MeasureRecord.objects.bulk_create(records, batch_size=2000)
    return len(records)


def _report() -> bool:
    from anett.core.models import User
    from anett.regions.models import Region

    from .models import ReportPeriod, ReportText

    region = Region.objects.filter(slug="pilotregion").first()
    if region is None or ReportPeriod.objects.filter(title=DEMO_REPORT).exists():
        return False
    today = date.today()
    user = User.objects.filter(username="koordination").first()
    report = ReportPeriod.objects.create(
        title=DEMO_REPORT,
        date_from=date(today.year - 1, 1, 1),
        date_to=today,
        region=region,
        created_by=user,
    )
    for section, text in DEMO_TEXTS.items():
        ReportText.objects.create(report=report, section=section, text=text, updated_by=user)
    return True
