"""The real institutions of the network (`shared/domain/network.md`) with their offers.

`load_actors()` is idempotent: it creates what is missing (by a stable key) and never
overwrites what coordinators changed afterwards (names, descriptions, districts, offers).
Descriptions keep to what network.md says; where it says nothing they stay generic.
Districts served: Thuringia for the Land-wide institutions; the chambers and employment
agencies get the districts of their areas as far as publicly known – to be checked by the
coordinators (the agencies were regrouped in 2023).
"""

from django.db import transaction

from anett.regions.models import Kreis

from . import vocab as v
from .models import Actor, ActorRelation, Offer

TH = "THURINGIA"  # all active Kreise of Thuringia (AGS 16…)

IHK_SUEDTHUERINGEN = ["16054", "16066", "16069", "16072"]
IHK_ERFURT = [
    "16051",
    "16055",
    "16061",
    "16062",
    "16063",
    "16064",
    "16065",
    "16067",
    "16068",
    "16070",
    "16071",
]

# key, name, short name, kind, seat AGS, districts, topics, target groups, description
ACTORS = [
    (
        "ig-metall",
        "IG Metall",
        "IG Metall",
        "union",
        "",
        TH,
        ["work_org", "drivetrain", "skills"],
        [v.WORKS_COUNCIL, v.SKILLED],
        "Gewerkschaft für Metall, Elektro und Automobil. Im Netzwerk: Zugang zu "
        "Betriebsräten und Belegschaften.",
    ),
    (
        "ig-bce",
        "IG BCE",
        "IG BCE",
        "union",
        "",
        TH,
        ["work_org", "skills"],
        [v.WORKS_COUNCIL, v.SKILLED],
        "Gewerkschaft für Chemie, Kunststoff, Gummi und Glas. Einzubinden für die Zulieferer "
        "der Kunststoff- und Gummiverarbeitung.",
    ),
    (
        "aa-suhl",
        "Agentur für Arbeit Suhl",
        "AA Suhl",
        "employment_agency",
        "16054",
        ["16054", "16066", "16069", "16072", "16070"],
        ["skills", "labour"],
        [v.HR, v.MANAGEMENT, v.SKILLED, v.LOW_SKILLED, v.OLDER],
        "Bundesagentur für Arbeit: Förderung nach SGB III, Arbeitgeber-Service, Beratung "
        "zur Weiterbildung. Zuständige Kreise bitte prüfen (Neuzuschnitt der Agenturen 2023).",
    ),
    (
        "aa-gotha",
        "Agentur für Arbeit Gotha",
        "AA Gotha",
        "employment_agency",
        "16067",
        ["16067", "16063", "16064"],
        ["skills", "labour"],
        [v.HR, v.MANAGEMENT, v.SKILLED, v.LOW_SKILLED, v.OLDER],
        "Bundesagentur für Arbeit: Förderung nach SGB III, Arbeitgeber-Service, Beratung "
        "zur Weiterbildung. Zuständige Kreise bitte prüfen (Neuzuschnitt der Agenturen 2023).",
    ),
    (
        "aa-erfurt",
        "Agentur für Arbeit Erfurt",
        "AA Erfurt",
        "employment_agency",
        "16051",
        ["16051", "16068"],
        ["skills", "labour"],
        [v.HR, v.MANAGEMENT, v.SKILLED, v.LOW_SKILLED, v.OLDER],
        "Bundesagentur für Arbeit: Förderung nach SGB III, Arbeitgeber-Service, Beratung "
        "zur Weiterbildung. Zuständige Kreise bitte prüfen (Neuzuschnitt der Agenturen 2023).",
    ),
    (
        "gfaw",
        "GFAW – Gesellschaft für Arbeits- und Wirtschaftsförderung des Freistaats Thüringen",
        "GFAW",
        "consulting_centre",
        "",
        TH,
        ["skills", "labour"],
        [v.MANAGEMENT, v.HR],
        "Thüringer Gesellschaft für Arbeits- und Wirtschaftsförderung, Regionalstelle "
        "Südwestthüringen. Pilotprojekt mit der Agentur für Arbeit (seit Mai 2022): Beratung "
        "vor Ort und online in den Betrieben.",
    ),
    (
        "tlvwa",
        "Thüringer Landesverwaltungsamt",
        "TLVwA",
        "public_authority",
        "",
        TH,
        ["skills"],
        [v.MANAGEMENT, v.HR],
        "Bewilligungsbehörde der ESF Plus Fachkräfte- und Weiterbildungsrichtlinie.",
    ),
    (
        "tka",
        "TKA (Weiterbildungsverbund – vollständigen Namen bitte ergänzen)",
        "TKA",
        "education_provider",
        "",
        TH,
        ["skills"],
        [],
        "In der Seed-Zusammenfassung unter den Weiterbildungsverbänden genannt "
        "(„Weiterbildungsverbände (TKA)“). Weiterbildungsnetzwerk.",
    ),
    (
        "zett",
        "Zukunftszentrum Thüringen",
        "ZeTT",
        "consulting_centre",
        "",
        TH,
        ["digital", "skills"],
        [v.MANAGEMENT, v.HR, v.SKILLED],
        "Zentrum für digitale Transformation: kostenfreie Beratung für KMU zu digitaler "
        "Transformation und Qualifizierung.",
    ),
    (
        "at",
        "automotive thüringen e.V.",
        "at",
        "cluster_association",
        "",
        TH,
        ["drivetrain", "business_model"],
        [v.MANAGEMENT],
        "Clusterverband: Branchennetzwerk der Automobil- und Zulieferbetriebe in Thüringen.",
    ),
    (
        "allianz",
        "Thüringer Allianz für Berufsbildung und Fachkräfteentwicklung",
        "Allianz",
        "other",
        "",
        TH,
        ["labour", "skills"],
        [v.HR, v.APPRENTICES],
        "Hat für das Netzwerk relevante Ansätze zur Berufsbildung und Fachkräfteentwicklung "
        "erarbeitet.",
    ),
    (
        "ihk-erfurt",
        "IHK Erfurt",
        "IHK Erfurt",
        "chamber",
        "16051",
        IHK_ERFURT,
        ["skills", "labour"],
        [v.APPRENTICES, v.SKILLED, v.MANAGEMENT],
        "Industrie- und Handelskammer Erfurt: Betriebslisten, Aus- und Weiterbildung. "
        "Partner im Netzwerk ANeTT.",
    ),
    (
        "ihk-suedthueringen",
        "IHK Südthüringen",
        "IHK Südthüringen",
        "chamber",
        "16054",
        IHK_SUEDTHUERINGEN,
        ["skills", "labour"],
        [v.APPRENTICES, v.SKILLED, v.MANAGEMENT],
        "Industrie- und Handelskammer Südthüringen: Betriebslisten, Aus- und Weiterbildung.",
    ),
    (
        "hwk",
        "Handwerkskammer",
        "HWK",
        "chamber",
        "",
        TH,
        ["skills", "labour"],
        [v.APPRENTICES, v.SKILLED],
        "Handwerkskammer: Betriebslisten, Aus- und Weiterbildung im Handwerk. Welche Kammer "
        "(Erfurt, Südthüringen, Ostthüringen) – bitte ergänzen.",
    ),
    (
        "tta-leg",
        "Thüringer Transformationsagentur Automotive (TTA) bei der LEG Thüringen",
        "TTA/LEG",
        "consulting_centre",
        "16051",
        TH,
        ["drivetrain", "business_model", "skills"],
        [v.MANAGEMENT],
        "Leitet das Automotive-Netzwerk Transformation Thüringen (ANeTT) mit IHK Erfurt und "
        "ThIMo; gefördert aus dem Zukunftsfonds Automobilindustrie des "
        "Bundeswirtschaftsministeriums (rund 1,6 Mio. EUR bis Mitte 2025).",
    ),
    (
        "thimo",
        "Thüringer Innovationszentrum Mobilität (ThIMo) an der TU Ilmenau",
        "ThIMo",
        "university",
        "16070",
        TH,
        ["drivetrain", "digital"],
        [v.MANAGEMENT, v.SKILLED],
        "Innovationszentrum Mobilität der TU Ilmenau; Partner im Netzwerk ANeTT.",
    ),
    (
        "weiterbildungsmentoren",
        "Weiterbildungsmentoren",
        "WB-Mentoren",
        "other",
        "",
        TH,
        ["skills"],
        [v.SKILLED, v.LOW_SKILLED, v.OLDER],
        "Mentorinnen und Mentoren, die Beschäftigte im Betrieb zur Weiterbildung beraten.",
    ),
    (
        "transformationslotsen",
        "Transformationslotsen",
        "Lotsen",
        "other",
        "",
        TH,
        ["drivetrain", "skills", "work_org"],
        [v.SKILLED, v.WORKS_COUNCIL, v.TEAM_LEADERS],
        "Betriebliche Lotsinnen und Lotsen nach niedersächsischem Vorbild (Sozialpartner); "
        "qualifiziert über § 82 SGB III.",
    ),
]

