"""German translations of the JSON API pages: API keys (“API-Zugänge”) and the transfer pack.

Plural msgids map to (singular, plural). Merged with the other de_translations*.py files by
scripts/fill_po.py (`make messages`).
"""

DE = {
    # app, models
    "JSON API": "JSON-Schnittstelle",
    "API key": "API-Schlüssel",
    "API keys": "API-Schlüssel",
    "key begins with": "Schlüssel beginnt mit",
    "last used": "zuletzt benutzt",
    "valid until": "gültig bis",
    "revoked": "widerrufen",
    "revoked by": "widerrufen von",
    "imported configuration item": "importierter Konfigurationseintrag",
    "imported configuration items": "importierte Konfigurationseinträge",
    "source instance": "Ursprungsinstallation",
    "imported": "importiert",
    "key": "Schlüssel",
    "What the key is used for, e.g. “Kreis report”.": (
        "Wofür der Schlüssel dient, z. B. „Kreisbericht“."
    ),
    # navigation, key pages
    "API access": "API-Zugänge",
    "Transfer pack": "Transferpaket",
    "With a personal API key, programs (e.g. a partner's reporting or another ANeTT "
    "installation) read the JSON interface with your rights: they see exactly what you see "
    "here. Send the key as the header “Authorization: Bearer &lt;key&gt;”.": (
        "Mit einem persönlichen API-Schlüssel lesen Programme (z. B. die Berichte eines "
        "Partners oder eine andere ANeTT-Installation) die JSON-Schnittstelle mit Ihren "
        "Rechten: Sie sehen genau das, was Sie hier sehen. Senden Sie den Schlüssel als "
        "Kopfzeile „Authorization: Bearer &lt;Schlüssel&gt;“."
    ),
    "Interface documentation": "Dokumentation der Schnittstelle",
    "Your new key": "Ihr neuer Schlüssel",
    "Copy the key now. It is shown only this once and cannot be displayed again.": (
        "Kopieren Sie den Schlüssel jetzt. Er wird nur dieses eine Mal angezeigt und kann "
        "nicht erneut angezeigt werden."
    ),
    "Create a key": "Schlüssel anlegen",
    "Create key": "Schlüssel anlegen",
    "All keys": "Alle Schlüssel",
    "Your keys": "Ihre Schlüssel",
    "Key begins with": "Schlüssel beginnt mit",
    "Last used": "Zuletzt benutzt",
    "Valid until": "Gültig bis",
    "Valid until (optional)": "Gültig bis (freiwillig)",
    "Left empty, the key is valid until it is revoked.": (
        "Leer gelassen, gilt der Schlüssel, bis er widerrufen wird."
    ),
    "The date must lie in the future.": "Das Datum muss in der Zukunft liegen.",
    "expired": "abgelaufen",
    "active": "aktiv",
    "Revoke": "Widerrufen",
    "No keys yet.": "Noch keine Schlüssel.",
    "API key “%(name)s” created. Copy it now: it is shown only this once.": (
        "API-Schlüssel „%(name)s“ angelegt. Kopieren Sie ihn jetzt: er wird nur dieses eine "
        "Mal angezeigt."
    ),
    "API key “%(name)s” revoked.": "API-Schlüssel „%(name)s“ widerrufen.",
    "Revoke API key": "API-Schlüssel widerrufen",
    "Really revoke the key “%(name)s”?": "Schlüssel „%(name)s“ wirklich widerrufen?",
    "Programs that use this key lose access at once. A revoked key cannot be used again; "
    "create a new one if needed.": (
        "Programme, die diesen Schlüssel benutzen, verlieren sofort den Zugang. Ein "
        "widerrufener Schlüssel kann nicht wieder benutzt werden; legen Sie bei Bedarf einen "
        "neuen an."
    ),
    "Yes, revoke": "Ja, widerrufen",
    # transfer pack page
    "The transfer pack lets a neighbouring region set up its own ANeTT from ours: branch "
    "mapping, regions, questionnaire, programme catalogue and settings, offer types and offers "
    "(without contact persons), published insights and key figures with small cells hidden. "
    "It never contains companies or personal data.": (
        "Mit dem Transferpaket richtet eine Nachbarregion ihr eigenes ANeTT nach unserem "
        "Vorbild ein: Branchenzuordnung, Regionen, Fragebogen, Programmkatalog und "
        "-einstellungen, Angebotsarten und Angebote (ohne Ansprechpersonen), veröffentlichte "
        "Erkenntnisse und Kennzahlen mit verborgenen kleinen Zellen. Es enthält nie Betriebe "
        "oder personenbezogene Daten."
    ),
    "Download": "Herunterladen",
    "The pack of this installation as a zip file, with a manifest and checksums.": (
        "Das Paket dieser Installation als ZIP-Datei, mit Manifest und Prüfsummen."
    ),
    "Download transfer pack": "Transferpaket herunterladen",
    "Upload the pack of another region. You see what will be created, updated or kept before "
    "anything changes. Entries edited here are never overwritten without your consent.": (
        "Laden Sie das Paket einer anderen Region hoch. Bevor sich etwas ändert, sehen Sie, "
        "was angelegt, aktualisiert oder beibehalten wird. Hier bearbeitete Einträge werden "
        "nie ohne Ihre Zustimmung überschrieben."
    ),
    "Check pack": "Paket prüfen",
    "Transfer pack (.zip)": "Transferpaket (.zip)",
    "Overwrite conflicts with the content of the pack": (
        "Konflikte mit dem Inhalt des Pakets überschreiben"
    ),
    "Only tick this if the entries edited here should be replaced by those of the source "
    "region. Questionnaire versions and programme files are never overwritten.": (
        "Nur ankreuzen, wenn die hier bearbeiteten Einträge durch die der Ursprungsregion "
        "ersetzt werden sollen. Fragebogen-Versionen und Programmdateien werden nie "
        "überschrieben."
    ),
    "The file is larger than %(mb)d MB.": "Die Datei ist größer als %(mb)d MB.",
    "Please choose a .zip file (a transfer pack).": (
        "Bitte wählen Sie eine .zip-Datei (ein Transferpaket)."
    ),
    "The preview has expired. Please upload the pack again.": (
        "Die Vorschau ist abgelaufen. Bitte laden Sie das Paket erneut hoch."
    ),
    "Transfer pack imported: %(created)d created, %(updated)d updated, %(conflicts)d "
    "conflicts kept as they are here.": (
        "Transferpaket importiert: %(created)d angelegt, %(updated)d aktualisiert, "
        "%(conflicts)d Konflikte unverändert belassen."
    ),
    "Transfer pack: preview": "Transferpaket: Vorschau",
    "Pack of “%(source)s”, created %(created)s. The checksums are correct. Nothing has been "
    "changed yet.": (
        "Paket von „%(source)s“, erstellt %(created)s. Die Prüfsummen stimmen. Noch wurde "
        "nichts geändert."
    ),
    "Conflicts will be overwritten with the content of the pack.": (
        "Konflikte werden mit dem Inhalt des Pakets überschrieben."
    ),
    "Import (%(n)s change)": ("Importieren (%(n)s Änderung)", "Importieren (%(n)s Änderungen)"),
    "Transfer pack imported": "Transferpaket importiert",
    "Pack of “%(source)s”.": "Paket von „%(source)s“.",
    "Back to the transfer pack": "Zurück zum Transferpaket",
    "Part": "Teil",
    "Entry": "Eintrag",
    "Result": "Ergebnis",
    "Why": "Grund",
    "All entries": "Alle Einträge",
    "Conflicts": "Konflikte",
    "conflicts": "Konflikte",
    "new": "neu",
    "updated": "aktualisiert",
    "unchanged": "unverändert",
    "not imported": "nicht importiert",
    # parts of the pack
    "Branch mapping": "Branchenzuordnung",
    "Regions": "Regionen",
    "Questionnaires": "Fragebögen",
    "Programme files": "Programmdateien",
    "Programme settings": "Programmeinstellungen",
    "Vocabularies": "Wertelisten",
    "Actors": "Akteure",
    "Offers": "Angebote",
    "Insights": "Erkenntnisse",
    "Key figures": "Kennzahlen",
    # actions and reasons
    "will be created": "wird angelegt",
    "will be updated": "wird aktualisiert",
    "conflict – kept as it is here": "Konflikt – bleibt wie hier",
    "created": "angelegt",
    "already the same": "bereits gleich",
    "changed at the source, unchanged here since the last import": (
        "im Ursprung geändert, hier seit dem letzten Import unverändert"
    ),
    "exists here with other content": "hier mit anderem Inhalt vorhanden",
    "edited here since the last import": "hier seit dem letzten Import bearbeitet",
    "deleted here after an earlier import": "hier nach einem früheren Import gelöscht",
    "conflict overwritten on request": "Konflikt auf Wunsch überschrieben",
    "a questionnaire version never changes; publish a new version instead": (
        "eine Fragebogen-Version ändert sich nie; veröffentlichen Sie stattdessen eine neue Version"
    ),
    "programme files are part of the software and change by review; compare them with the "
    "file in the pack": (
        "Programmdateien gehören zur Software und ändern sich nur nach Prüfung; vergleichen "
        "Sie sie mit der Datei im Paket"
    ),
    "vocabularies are part of the software; codes differ": (
        "Wertelisten gehören zur Software; die Codes weichen ab"
    ),
    "district unknown here (run “anett setup” first)": (
        "Kreis hier unbekannt (zuerst „anett setup“ ausführen)"
    ),
    "its actor is neither here nor in the pack": "sein Akteur ist weder hier noch im Paket",
    "programme unknown to this installation": "Programm in dieser Installation unbekannt",
    "another region here has this name": "eine andere Region hier trägt diesen Namen",
    "figures of the source region, kept in the pack for reading": (
        "Kennzahlen der Ursprungsregion, zum Nachlesen im Paket"
    ),
    "insights cannot be stored here": "Erkenntnisse können hier nicht gespeichert werden",
    "type or topics unknown to this installation": (
        "Art oder Themen in dieser Installation unbekannt"
    ),
    "Imported so far": "Bisher importiert",
    "Nothing to import: this installation already has everything the pack contains, or keeps "
    "its own version.": (
        "Nichts zu importieren: diese Installation hat bereits alles, was das Paket enthält, "
        "oder behält ihre eigene Fassung."
    ),
    "Source installation": "Ursprungsinstallation",
    "Entries": "Einträge",
    "Last import": "Letzter Import",
}
