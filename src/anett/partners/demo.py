"""Demo content of the partner area: two fictitious partner organisations (marked demo),
the demo user `partner` as a member of one, published insights about the transformation in
the pilot region, one draft, and a question with its answer. Idempotent."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from anett.core import roles
from anett.core.models import User
from anett.regions.models import Kreis, Region

from . import vocab
from .models import (
    Contribution,
    Insight,
    InsightStatusChange,
    PartnerMembership,
    PartnerOrganisation,
)

ORGANISATIONS = [
    {
        "name": "Demo-Bildungswerk Westthüringen e. V.",
        "kind": "education_provider",
        "contact_email": "info@bildungswerk-west.demo.anett.invalid",
        "ags": ["16063", "16066"],
        "note": "Fiktive Partnerorganisation für die Demo.",
    },
    {
        "name": "Demo-Wirtschaftsförderung Region Nordhessen",
        "kind": "business_development",
        "contact_email": "kontakt@wifoe-nordhessen.demo.anett.invalid",
        "ags": ["06636", "06632"],
        "note": "Fiktiver Transferpartner aus einer Nachbarregion (Demo).",
    },
]

INSIGHTS = [
    {
        "title": "Zulieferer qualifiziert Un- und Angelernte für die E-Motoren-Fertigung",
        "kind": vocab.GOOD_PRACTICE,
        "topics": ["skills", "drivetrain"],
        "branch_groups": ["supplier"],
        "ags": ["16063"],
        "days_ago": 40,
        "summary": (
            "Ein mittelständischer Metallverarbeiter im Wartburgkreis hat 14 an- und "
            "ungelernte Beschäftigte in neun Monaten berufsbegleitend zu Fachkräften für "
            "Wickel- und Isoliertechnik qualifiziert – gefördert nach § 82 SGB III."
        ),
        "body": """## Ausgangslage
Der Betrieb fertigte bisher überwiegend Teile für Verbrennungsmotoren. Ein neuer Auftrag für
Statorgehäuse verlangte Kenntnisse, die in der Belegschaft fehlten.

## Vorgehen
- Bedarfsanalyse mit dem Weiterbildungsmentor und dem Arbeitgeber-Service der Agentur für Arbeit
- Modulare Teilqualifizierung in Blöcken von vier Wochen, **Lernen am eigenen Arbeitsplatz**
- Freistellung über Schichtmodelle; der Lohnkostenzuschuss deckte einen großen Teil der Ausfallzeit

## Was half
1. Ein fester Ansprechpartner im Betrieb (Schichtleitung, nicht Personalabteilung)
2. Frühe Einbindung der Belegschaft in einer Betriebsversammlung
3. Anerkennung der Teilqualifikationen durch die Kammer

> „Die Förderung war nicht das Problem – die Organisation der Freistellung war es.“
""",
    },
    {
        "title": "Betriebe ohne Betriebsrat erreichen: über Kammern und Netzwerke",
        "kind": vocab.LESSON_LEARNED,
        "topics": ["work_org"],
        "branch_groups": ["supplier", "neighbouring"],
        "region": "pilotregion",
        "days_ago": 25,
        "summary": (
            "Kleine Betriebe ohne Betriebsrat haben auf Anschreiben des Netzwerks kaum "
            "reagiert. Erfolgreicher waren persönliche Einladungen über Kammer-Stammtische "
            "und Unternehmernetzwerke vor Ort."
        ),
        "body": """## Was wir versucht haben
Im ersten Halbjahr haben wir rund 120 kleine Zulieferer ohne Betriebsrat angeschrieben. Die
Rücklaufquote lag unter fünf Prozent.

## Was wir gelernt haben
- Der Absender zählt: Eine Einladung der **IHK** oder eines regionalen Unternehmernetzwerks
  wird gelesen, ein Brief eines unbekannten Netzwerks nicht.
