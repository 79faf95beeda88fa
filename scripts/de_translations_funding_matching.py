"""German texts of the matching page, referral tracking and measure records (funding)."""

DE = {
    "%(topic)s: measure under %(programme)s": "%(topic)s: Maßnahme nach %(programme)s",
    "A completed measure cannot end in the future.": (
        "Eine abgeschlossene Maßnahme kann nicht in der Zukunft enden."
    ),
    "A completed measure needs its end.": "Eine abgeschlossene Maßnahme braucht ihr Ende.",
    "A need entered by hand replaces the current need of its topic (also one from the check).": (
        "Ein von Hand erfasster Bedarf ersetzt den aktuellen Bedarf seines Themas (auch einen "
        "aus dem Check)."
    ),
    "A running or completed measure needs its start.": (
        "Eine laufende oder abgeschlossene Maßnahme braucht ihren Beginn."
    ),
    "All measures of the network": "Alle Maßnahmen des Netzwerks",
    "All offers by topic": "Alle Angebote nach Thema",
    "Applied for": "Beantragt",
    "Choose the need (topic) to refer.": "Wählen Sie den Bedarf (das Thema), der vermittelt wird.",
    "Course of the referral": "Verlauf der Vermittlung",
    "Employed after 6 months": "Nach 6 Monaten beschäftigt",
    "Employed after 6 months (of participants with outcome)": (
        "Nach 6 Monaten beschäftigt (von Teilnehmenden mit Ergebnis)"
    ),
    "End": "Ende",
    "Enter a need by hand": "Bedarf von Hand erfassen",
    "Enter it once six months have passed since the end; leave it empty until then.": (
        "Tragen Sie die Zahl ein, sobald sechs Monate seit dem Ende vergangen sind; bis dahin "
        "leer lassen."
    ),
    "Every change is recorded as an activity of the firm and moves its outreach stage forward "
    "(never back).": (
        "Jede Änderung wird als Aktivität des Betriebs erfasst und bringt ihn in der "
        "Ansprache-Pipeline voran (nie zurück)."
    ),
    "Follow-up due": "Nachfassen fällig",
    "For every current need of the firm: the offers of the network's actors and the funding "
    "programmes that fit, best first, with the reasons. Programmes are calculated on %(day)s for "
    "a typical measure of the firm (course of 160 hours at 4,000 € for one participant of 40, "
    "consulting of 5 days at 4,000 €, coaching of 8 days); plan the real measure in the "
    "Förderrechner.": (
        "Zu jedem aktuellen Bedarf des Betriebs: die passenden Angebote der Akteure im Netzwerk "
        "und die Förderprogramme, die besten zuerst, jeweils mit Begründung. Die Programme sind "
        "am %(day)s für eine typische Maßnahme des Betriebs berechnet (Lehrgang mit 160 Stunden "
        "zu 4.000 € für eine Person von 40 Jahren, Beratung mit 5 Tagen zu 4.000 €, Coaching "
        "mit 8 Tagen); die echte Maßnahme planen Sie im Förderrechner."
    ),
    "From the referral to %(actor)s (%(offer)s).": "Aus der Vermittlung an %(actor)s (%(offer)s).",
    "Funding applied for": "Beantragte Förderung",
    "Funding applied for (EUR)": "Beantragte Förderung (EUR)",
    "Funding granted": "Bewilligte Förderung",
    "Funding granted (EUR)": "Bewilligte Förderung (EUR)",
    "Granted": "Bewilligt",
    "Hours per participant": "Stunden je Teilnehmende/n",
    "Its participants, hours and funding no longer count in the network's figures.": (
        "Ihre Teilnehmenden, Stunden und Fördermittel zählen dann nicht mehr in den Zahlen des "
        "Netzwerks."
    ),
    "Matching offers": "Passende Angebote",
    "Measure carried out": "Durchgeführte Maßnahme",
    "Measure “%(title)s”: %(status)s.": "Maßnahme „%(title)s“: %(status)s.",
    "Measure: %(measure)s.": "Maßnahme: %(measure)s.",
    "Measures": "Maßnahmen",
    "Measures carried out": "Durchgeführte Maßnahmen",
    "Measures from this referral": "Maßnahmen aus dieser Vermittlung",
    "Measures of the network": "Maßnahmen des Netzwerks",
    "More funding granted than applied for.": "Mehr Förderung bewilligt als beantragt.",
    "More participants still employed (%(employed)s) than took part (%(n)s).": (
        "Mehr weiterhin beschäftigte Teilnehmende (%(employed)s) als Teilnehmende (%(n)s)."
    ),
    "No current need recorded. Run the transformation check with the firm or enter a need by "
    "hand below.": (
        "Kein aktueller Bedarf erfasst. Führen Sie den Transformations-Check mit dem Betrieb "
        "durch oder erfassen Sie unten einen Bedarf von Hand."
    ),
    "No funding programme of the catalogue fits this topic.": (
        "Kein Förderprogramm des Katalogs passt zu diesem Thema."
    ),
    "No measure recorded yet.": "Noch keine Maßnahme erfasst.",
    "No offer of the network covers this topic yet – see the gap analysis.": (
        "Noch kein Angebot im Netzwerk deckt dieses Thema ab – siehe Lückenanalyse."
    ),
    "Offers of the network": "Angebote des Netzwerks",
    "Participant hours": "Teilnehmendenstunden",
    "Participants with a recorded outcome": "Teilnehmende mit erfasstem Ergebnis",
    "Period": "Zeitraum",
    "Plan a measure": "Maßnahme planen",
    "Prefilled from the planned measure “%(title)s” and its chosen combination.": (
        "Vorausgefüllt aus der geplanten Maßnahme „%(title)s“ und ihrer gewählten Kombination."
    ),
    "Prefilled with a typical measure for the chosen programme; the programme is chosen when "
    "you save. Adjust the figures to the real measure.": (
        "Mit einer typischen Maßnahme für das gewählte Programm vorausgefüllt; das Programm wird "
        "beim Speichern gewählt. Passen Sie die Zahlen an die echte Maßnahme an."
    ),
    "Record a measure": "Maßnahme erfassen",
    "Record a planned measure": "Geplante Maßnahme erfassen",
    "Record the measure": "Maßnahme erfassen",
    "Refer": "Verweisen",
    "Referral proposed. Record the firm's consent and send it to the actor.": (
        "Vermittlung vorgeschlagen. Erfassen Sie die Einwilligung des Betriebs und senden Sie "
        "sie an den Akteur."
    ),
    "Referral to %(actor)s (%(offer)s): %(old)s → %(new)s.": (
        "Vermittlung an %(actor)s (%(offer)s): %(old)s → %(new)s."
    ),
    "Referral to %(actor)s (%(offer)s, topic %(topic)s) proposed.": (
        "Vermittlung an %(actor)s (%(offer)s, Thema %(topic)s) vorgeschlagen."
    ),
    "Retention rate": "Verbleibsquote",
    "Save need": "Bedarf speichern",
    "Six months after the end (%(date)s) have not passed yet.": (
        "Sechs Monate nach dem Ende (%(date)s) sind noch nicht vergangen."
    ),
    "Takes over title, provider, participants, hours, cost and the grants of the chosen "
    "combination from the Förderrechner.": (
        "Übernimmt Titel, Anbieter, Teilnehmende, Stunden, Kosten und die Zuschüsse der "
        "gewählten Kombination aus dem Förderrechner."
    ),
    "The amount in the grant notice.": "Der Betrag im Bewilligungsbescheid.",
    "The end of the period lies before its start.": "Das Ende des Zeitraums liegt vor seinem Beginn.",
    "The filter is not valid; no measure is shown.": (
        "Der Filter ist ungültig; es wird keine Maßnahme angezeigt."
    ),
    "The measure record was deleted.": "Die Maßnahme wurde gelöscht.",
    "The measure was saved.": "Die Maßnahme wurde gespeichert.",
    "The outcome after six months needs a completed measure with its end.": (
        "Das Ergebnis nach sechs Monaten setzt eine abgeschlossene Maßnahme mit Ende voraus."
    ),
    "The programmes cannot be calculated: the company record lacks": (
        "Die Programme können nicht berechnet werden: Im Betriebsdatensatz fehlt"
    ),
    "The referral to an actor this measure came from, if any.": (
        "Die Vermittlung an einen Akteur, aus der die Maßnahme hervorging, falls vorhanden."
    ),
    "Total cost (EUR)": "Gesamtkosten (EUR)",
    "Totals": "Summen",
    "Why it fits": "Warum es passt",
    "a main instrument for %(topic)s": "ein Hauptinstrument für %(topic)s",
    "about %(eur)s for a typical %(kind)s": "etwa %(eur)s für eine typische Maßnahme (%(kind)s)",
    "addresses the works council, which the firm has": (
        "richtet sich an den Betriebsrat, den der Betrieb hat"
    ),
    "aimed at works councils only; the firm has none": (
        "nur für Betriebsräte; der Betrieb hat keinen"
    ),
    "can support %(topic)s": "kann %(topic)s unterstützen",
    "coaching": "Coaching",
    "consulting project": "Beratung",
    "continuing-education course": "Weiterbildungslehrgang",
    "eligible for a typical %(kind)s of the firm (%(basis)s)": (
        "förderfähig für eine typische Maßnahme des Betriebs (%(kind)s; %(basis)s)"
    ),
    "for %(groups)s": "für %(groups)s",
    "from": "von",
    "legal entitlement once the conditions are met": (
        "Rechtsanspruch, sobald die Voraussetzungen erfüllt sind"
    ),
    "measure completed": "Maßnahme abgeschlossen",
    "measure recorded": "Maßnahme erfasst",
    "measure started": "Maßnahme begonnen",
    "no district stated": "kein Landkreis angegeben",
    "not calculated": "nicht berechnet",
    "not calculated: the company record lacks data (%(basis)s)": (
        "nicht berechnet: Im Betriebsdatensatz fehlen Angaben (%(basis)s)"
    ),
    "not eligible for a typical %(kind)s: %(why)s": (
        "nicht förderfähig für eine typische Maßnahme (%(kind)s): %(why)s"
    ),
    "not offered in the firm's district or a neighbouring one": (
        "nicht im Landkreis des Betriebs oder einem Nachbarkreis angeboten"
    ),
    "number of employees": "Anzahl der Beschäftigten",
    "offers exactly this topic (%(topic)s)": "bietet genau dieses Thema an (%(topic)s)",
    "online, wherever the firm is": "online, unabhängig vom Standort",
    "only follow-up due": "nur Nachfassen fällig",
    "open to all target groups": "offen für alle Zielgruppen",
    "reaches the firm without a works council (for %(groups)s)": (
        "erreicht den Betrieb auch ohne Betriebsrat (für %(groups)s)"
    ),
    "record as a measure": "als Maßnahme erfassen",
    "referred": "vermittelt",
    "serves a neighbouring district (%(kreise)s)": "bedient einen Nachbarkreis (%(kreise)s)",
    "serves the firm's district %(kreis)s": "bedient den Landkreis des Betriebs %(kreis)s",
    "stands for %(programme)s, eligible for this firm": (
        "steht für %(programme)s, für diesen Betrieb förderfähig"
    ),
    "stands for %(programme)s, not eligible for this firm": (
        "steht für %(programme)s, für diesen Betrieb nicht förderfähig"
    ),
    "stands for %(programme)s, to be checked for this firm": (
        "steht für %(programme)s, für diesen Betrieb zu prüfen"
    ),
    "takes place in the firm, which suits an SME": "findet im Betrieb statt, passend für ein KMU",
    "the actor works on %(topic)s; this offer is listed for others": (
        "der Akteur arbeitet zu %(topic)s; dieses Angebot ist für andere Themen eingetragen"
    ),
    "the first 500 are listed; the export holds all.": (
        "die ersten 500 sind aufgeführt; der Export enthält alle."
    ),
    "to be checked for a typical %(kind)s of the firm: %(n)s open points (%(basis)s)": (
        "zu prüfen für eine typische Maßnahme des Betriebs (%(kind)s): %(n)s offene Punkte "
        "(%(basis)s)"
    ),
    "until": "bis",
    "“Follow-up due”: six months have passed since the end and the number of participants "
    "still employed is not recorded.": (
        "„Nachfassen fällig“: Seit dem Ende sind sechs Monate vergangen und die Zahl der "
        "weiterhin beschäftigten Teilnehmenden ist nicht erfasst."
    ),
    "%(n)s participant": ("%(n)s Teilnehmende/r", "%(n)s Teilnehmende"),
    "%(n)s programme of the topic is not eligible": (
        "%(n)s Programm des Themas ist nicht förderfähig",
        "%(n)s Programme des Themas sind nicht förderfähig",
    ),
    "%(n)s measure": ("%(n)s Maßnahme", "%(n)s Maßnahmen"),
}
