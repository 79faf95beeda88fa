"""Fictitious demo data. Every company is marked is_demo and named so that it cannot be
mistaken for a real firm ("Demo-…"). Districts, WZ codes and institutions are real."""

import random
from datetime import date, timedelta

from django.db import transaction
from django.test.utils import override_settings

from anett.core import roles
from anett.core.models import NetworkSettings, User
from anett.regions.models import Kreis
from anett.regions.plz import _lookup
from anett.regions.reference import NUTS_SUCCESSORS
from anett.regions.seed import NEIGHBOUR_AGS, PILOT_AGS

from . import classification as cls
from . import engagement as eng
from .models import Activity, Company, ContactPerson, search_key
from .services import current_rules

DEFAULT_PASSWORD = "anett-demo-2026"

DEMO_USERS = [
    ("admin", roles.ADMIN, "Ada", "Admin", "ANeTT Geschäftsstelle"),
    ("koordination", roles.KOORDINATION, "Karla", "Koordinatorin", "ANeTT Netzwerkbüro"),
    ("beratung", roles.BERATUNG, "Bernd", "Berater", "Weiterbildungsmentor (Demo)"),
    ("partner", roles.PARTNER, "Paula", "Partnerin", "Partnerorganisation (Demo)"),
]

TOWNS = {
    "16063": [("99817", "Eisenach"), ("36433", "Bad Salzungen"), ("99834", "Gerstungen")],
    "16067": [("99867", "Gotha"), ("99885", "Ohrdruf"), ("99880", "Waltershausen")],
    "16064": [("99974", "Mühlhausen"), ("99947", "Bad Langensalza")],
    "16066": [("98617", "Meiningen"), ("98574", "Schmalkalden"), ("98590", "Wasungen")],
    "16070": [("99310", "Arnstadt"), ("98693", "Ilmenau")],
    "16068": [("99610", "Sömmerda"), ("99625", "Kölleda")],
}

STEMS = {
    cls.AUTOMOTIVE: ["Fahrzeugteile", "Karosserietechnik", "Antriebskomponenten", "Autoelektrik"],
    cls.SUPPLIER: [
        "Metallbearbeitung",
        "Kunststofftechnik",
        "Präzisionsteile",
        "Oberflächentechnik",
        "Gießerei",
        "Stanztechnik",
        "Kabelsysteme",
        "Elektronikfertigung",
        "Gummiwerk",
        "Getriebebau",
    ],
    cls.NEIGHBOURING: [
        "Ingenieurbüro",
        "Logistik",
        "Autohaus",
        "Softwarehaus",
        "Anlagenservice",
        "Forschungslabor",
    ],
    cls.OTHER: ["Handelshaus", "Dienstleistungen", "Bauservice"],
}
INVENTED_PLACES = [
    "Silberbach",
    "Erlengrund",
    "Tannfeld",
    "Wiesenau",
    "Lindholm",
    "Rabenstein",
    "Moosgrund",
    "Eichenhain",
    "Quellental",
    "Sonnenberg",
    "Birkenried",
    "Haselbach",
    "Fichtenau",
    "Kranichsfeld",
    "Steinwiese",
]
LEGAL_FORMS = [
    "GmbH",
    "GmbH",
    "GmbH",
    "GmbH & Co. KG",
    "AG",
    "e.K.",
    "UG (haftungsbeschränkt)",
    "KG",
]
WZ_PREFIXES = {
    cls.AUTOMOTIVE: ["29.10", "29.20", "29.31", "29.32"],
    cls.SUPPLIER: [
        "22.19",
        "22.29",
        "24.51",
        "24.53",
        "25.50",
        "25.61",
        "25.62",
        "25.73",
        "26.11",
        "27.11",
        "27.20",
        "27.32",
        "28.15",
        "13.96",
        "20.30",
        "23.19",
    ],
    cls.NEIGHBOURING: ["30.20", "33.12", "45.20", "45.31", "49.41", "62.01", "71.12", "72.19"],
    cls.OTHER: ["46.69", "43.21", "82.99", "10.71"],
}
FIRST = ["Anna", "Lukas", "Marie", "Jonas", "Sophie", "Felix", "Laura", "Paul", "Lea", "Tim"]
LAST = ["Beispiel", "Muster", "Probe", "Demo", "Testmann", "Vorlage", "Schema", "Modell"]
FUNCTIONS = [
    "Geschäftsführung",
    "Personalleitung",
    "Betriebsratsvorsitz",
    "Produktionsleitung",
    "Ausbildungsleitung",
    "Technische Leitung",
]
NOTES = [
    "Erstgespräch zur Transformation",
    "Interesse an Weiterbildungsberatung",
    "Einladung zum Netzwerktreffen",
    "Nachfassen nach Veranstaltung",
    "Telefonische Ansprache",
    "Besuch vor Ort mit Transformationslotsin",
]