- Geschäftsführungen kleiner Betriebe wollen zuerst über **Fachkräfte und Aufträge** sprechen,
  nicht über „Transformation“.
- Ein kurzer Transformations-Check vor Ort (30 Minuten) öffnet mehr Türen als eine
  Informationsveranstaltung.

## Empfehlung
Betriebsräte bleiben wichtige Partner, sind aber nicht die einzige Anlaufstelle. Für Betriebe
ohne Mitbestimmung braucht es eigene Wege über Kammern, Verbände und Bürgermeister.
""",
    },
    {
        "title": "Weiterbildungsmentoren als Türöffner in die Belegschaft",
        "kind": vocab.FINDING,
        "topics": ["skills", "labour"],
        "branch_groups": ["automotive", "supplier"],
        "region": "pilotregion",
        "days_ago": 18,
        "summary": (
            "Wo ein Weiterbildungsmentor im Betrieb aktiv ist, nehmen Beschäftigte "
            "Beratungsangebote deutlich häufiger an – besonders Beschäftigte über 45."
        ),
        "body": """Die Auswertung der Aktivitäten des Netzwerks zeigt: In Betrieben mit aktivem
Weiterbildungsmentor kommt nach dem Erstgespräch häufiger eine Maßnahme zustande als in
Betrieben, die nur von außen beraten werden.

Die Mentorinnen und Mentoren kennen die Arbeitsabläufe und können Ängste vor dem
„Zurück auf die Schulbank“ abbauen. Für die Netzwerkarbeit heißt das:

- Mentoren früh in die Ansprache einbinden
- Sprechstunden im Betrieb statt Termine in der Agentur
- Erfolge einzelner Beschäftigter (mit deren Einverständnis) sichtbar machen
""",
    },
    {
        "title": "Energiekosten senken und qualifizieren: Energie-Scouts in der Ausbildung",
        "kind": vocab.GOOD_PRACTICE,
        "topics": ["energy", "skills"],
        "branch_groups": ["supplier"],
        "ags": ["16068"],
        "days_ago": 9,
        "summary": (
            "Auszubildende eines Kunststoffverarbeiters im Landkreis Sömmerda haben als "
            "Energie-Scouts Druckluftlecks und Leerlaufzeiten aufgespürt. Der Betrieb spart "
            "seitdem spürbar Strom; die Azubis haben ein Projekt für ihre Prüfung."
        ),
        "body": """Das Projekt lief über die IHK-Qualifizierung „Energie-Scouts“ und dauerte
drei Monate. Entscheidend war, dass die Geschäftsführung die Vorschläge der Auszubildenden
ernst genommen und schnell umgesetzt hat.

**Übertragbar** auf andere Betriebe der Zulieferindustrie mit hohem Druckluft- oder
Wärmebedarf. Ansprechpartner für Nachahmer vermittelt das Netzwerkbüro.
""",
    },
    {
        "title": "Nachfolge rechtzeitig ansprechen: Erfahrungen aus 20 Erstgesprächen",
        "kind": vocab.LESSON_LEARNED,
        "topics": ["succession", "business_model"],
        "branch_groups": ["neighbouring"],
        "region": "pilotregion",
        "days_ago": 3,
        "summary": (
            "In vielen inhabergeführten Betrieben ist die Nachfolge ungeklärt, wird aber im "
            "Erstgespräch selten von selbst angesprochen. Eine offene Frage im Check hilft."
        ),
        "body": """Die Frage nach der Nachfolge ist heikel. Bewährt hat sich, sie als Teil der
