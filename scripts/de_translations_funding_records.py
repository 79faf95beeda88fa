"""German texts of the measure records (funding.MeasureRecord)."""

DE = {
    "planned": "geplant",
    "participants": "Teilnehmende",
    "end": "Ende",
    "funding applied for": "Förderung beantragt",
    "funding granted": "Förderung bewilligt",
    "running": "läuft",
    "completed": "abgeschlossen",
    "cancelled": "abgebrochen",
    "planned measure (Förderrechner)": "geplante Maßnahme (Förderrechner)",
    "funding programme": "Förderprogramm",
    "programme id, e.g. sgb3-82": "Programm-Kennung, z. B. sgb3-82",
    "hours per participant": "Stunden je Teilnehmende/n",
    "total cost (EUR)": "Gesamtkosten (EUR)",
    "funding applied for (EUR)": "beantragte Förderung (EUR)",
    "funding granted (EUR)": "bewilligte Förderung (EUR)",
    "participants still employed 6 months after the end": (
        "nach 6 Monaten noch beschäftigte Teilnehmende"
    ),
    "measure record": "Maßnahme (Nachweis)",
    "measure records": "Maßnahmen (Nachweise)",
    "Partner network and insights": "Partnernetzwerk und Erkenntnisse",
    "Dashboard and reports": "Dashboard und Berichte",
    "Workshops and calls for contributions": "Workshops und Beitragsaufrufe",
    "JSON API": "JSON-API",
    "Duplicates": "Dubletten",
}
