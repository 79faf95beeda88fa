"""German translations of the dashboard and the report to the funding body (anett.reports)."""

DE = {
    # navigation, pages
    "Dashboard": "Dashboard",
    "Report": "Bericht",
    "ANeTT dashboard": "ANeTT-Dashboard",
    "Reports to the funding body": "Berichte an den Projektträger",
    "Report to the funding body": "Bericht an den Projektträger",
    "A report covers a period and a region: the indicators, per district, per branch group "
    "and per month, with a short text per section written by the coordinators. Download it "
    "as Word or Excel.": "Ein Bericht umfasst einen Zeitraum und eine Region: die Kennzahlen, "
    "je Kreis, je Branchengruppe und je Monat, mit einem kurzen Text der Koordination zu jedem "
    "Abschnitt. Download als Word oder Excel.",
    "New report period": "Neuer Berichtszeitraum",
    "Edit report period": "Berichtszeitraum bearbeiten",
    "Edit period": "Zeitraum bearbeiten",
    "No report period yet.": "Noch kein Berichtszeitraum angelegt.",
    "Report %(year)s": "Bericht %(year)s",
    "Report period “%(title)s” saved.": "Berichtszeitraum „%(title)s“ gespeichert.",
    "Report period “%(title)s” deleted.": "Berichtszeitraum „%(title)s“ gelöscht.",
    "The texts written for its sections are deleted with it.": "Die dazu geschriebenen Texte "
    "der Abschnitte werden mitgelöscht.",
    "The period must not end before it starts.": "Der Zeitraum darf nicht vor seinem Beginn enden.",
    "The region of this report was deleted. Please choose a region for the report.": "Die "
    "Region dieses Berichts wurde gelöscht. Bitte wählen Sie eine Region für den Bericht.",
    "Download as Word": "Als Word herunterladen",
    "Download as Excel": "Als Excel herunterladen",
    "Save texts": "Texte speichern",
    "Texts saved.": "Texte gespeichert.",
    "Text of the coordinators": "Text der Koordination",
    "(No text written for this section.)": "(Zu diesem Abschnitt wurde kein Text geschrieben.)",
    "Internal: figures without small-cell suppression, for the funding body only. Do not pass "
    "on to partners or publish.": "Intern: Zahlen ohne Geheimhaltung kleiner Fallzahlen, nur "
    "für den Projektträger. Nicht an Partner weitergeben und nicht veröffentlichen.",
    "Changed": "Geändert",
    "Item": "Angabe",
    "Appendix": "Anhang",
    "Per district": "Je Kreis",
    "Per branch group": "Je Branchengruppe",
    "Per month": "Je Monat",
    # models
    "report period": "Berichtszeitraum",
    "report periods": "Berichtszeiträume",
    "report text": "Berichtstext",
    "report texts": "Berichtstexte",
    "report": "Bericht",
    "from": "von",
    "to": "bis",
    # sections
    "Advice and needs": "Beratung und Bedarfe",
    "Qualification and funding": "Qualifizierung und Förderung",
    "Works councils and SMEs": "Betriebsräte und KMU",
    "Network and partners": "Netzwerk und Partner",
    "Outlook": "Ausblick",
    # filters
    "Period": "Zeitraum",
    "All time": "Gesamter Zeitraum",
    "All branch groups": "Alle Branchengruppen",
    "Need level": "Bedarfsstufe",
    "Map colours districts by": "Karte färbt Kreise nach",
    "The filter “%(field)s” had an unknown value and was reset.": "Der Filter „%(field)s“ "
    "hatte einen unbekannten Wert und wurde zurückgesetzt.",
    "Tables as Excel": "Tabellen als Excel",
    # dashboard
    "Map": "Karte",
    "hidden (fewer than 5 firms)": "verborgen (weniger als 5 Betriebe)",
    "Outreach funnel": "Ansprache-Trichter",
    "Needs by topic (firms with a need ≥ %(level)s)": "Bedarfe nach Thema (Betriebe mit "
    "Bedarf ≥ %(level)s)",
    "Firms with a need ≥ %(level)s by topic": "Betriebe mit Bedarf ≥ %(level)s nach Thema",
    "Firms with a need ≥ %(level)s": "Betriebe mit Bedarf ≥ %(level)s",
    "Firms per month": "Betriebe je Monat",
    "last 24 months": "letzte 24 Monate",
    "Figures per month": "Zahlen je Monat",
    "Month": "Monat",
    "A firm counts once per month in which it had such an activity or a measure started.": "Ein Betrieb zählt einmal in jedem Monat, in dem er eine solche Aktivität hatte oder eine "
    "Maßnahme begann.",
    "Region total": "Region gesamt",
    "Branch groups": "Branchengruppen",
    "Definitions of the indicators": "Definitionen der Kennzahlen",
    "Counts below 5 companies are shown as “< 5”, and figures from which such a count could "
    "be worked out as “–”, so that no company can be identified.": "Anzahlen unter 5 Betrieben "
    "werden als „< 5“ gezeigt und Zahlen, aus denen sich eine solche Anzahl errechnen ließe, "
    "als „–“, damit kein Betrieb erkennbar ist.",
    "Counts below 5 companies are shown as “< 5”, and figures from which such a count could "
    "be worked out as “–”.": "Anzahlen unter 5 Betrieben werden als „< 5“ gezeigt und Zahlen, "
    "aus denen sich eine solche Anzahl errechnen ließe, als „–“.",
    # exports
    "Indicators": "Kennzahlen",
    "Indicator": "Kennzahl",
    "Definition": "Definition",
    "Shown as": "Angezeigt als",
    "Time series": "Zeitreihe",
    "Needs by topic": "Bedarfe nach Thema",
    "Texts": "Texte",
    "Section": "Abschnitt",
    "Text": "Text",
    # indicators
    "Firms identified": "Identifizierte Betriebe",
    "Firms in the register (region, branch group); with a period: recorded by its end.": "Betriebe im Register (Region, Branchengruppe); mit Zeitraum: bis zu seinem Ende erfasst.",
    "Firms with at least one activity in which the firm answered (contact made, interested, "
    "next step agreed, took part); with a period: such an activity in it.": "Betriebe mit "
    "mindestens einer Aktivität, in der der Betrieb geantwortet hat (Kontakt hergestellt, "
    "interessiert, nächster Schritt vereinbart, teilgenommen); mit Zeitraum: eine solche "
    "Aktivität darin.",
    "Employees reached": "Erreichte Beschäftigte",
    "Employees of the establishments of the firms reached (firms without a headcount count "
    "0).": "Beschäftigte der Betriebsstätten der erreichten Betriebe (Betriebe ohne Angabe "
    "zählen 0).",
    "Firms advised": "Beratene Betriebe",
    "Firms with a visit, transformation check or workshop in which they took part, showed "
    "interest or agreed a next step.": "Betriebe mit einem Besuch, Transformations-Check oder "
    "Workshop, an dem sie teilgenommen, Interesse gezeigt oder einen nächsten Schritt "
    "vereinbart haben.",
    "Firms with a high need": "Betriebe mit hohem Bedarf",
    "Firms with a current need of at least 50 (of 100) in at least one topic; with a period: "
    "recorded in it.": "Betriebe mit einem aktuellen Bedarf von mindestens 50 (von 100) in "
    "mindestens einem Thema; mit Zeitraum: darin erfasst.",
    "Firms with a measure": "Betriebe mit Maßnahme",
    "Firms with a measure that is applied for, granted, running or completed (not only "
    "planned, not cancelled); with a period: starting in it.": "Betriebe mit einer Maßnahme, "
    "die beantragt, bewilligt, laufend oder abgeschlossen ist (nicht nur geplant, nicht "
    "abgebrochen); mit Zeitraum: Beginn darin.",
    "Measures": "Maßnahmen",
    "Number of such measures.": "Anzahl dieser Maßnahmen.",
    "Participants of these measures.": "Teilnehmende dieser Maßnahmen.",
    "Participants employed 6 months after the end": "Teilnehmende 6 Monate nach Ende beschäftigt",
    "Participants still employed six months after the end, where recorded.": "Teilnehmende, "
    "die sechs Monate nach Ende noch beschäftigt sind, soweit erfasst.",
    "Funding applied for": "Beantragte Förderung",
    "Funding applied for these measures (EUR).": "Für diese Maßnahmen beantragte Förderung (EUR).",
    "Funding mobilised": "Mobilisierte Fördermittel",
    "Funding granted for these measures (EUR).": "Für diese Maßnahmen bewilligte Förderung (EUR).",
    "SMEs reached": "Erreichte KMU",
    "Firms reached that are micro, small or medium-sized enterprises (EU definition).": "Erreichte Betriebe, die Kleinst-, kleine oder mittlere Unternehmen sind (EU-Definition).",
    "Share of SMEs": "KMU-Anteil",
    "SMEs reached / firms reached. Firms of unknown size count as not SME.": "Erreichte KMU / "
    "erreichte Betriebe. Betriebe unbekannter Größe zählen nicht als KMU.",
    "Firms without works council reached": "Erreichte Betriebe ohne Betriebsrat",
    "Firms reached that have no works council (as recorded).": "Erreichte Betriebe, die "
    "(laut Erfassung) keinen Betriebsrat haben.",
    "Share of firms without works council reached": "Anteil erreichter Betriebe ohne Betriebsrat",
    "Firms without works council reached / firms reached. Unknown counts as not 'without'.": "Erreichte Betriebe ohne Betriebsrat / erreichte Betriebe. „Unbekannt“ zählt nicht als "
    "„ohne“.",
    "Firms referred to an offer": "An ein Angebot vermittelte Betriebe",
    "Firms whose need was referred to an offer of a network actor (sent); with a period: sent "
    "in it.": "Betriebe, deren Bedarf an ein Angebot eines Netzwerkakteurs vermittelt wurde "
    "(versandt); mit Zeitraum: darin versandt.",
}
