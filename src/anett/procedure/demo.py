"""Reference and demo content of the procedure.

- The workshop of 23.02.2022 ("Workshop II – Sozialpartner und Branchennetzwerk") with its
  Fazit points, read from `data/workshop-fazit-2022-02-23.txt`: real, public content of the
  network, marked as reference (`Workshop.is_reference`), not as demo.
- Its next steps ("Weiteres Verfahren") as action items.
- The call for contributions "Skizze 2.0" with the sections the Fazit names and the deadline
  of KW 9 (1 March 2022); the invitees (fictitious contact persons @example.org at actors of
  the network seed), their contributions and the meeting poll are demo content (`is_demo`).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from . import fazit, services
from .models import (
    ActionItem,
    ActionStatus,
    Call,
    Contribution,
    FazitPoint,
    Poll,
    PollAnswer,
    PollOption,
    Section,
    Workshop,
    WorkshopStatus,
)

SEED_FILE = Path(__file__).parent / "data" / "workshop-fazit-2022-02-23.txt"
WORKSHOP_DAY = date(2022, 2, 23)
CALL_TITLE = "Beiträge zur Projektskizze 2.0"
DEADLINE = date(2022, 3, 1)  # "KW 9 (möglichst bis 1.3.2022)"

SECTIONS = [
    (
        "Pilotregion",
        "Wie begründen wir den Zuschnitt Wartburgkreis / Westthüringen mit Akzent LK Sömmerda "
        "(Handlungsbedarf, kritische Masse)?",
    ),
    (
        "Unternehmen, die sich bisher eher passiv verhalten",
        "Wie setzen wir Impulse in Betrieben, die sich nicht ausreichend auf die Transformation "
        "vorbereiten und keine Hilfe suchen?",
    ),
    (
        "Betriebsräte und Belegschaften",
        "Wo können wir proaktiv Belegschaften und Betriebsräte erreichen – besonders in KMU "
        "ohne Betriebsrat?",
    ),
    (
        "Qualifizierung",
        "Welche bestehenden Angebote (Weiterbildungsmentoren, Transformationslotsen, "
        "Pilotprojekt Südwestthüringen) nutzen wir für die Weiterbeschäftigungsfähigkeit?",
    ),
    (
        "Akteure",
        "Wo sind Lücken im Netz der Akteure, und welche bestehenden Strukturen (TKA, ZeTT, at) "
        "nehmen wir ins Konzept auf?",
    ),
    (
        "Partnernetzwerk",
        "Wie bauen wir ein agiles Partnernetzwerk auf, über das Erkenntnisse zeitnah übertragen "
        "werden?",
    ),
    (
        "KMU-Fokus und Wissenstransfer",
        "Wie schärfen wir den Fokus auf kleine und mittlere Unternehmen und binden den Transfer "
        "in benachbarte Regionen (Nachhaltigkeit) ein?",
    ),
]

# actor key (network seed), fictitious contact, {section no.: (text, submitted?)}
INVITEES = [
    (
        "ig-metall",
        "Demo-Kontakt IG Metall",
        {
            3: (
                "[Demo] Betriebsräte bleiben wichtige Türöffner, aber in KMU ohne Betriebsrat "
                "sprechen wir Belegschaften direkt an: Betriebsversammlungen, Sprechstunden vor "
                "Ort und digitale Formate.",
                True,
            ),
            2: (
                "[Demo] Passive Betriebe über die Lieferkette und über Branchentreffen der "
                "Zulieferer ansprechen, nicht nur über die Automobilbranche im engen Sinn.",
                True,
            ),
        },
    ),
    (
        "gfaw",
        "Demo-Kontakt GFAW",
        {
            4: (
                "[Demo] Das Pilotprojekt mit der Agentur für Arbeit Suhl (ab Mai 2022) berät "
                "vor Ort, im Betrieb und online – auch zu den Förderangeboten des Landes (ESF).",
                True,
            ),
        },
    ),
    (
        "ig-bce",
        "Demo-Kontakt IG BCE",
        {2: ("[Demo] Entwurf: Kunststoff- und Gummiverarbeiter gezielt einbinden.", False)},
    ),
    ("aa-suhl", "Demo-Kontakt Agentur für Arbeit Suhl", {}),
]

# "Weiteres Verfahren" of the Fazit. The Fazit does not say who did what or when it was
# done, so all stay open; only the due dates come from it ("Ende der Woche" = Fri 25.02.,
# "KW 9 (möglichst bis 1.3.2022)", "Spätestens am 10. März").
NEXT_STEPS = [
    ("Fazit des Workshops an die Teilnehmenden versenden", date(2022, 2, 25), False),
    ("Beiträge für die Skizze 2.0 sammeln und verschriftlichen", DEADLINE, False),
    ("Termin mit allen Akteuren zur finalen Version finden", date(2022, 3, 4), False),
    ("Skizze 2.0 beim Projektträger einreichen", date(2022, 3, 10), False),
]


def _aware(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def load_reference_workshop() -> tuple[Workshop, bool]:
    """The real workshop of 23.02.2022 with its Fazit points (idempotent)."""
    parsed = fazit.parse(SEED_FILE.read_text(encoding="utf-8"))
    existing = Workshop.objects.filter(is_reference=True, title=parsed.title).first()
    if existing:
        return existing, False
    with transaction.atomic():
        workshop = Workshop.objects.create(
            title=parsed.title,
            starts_at=_aware(parsed.day or WORKSHOP_DAY, 10),
            organiser="ANeTT (Sozialpartner und Branchennetzwerk)",
            status=WorkshopStatus.HELD,
            minutes_due_days=2,  # "Versand an TN bis Ende der Woche" (Wed → Fri)
            minutes_intro=(
                "Öffentliches Fazit des Netzwerks (Referenzinhalt, nicht fiktiv). Uhrzeit, Ort "
                "und Teilnehmende nennt das Fazit nicht; die Uhrzeit ist ein Platzhalter."
            ),
            is_reference=True,
        )
        FazitPoint.objects.bulk_create(
            FazitPoint(workshop=workshop, position=i, heading=p.heading, text=p.text)
            for i, p in enumerate(parsed.points, 1)
        )
    return workshop, True


def create_demo(seed: int, log) -> str | None:
    from anett.core.models import User
    from anett.network.models import Actor

    workshop, created = load_reference_workshop()
    coordinator = User.objects.filter(username="koordination").first()
    if created:
        for text, due, done in NEXT_STEPS:
            ActionItem.objects.create(
                text=text,
                owner_user=coordinator,
                due_date=due,
                workshop=workshop,
                status=ActionStatus.DONE if done else ActionStatus.OPEN,
                done_at=_aware(due, 12) if done else None,
            )
    if Call.objects.filter(title=CALL_TITLE, is_demo=True).exists():
        return None
    actors = {a.key: a for a in Actor.objects.filter(key__in=[k for k, *_ in INVITEES])}
    with transaction.atomic():
        call = Call.objects.create(
            title=CALL_TITLE,
            document_title="Projektskizze 2.0 – ANeTT",
            intro=(
                "Aus dem Workshop vom 23.02.2022: Zusendung von Ideen, Anregungen und "
                "Textbausteinen für die Skizze 2.0 von den entsprechenden Akteuren erbeten. "
                "Alle Beiträge werden in KW 9 gesammelt und verschriftlicht; spätestens am "
                "10. März erfolgt die Einreichung beim Träger."
            ),
            workshop=workshop,
            deadline=DEADLINE,
            reminder_days="7, 2",
            is_demo=True,
            created_by=coordinator,
        )
        sections = [
            Section.objects.create(call=call, position=i, title=title, question=question)
            for i, (title, question) in enumerate(SECTIONS, 1)
        ]
        submitted_at = _aware(date(2022, 2, 28), 16)
        invitations = []
        for n, (key, contact, texts) in enumerate(INVITEES):
            actor = actors.get(key)
            inv = services.create_invitation(
                call,
                actor=actor,
                name=contact,
                email=f"demo-{key}@example.org",
                org=actor.name if actor else key,
            )
            invitations.append(inv)
            for number, (text, submitted) in texts.items():
                Contribution.objects.create(
                    invitation=inv,
                    section=sections[number - 1],
                    text=text,
                    submitted_text=text if submitted else "",
                    submitted_at=submitted_at + timedelta(minutes=n) if submitted else None,
                )
            if any(submitted for _t, submitted in texts.values()):
                inv.submitted_at = submitted_at + timedelta(minutes=n)
                inv.save(update_fields=["submitted_at"])
        # One link stays usable for trying it out: its deadline is extended.
        services.extend_invitation(invitations[-1], timezone.localdate() + timedelta(days=14))

        poll = Poll.objects.create(
            title="Abstimmung der finalen Version der Skizze 2.0",
            note="Termin mit allen Akteuren finden, um über die finale Version zu sprechen.",
            place="online",
            call=call,
            is_demo=True,
            created_by=coordinator,
        )
        options = [
            PollOption.objects.create(poll=poll, starts_at=_aware(day, hour))
            for day, hour in ((date(2022, 3, 2), 10), (date(2022, 3, 3), 14), (date(2022, 3, 4), 9))
        ]
        invitees = [
            services.create_poll_invitee(poll, name=i.name, email=i.email, org=i.actor_name)
            for i in invitations
        ]
        for invitee, answers in zip(
            invitees,
            (("yes", "maybe", "no"), ("yes", "yes", "no"), ("no", "yes", "maybe")),
            strict=False,
        ):
            for option, answer in zip(options, answers, strict=True):
                PollAnswer.objects.create(invitee=invitee, option=option, answer=answer)
            invitee.answered_at = timezone.now()
            invitee.save(update_fields=["answered_at"])
    return (
        f"Verfahren: Referenz-Workshop 23.02.2022 ({workshop.fazit.count()} Fazit-Punkte), "
        f"Aufruf „{CALL_TITLE}“ mit {len(sections)} Abschnitten und {len(invitations)} "
        "Demo-Einladungen, eine offene Terminumfrage."
    )