# key, actor key, title, kind, topics, target groups, formats, cost, programme, description,
# districts (None: those of the actor)
OFFERS = [
    (
        "ig-metall-betriebsraete",
        "ig-metall",
        "Unterstützung von Betriebsräten in der Transformation",
        "advice",
        ["work_org", "drivetrain"],
        [v.WORKS_COUNCIL],
        ["on_site", "in_firm"],
        "unknown",
        "",
        "Ansprechpartner für Betriebsräte und Belegschaften in Metall-, Elektro- und "
        "Automobilbetrieben.",
        None,
    ),
    (
        "ig-bce-betriebsraete",
        "ig-bce",
        "Ansprache von Betriebsräten in Kunststoff- und Gummibetrieben",
        "advice",
        ["work_org"],
        [v.WORKS_COUNCIL],
        ["on_site", "in_firm"],
        "unknown",
        "",
        "Zugang zu Betriebsräten und Belegschaften bei Zulieferern der Kunststoff- und "
        "Gummiverarbeitung.",
        None,
    ),
    *[
        (
            f"{key}-{suffix}",
            key,
            title,
            kind,
            topics,
            groups,
            formats,
            "free",
            programme,
            text,
            None,
        )
        for key in ("aa-suhl", "aa-gotha", "aa-erfurt")
        for suffix, title, kind, topics, groups, formats, programme, text in (
            (
                "ag-service",
                "Arbeitgeber-Service: Beratung zur Weiterbildungsförderung",
                "advice",
                ["skills", "labour"],
                [v.MANAGEMENT, v.HR],
                ["on_site", "online", "in_firm"],
                "",
                "Beratung von Arbeitgebern zu Fachkräftesicherung und Förderung der "
                "Weiterbildung nach SGB III.",
            ),
            (
                "82",
                "Förderung der Weiterbildung Beschäftigter (§ 82 SGB III)",
                "funding",
                ["skills"],
                [v.SKILLED, v.LOW_SKILLED, v.OLDER],
                [],
                "sgb3-82",
                "Zuschüsse zu Lehrgangskosten und Arbeitsentgelt bei Weiterbildung "
                "Beschäftigter; Voraussetzungen im Fördercheck.",
            ),
            (
                "wb-beratung",
                "Weiterbildungsberatung für Beschäftigte",
                "advice",
                ["skills"],
                [v.SKILLED, v.LOW_SKILLED, v.OLDER],
                ["on_site", "online"],
                "",
                "Berufliche Beratung zur Weiterbildung für Beschäftigte.",
            ),
        )
    ],
    (
        "gfaw-vor-ort",
        "gfaw",
        "Beratung vor Ort und online im Betrieb (Pilotprojekt mit der Agentur für Arbeit)",
        "advice",
        ["skills", "labour"],
        [v.MANAGEMENT, v.HR],
        ["in_firm", "online"],
        "unknown",
        "",
        "Pilotprojekt der GFAW-Regionalstelle Südwestthüringen mit der Agentur für Arbeit "
        "(seit Mai 2022): Beratung vor Ort und online in den Betrieben.",
        None,
    ),
    (
        "tlvwa-esf-fwrl",
        "tlvwa",
        "ESF Plus Fachkräfte- und Weiterbildungsrichtlinie",
        "funding",
        ["skills"],
        [v.MANAGEMENT, v.HR, v.SKILLED],
        [],
        "funded",
        "th-fwrl-anpassung",
        "Förderung beruflicher Weiterbildung aus dem ESF Plus; Bewilligung durch das "
        "Landesverwaltungsamt. Voraussetzungen im Fördercheck.",
        None,
    ),
    (
        "tka-weiterbildung",
        "tka",
        "Weiterbildungsangebote im Verbund",
        "training",
        ["skills"],
        [],
        ["on_site"],
        "unknown",
        "",
        "Weiterbildungsangebote der im Verbund zusammengeschlossenen Bildungsträger.",
        None,
    ),
    (
        "zett-beratung",
        "zett",
        "Kostenfreie Beratung zu digitaler Transformation und Qualifizierung",
        "advice",
        ["digital", "skills"],
        [v.MANAGEMENT, v.HR],
        ["on_site", "online", "in_firm"],
        "free",
        "",
        "Beratung für kleine und mittlere Unternehmen zur digitalen Transformation und zur "
        "Qualifizierung der Beschäftigten.",
        None,
    ),
    (
        "at-netzwerk",
        "at",
        "Branchennetzwerk der Automobil- und Zulieferbetriebe",
        "network_event",
        ["drivetrain", "business_model"],
        [v.MANAGEMENT],
        ["on_site"],
        "unknown",
        "",
        "Austausch der Automobil- und Zulieferbetriebe im Clusterverband.",
        None,
    ),
    (
        "allianz-austausch",
        "allianz",
        "Austausch zu Berufsbildung und Fachkräfteentwicklung",
        "network_event",
        ["labour", "skills"],
        [v.HR, v.APPRENTICES],
        ["on_site"],
        "unknown",
        "",
        "Ansätze der Allianz zur Berufsbildung und Fachkräfteentwicklung.",
        None,
    ),
    *[
        (
            f"{key}-bildung",
            key,
            "Aus- und Weiterbildung",
            "training",
            ["skills", "labour"],
            [v.APPRENTICES, v.SKILLED],
            ["on_site"],
            "unknown",
            "",
            "Aus- und Weiterbildung der Kammer.",
            None,
        )
        for key in ("ihk-erfurt", "ihk-suedthueringen", "hwk")
    ],
    (
        "tta-transformationsberatung",
        "tta-leg",
        "Transformationsberatung im Netzwerk ANeTT",
        "advice",
        ["drivetrain", "business_model"],
        [v.MANAGEMENT],
        ["in_firm", "online"],
        "unknown",
        "",
        "Beratung von Automobil- und Zulieferbetrieben im regionalen Transformationsnetzwerk.",
        None,
    ),
    (
        "qti-knoten-gotha",
        "tta-leg",
        "Qualifizierungsknoten (QTI-Knoten) Gotha",
        "training",
        ["skills"],
        [v.SKILLED],
        ["on_site"],
        "unknown",
        "",
        "Qualifizierungsknoten des Netzwerks in Gotha, eröffnet am 1. März 2024.",
        ["16067"],
    ),
    (
        "thimo-transfer",
        "thimo",
        "Innovations- und Transferangebote zur Mobilität",
        "advice",
        ["drivetrain", "digital"],
        [v.MANAGEMENT],
        ["on_site"],
        "unknown",
        "",
        "Angebote des Innovationszentrums Mobilität der TU Ilmenau für Betriebe.",
        None,
    ),
    (
        "weiterbildungsmentoren-beratung",
        "weiterbildungsmentoren",
        "Weiterbildungsmentoren im Betrieb",
        "coaching",
        ["skills"],
        [v.SKILLED, v.LOW_SKILLED, v.OLDER],
        ["in_firm"],
        "unknown",
        "",
        "Mentorinnen und Mentoren beraten Beschäftigte im Betrieb zur Weiterbildung.",
        None,
    ),
    (
        "transformationslotsen-betrieb",
        "transformationslotsen",
        "Transformationslotsen im Betrieb",
        "coaching",
        ["drivetrain", "skills", "work_org"],
        [v.SKILLED, v.WORKS_COUNCIL, v.TEAM_LEADERS],
        ["in_firm"],
        "unknown",
        "",
        "Betriebliche Lotsen begleiten die Beschäftigten durch die Transformation; "
        "Qualifizierung über § 82 SGB III.",
        None,
    ),
]