def ensure_users(password: str) -> list[User]:
    users = []
    for username, role, first, last, org in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.role, user.first_name, user.last_name, user.organisation = role, first, last, org
        user.email = f"{username}@demo.anett.invalid"
        user.set_password(password)
        user.save()
        users.append(user)
    return users


def _plz_by_ags() -> dict[str, list[str]]:
    by_nuts: dict[str, list[str]] = {}
    rows = _lookup()._conn.execute("SELECT nuts_3, zip FROM nuts WHERE alpha_2 = 'DE'")
    for nuts3, plz in rows:
        by_nuts.setdefault(nuts3, []).append(plz)
    ags_by_nuts = dict(Kreis.objects.filter(active=True).values_list("nuts3", "ags"))
    ags_by_nuts.update(NUTS_SUCCESSORS)
    out: dict[str, list[str]] = {}
    for nuts3, plzs in by_nuts.items():
        if nuts3 in ags_by_nuts:
            out.setdefault(ags_by_nuts[nuts3], []).extend(sorted(plzs))
    return out


def _wz_pool() -> dict[str, list[str]]:
    from wz_code import WZ

    wz = WZ(version="2008")
    pool = {}
    for group, prefixes in WZ_PREFIXES.items():
        codes = []
        for p in prefixes:
            codes += [c for c in (f"{p}.{d}" for d in range(10)) if wz.exists(c)] or [p]
        pool[group] = codes
    return pool


def _size(rng: random.Random) -> int:
    band = rng.choices([(1, 9), (10, 49), (50, 249), (250, 2500)], weights=[30, 40, 22, 8])[0]
    return rng.randint(*band)