Zukunftsplanung zu stellen („Wo steht der Betrieb in zehn Jahren?“) und auf die
Nachfolgeberatung der Kammern hinzuweisen. Ein Drittel der Betriebe hat danach um einen
Folgetermin gebeten.
""",
    },
]

DRAFT = {
    "title": "Entwurf: Digitalisierung der Qualitätssicherung in kleinen Gießereien",
    "kind": vocab.FINDING,
    "topics": ["digital"],
    "branch_groups": ["supplier"],
    "summary": "Noch in Arbeit: erste Beobachtungen aus drei Betriebsbesuchen.",
    "body": "*Entwurf – noch nicht freigegeben.*",
}


def _kreise(ags):
    return list(Kreis.objects.filter(ags__in=ags))


@transaction.atomic
def create_demo(seed: int = 2022, log=print) -> str | None:
    author = (
        User.objects.filter(username="koordination").first()
        or User.objects.filter(role=roles.KOORDINATION).first()
    )
    reviewer = (
        User.objects.filter(username="admin").first()
        or User.objects.filter(role=roles.ADMIN).first()
    )
    if author is None:
        return None
    orgs = []
    for spec in ORGANISATIONS:
        org, _created = PartnerOrganisation.objects.get_or_create(
            name=spec["name"],
            defaults={
                "kind": spec["kind"],
                "contact_email": spec["contact_email"],
                "note": spec["note"],
                "is_demo": True,
            },
        )
        org.kreise.set(_kreise(spec["ags"]))
        orgs.append(org)
    pilot = Region.objects.filter(slug="pilotregion").first()
    if pilot:
        orgs[0].regions.add(pilot)
    partner = User.objects.filter(username="partner").first()
    if partner and not PartnerMembership.objects.filter(user=partner).exists():
        PartnerMembership.objects.create(organisation=orgs[0], user=partner, added_by=author)
        partner.organisation = orgs[0].name
        partner.save(update_fields=["organisation"])

    now = timezone.now()
    created = 0
    insights = []
    for spec in INSIGHTS:
        insight = Insight.objects.filter(title=spec["title"], is_demo=True).first()
        if insight is None:
            published = now - timedelta(days=spec["days_ago"])
            insight = Insight.objects.create(
                title=spec["title"],
                kind=spec["kind"],
                summary=spec["summary"],
                body=spec["body"],
                topics=spec["topics"],
                branch_groups=spec["branch_groups"],
                status=vocab.PUBLISHED,
                published_at=published,
                author=author,
                reviewer=reviewer,
                is_demo=True,
            )
            if spec.get("ags"):
                insight.kreise.set(_kreise(spec["ags"]))
            if spec.get("region"):
                insight.regions.set(Region.objects.filter(slug=spec["region"]))
            for at, old, new, by in [
                (published - timedelta(days=2), "", vocab.IN_REVIEW, author),
                (published, vocab.IN_REVIEW, vocab.PUBLISHED, reviewer),
            ]:
                InsightStatusChange.objects.create(
                    insight=insight, from_status=old, to_status=new, by=by, at=at
                )
            created += 1
        insights.append(insight)
    if not Insight.objects.filter(title=DRAFT["title"], is_demo=True).exists():
        Insight.objects.create(
            **{k: v for k, v in DRAFT.items()}, status=vocab.DRAFT, author=author, is_demo=True
        )
        created += 1

    if insights and partner and not Contribution.objects.filter(insight=insights[0]).exists():
        question = Contribution.objects.create(
            insight=insights[0],
            kind=vocab.QUESTION,
            text=(
                "Wie lange hat es gedauert, bis die Förderzusage der Agentur vorlag? Wir planen "
                "etwas Ähnliches mit einem Betrieb in Bad Salzungen."
            ),
            author=partner,
            organisation=orgs[0],
            organisation_name=orgs[0].name,
        )
        Contribution.objects.create(
            insight=insights[0],
            parent=question,
            kind=vocab.ANSWER,
            text=(
                "Rund sechs Wochen ab dem vollständigen Antrag. Wichtig war, die "
                "Bildungsmaßnahme vorher nach AZAV zertifizieren zu lassen."
            ),
            author=author,
            organisation_name="ANeTT-Netzwerkbüro",
        )
    if not created:
        return None
    return f"Partnerbereich: {len(orgs)} Partnerorganisationen, {created} Erkenntnisse (Demo)."