# source key, relation, target key, note – only what network.md states.
RELATIONS = [
    ("tta-leg", v.PARTNER_OF, "ihk-erfurt", "ANeTT: TTA leitet das Netzwerk mit IHK Erfurt"),
    ("tta-leg", v.PARTNER_OF, "thimo", "ANeTT: TTA leitet das Netzwerk mit ThIMo"),
    ("gfaw", v.PARTNER_OF, "aa-suhl", "Pilotprojekt Beratung im Betrieb (seit Mai 2022)"),
]


def _kreise(spec) -> list[Kreis]:
    qs = Kreis.objects.filter(active=True)
    if spec == TH:
        return list(qs.filter(ags__startswith="16"))
    return list(qs.filter(ags__in=spec))


@transaction.atomic
def load_actors() -> dict[str, int]:
    """Create the seed actors, offers and relations that are missing. Returns counts of
    what was created."""
    created = {"actors": 0, "offers": 0, "relations": 0}
    by_key: dict[str, Actor] = {a.key: a for a in Actor.objects.filter(key__isnull=False)}
    seats = {k.ags: k for k in Kreis.objects.filter(active=True, ags__startswith="16")}
    for key, name, short, kind, seat, kreise, topics, groups, text in ACTORS:
        if key in by_key:
            continue
        actor = Actor.objects.create(
            key=key,
            name=name,
            short_name=short,
            kind=kind,
            seat=seats.get(seat),
            topics=topics,
            target_groups=groups,
            description=text,
        )
        actor.kreise.set(_kreise(kreise))
        by_key[key] = actor
        created["actors"] += 1
    existing = set(Offer.objects.filter(key__isnull=False).values_list("key", flat=True))
    for key, actor_key, title, kind, topics, groups, formats, cost, prog, text, where in OFFERS:
        if key in existing or actor_key not in by_key:
            continue
        offer = Offer.objects.create(
            key=key,
            actor=by_key[actor_key],
            title=title,
            kind=kind,
            topics=topics,
            target_groups=groups,
            formats=formats,
            cost=cost,
            languages=["de"],
            funding_programme=prog,
            description=text,
        )
        if where:
            offer.kreise.set(_kreise(where))
        created["offers"] += 1
    for src, kind, dst, note in RELATIONS:
        if src in by_key and dst in by_key:
            _rel, new = ActorRelation.objects.get_or_create(
                source=by_key[src], kind=kind, target=by_key[dst], defaults={"note": note}
            )
            created["relations"] += int(new)
    return created