@transaction.atomic
def create_demo(n_companies: int, seed: int = 2022, replace: bool = False, log=print) -> dict:
    rng = random.Random(seed)
    password = settings_password()
    users = ensure_users(password)
    koordination, beratung = users[1], users[2]
    if replace:
        # Removing demo data needs no change history (it would write a row per object).
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            Company.objects.filter(is_demo=True).delete()
    elif Company.objects.filter(is_demo=True).exists():
        log("Demo-Betriebe sind schon vorhanden (mit --replace neu erzeugen).")
        return {"companies": 0, "password": password}

    kreise = {k.ags: k for k in Kreis.objects.filter(active=True)}
    pilot = [kreise[a] for a in PILOT_AGS]
    transfer = [k for k in kreise.values() if k.land == "Thüringen" and k.ags not in PILOT_AGS]
    transfer += [kreise[a] for a in NEIGHBOUR_AGS]
    plz_by_ags = _plz_by_ags()
    wz_pool = _wz_pool()
    rules = current_rules()
    today = date.today()

    companies = []
    for i in range(n_companies):
        kreis = rng.choice(pilot) if rng.random() < 0.7 else rng.choice(transfer)
        if kreis.ags in TOWNS and rng.random() < 0.8:
            plz, town = rng.choice(TOWNS[kreis.ags])
        else:
            plz = rng.choice(plz_by_ags.get(kreis.ags) or ["99084"])
            town = kreis.name.split(",")[0]
        group = rng.choices(list(WZ_PREFIXES), weights=[10, 50, 25, 15])[0]
        wz = rng.choice(wz_pool[group])
        site = _size(rng)
        enterprise = site if rng.random() < 0.75 else site + rng.randint(10, 3000)
        turnover = site * rng.randint(80, 250) * 1000 if rng.random() < 0.5 else None
        name = f"Demo-{rng.choice(STEMS[group])} {rng.choice(INVENTED_PLACES)}"
        if n_companies > 200:
            name += f" {i + 1:05d}" if rng.random() < 0.5 else ""
        c = Company(
            name=name,
            legal_form=rng.choice(LEGAL_FORMS),
            street=f"{rng.choice(['Industriestraße', 'Am Werk', 'Gewerbepark', 'Hauptstraße'])} "
            f"{rng.randint(1, 120)}",
            postcode=plz,
            city=town,
            kreis=kreis,
            wz_code=wz,
            employees_site=site,
            employees_enterprise=enterprise,
            turnover_eur=turnover,
            works_council=rng.choices(
                ["yes", "no", "unknown"], weights=[25 if site >= 50 else 5, 45, 30]
            )[0],
            collective_agreement=rng.choices(["yes", "no", "unknown"], weights=[20, 40, 40])[0],
            sources=rng.choice(
                [
                    "IHK-Liste (Demo)",
                    "Eigene Recherche",
                    "Veranstaltung",
                    "Gewerkschaftsliste (Demo)",
                ]
            ),
            is_demo=True,
        )
        c.branch_group, c.derived_union_scope = cls.classify_branch(wz, rules)
        c.sme_class = cls.sme_class(c.headcount_for_sme, c.turnover_eur, None)
        c.search_text = search_key(f"{c.name} {c.legal_form} {c.city}")
        companies.append(c)
    Company.objects.bulk_create(companies, batch_size=2000)
    companies = list(Company.objects.filter(is_demo=True).order_by("id"))

    # Contacts, activities and assignments for a share of the companies.
    contacts, activities = [], []
    n_active = max(1, int(len(companies) * 0.35))
    active = rng.sample(companies, min(n_active, len(companies)))
    for c in active:
        for _ in range(rng.randint(1, 2)):
            wc = rng.random() < 0.15
            contacts.append(
                ContactPerson(
                    company=c,
                    first_name=rng.choice(FIRST),
                    last_name=rng.choice(LAST),
                    function="Betriebsratsvorsitz" if wc else rng.choice(FUNCTIONS),
                    email=f"kontakt{c.pk}@demo.anett.invalid",
                    phone="+49 3691 000000",
                    consent_purpose="Kontakt im Rahmen von ANeTT",
                    consent_date=today - timedelta(days=rng.randint(10, 400)),
                    consent_source="Gespräch",
                    works_council_member=wc,
                    union_membership=rng.choice(["IG Metall", ""]) if wc else "",
                )
            )
    ContactPerson.objects.bulk_create(contacts, batch_size=2000)
    statuses: dict[int, eng.EngagementResult] = {}
    rules = NetworkSettings.current()
    for c in active:
        facts = []
        start = today - timedelta(days=rng.randint(20, 600))
        for k in range(rng.randint(1, 3)):
            d = start + timedelta(days=k * rng.randint(7, 60))
            if d > today:
                break
            outcome = rng.choices(
                [
                    eng.NO_RESPONSE,
                    eng.DECLINED,
                    eng.CONTACTED,
                    eng.INTERESTED,
                    eng.AGREED,
                    eng.PARTICIPATED,
                    eng.OPEN,
                ],
                weights=[20, 6, 25, 15, 10, 14, 10],
            )[0]
            facts.append(eng.ActivityFact(d, outcome))
            next_step = rng.random() < 0.3
            activities.append(
                Activity(
                    company=c,
                    kind=rng.choice(["call", "visit", "email", "event", "workshop"]),
                    date=d,
                    user=rng.choice([koordination, beratung]),
                    outcome=outcome,
                    note=rng.choice(NOTES),
                    next_step="Termin für Transformations-Check vereinbaren" if next_step else "",
                    due_date=d + timedelta(days=14) if next_step else None,
                )
            )
        statuses[c.pk] = eng.derive_status(
            facts, today, rules.passive_after_days, rules.engagement_stale_days
        )
    Activity.objects.bulk_create(activities, batch_size=2000)
    stage_for = {
        eng.ENGAGED: ["first_talk", "check_done", "measure_planned", "in_progress"],
        eng.REACHED: ["first_talk", "later"],
        eng.PASSIVE: ["approached", "no_interest"],
        eng.UNKNOWN: ["approached"],
    }
    for c in active:
        r = statuses[c.pk]
        c.engagement_status, c.engagement_reason = r.status, r.reason[:200]
        c.stage = rng.choice(stage_for[r.status])
    Company.objects.bulk_update(
        active, ["engagement_status", "engagement_reason", "stage"], batch_size=2000
    )
    assigned = rng.sample(companies, min(len(companies), max(5, len(companies) // 15)))
    Company.advisers.through.objects.bulk_create(
        [Company.advisers.through(company_id=c.pk, user_id=beratung.pk) for c in assigned],
        batch_size=2000,
    )
    checks = _demo_checks(
        rng, [c for c in active if statuses[c.pk].status == eng.ENGAGED], koordination
    )
    return {
        "companies": len(companies),
        "contacts": len(contacts),
        "activities": len(activities),
        "checks": checks,
        "password": password,
    }


MAX_DEMO_CHECKS = 150


def _demo_checks(rng: random.Random, engaged: list[Company], user) -> int:
    """Completed transformation checks with random answers for some engaged demo firms, so
    that profiles, needs, signals, priorities and the gap analysis have something to show.
    Every answer is chosen at random from the questionnaire's options (fictitious firms)."""
    from anett.assessment import services as checks

    if checks.current_questionnaire() is None:
        return 0
    chosen = rng.sample(engaged, min(len(engaged), MAX_DEMO_CHECKS))
    for company in chosen:
        assessment = checks.start_assessment(company, user)
        definition = assessment.questionnaire.parsed
        answers = {}
        for q in definition.questions:
            if q.type == "text" or rng.random() < 0.15:
                continue
            if q.type == "scale":
                answers[q.id] = rng.randint(q.scale["min"], q.scale["max"])
            else:
                answers[q.id] = rng.choice(q.options).value
        assessment.answers = answers
        assessment.save(update_fields=["answers"])
        checks.submit(assessment, user)
    return len(chosen)


def settings_password() -> str:
    import os

    return os.environ.get("ANETT_DEMO_PASSWORD") or DEFAULT_PASSWORD
