"""German translations of the procedure app (workshops, tasks, calls, polls)."""

DE = {
    # exports, models
    "Minutes": "Protokoll",
    "Participants": "Teilnehmende",
    "Agenda": "Tagesordnung",
    "Conclusions (Fazit)": "Fazit",
    "Action items": "Aufgaben",
    "Task": "Aufgabe",
    "Responsible": "Zuständig",
    "Due": "Fällig",
    "Please send feedback on these minutes by %(date)s.": (
        "Bitte senden Sie Rückmeldungen zu diesem Protokoll bis %(date)s."
    ),
    "Compiled on %(date)s from the contributions to “%(call)s” (deadline %(deadline)s).": (
        "Zusammengestellt am %(date)s aus den Beiträgen zu „%(call)s“ (Frist %(deadline)s)."
    ),
    "(no contribution yet)": "(noch kein Beitrag)",
    "delivered": "geliefert",
    "delivered, newer draft": "geliefert, neuerer Entwurf",
    "draft": "Entwurf",
    "missing": "fehlt",
    "Contributions": "Beiträge",
    "Deadline": "Frist",
    "Organisation": "Organisation",
    "Contact person": "Ansprechperson",
    "E-mail": "E-Mail",
    "Submitted": "Abgegeben",
    "planned": "geplant",
    "held": "durchgeführt",
    "minutes sent": "Protokoll versandt",
    "date and time": "Datum und Uhrzeit",
    "end": "Ende",
    "place": "Ort",
    "online link": "Online-Link",
    "organiser": "Veranstalter",
    "minutes: introduction": "Protokoll: Einleitung",
    "send minutes within (days)": "Protokoll versenden innerhalb von (Tagen)",
    "Days after the workshop by which the minutes should reach the participants.": (
        "Tage nach dem Workshop, bis zu denen das Protokoll bei den Teilnehmenden sein soll."
    ),
    "feedback on the minutes until": "Rückmeldung zum Protokoll bis",
    "Stated in the e-mail with the minutes.": "Wird in der E-Mail mit dem Protokoll genannt.",
    "reference content": "Referenzinhalt",
    "Real, public content of the network (not fictitious demo data).": (
        "Echter, öffentlicher Inhalt des Netzwerks (keine fiktiven Demodaten)."
    ),
    "workshop": "Workshop",
    "workshops": "Workshops",
    "organisation": "Organisation",
    "participant": "Teilnehmende*r",
    "participants": "Teilnehmende",
    "Enter a name or an organisation.": "Bitte einen Namen oder eine Organisation angeben.",
    "no.": "Nr.",
    "agenda item": "Tagesordnungspunkt",
    "agenda items": "Tagesordnungspunkte",
    "heading": "Überschrift",
    "minutes point": "Fazit-Punkt",
    "minutes points": "Fazit-Punkte",
    "file": "Datei",
    "attachment": "Anhang",
    "attachments": "Anhänge",
    "task": "Aufgabe",
    "responsible person": "verantwortliche Person",
    "responsible actor": "verantwortlicher Akteur",
    "due": "fällig",
    "action item": "Aufgabe",
    "action items": "Aufgaben",
    "title of the document": "Titel des Dokuments",
    "Heading of the compiled Word document, e.g. “Projektskizze 2.0”.": (
        "Überschrift des zusammengestellten Word-Dokuments, z. B. „Projektskizze 2.0“."
    ),
    "introduction": "Einleitung",
    "deadline": "Frist",
    "reminders (days before the deadline)": "Erinnerungen (Tage vor der Frist)",
    "Comma-separated, e.g. “7, 2”.": "Durch Komma getrennt, z. B. „7, 2“.",
    "demo": "Demo",
    "call for contributions": "Beitragsaufruf",
    "calls for contributions": "Beitragsaufrufe",
    "section": "Abschnitt",
    "guiding question": "Leitfrage",
    "edited section text": "redigierter Abschnittstext",
    "If filled, the compiled document uses this text instead of the contributions.": (
        "Wenn ausgefüllt, verwendet das zusammengestellte Dokument diesen Text statt der Beiträge."
    ),
    "sections": "Abschnitte",
    "link valid until": "Link gültig bis",
    "last opened": "zuletzt geöffnet",
    "deadline extended until": "Frist verlängert bis",
    "invitation sent": "Einladung versandt",
    "submitted": "abgegeben",
    "invitation": "Einladung",
    "invitations": "Einladungen",
    "submitted text": "abgegebener Text",
    "saved": "gespeichert",
    "contribution": "Beitrag",
    "contributions": "Beiträge",
    "scheduled workshop": "festgelegter Termin (Workshop)",
    "meeting poll": "Terminumfrage",
    "meeting polls": "Terminumfragen",
    "answered": "geantwortet",
    "maybe": "vielleicht",
    "text": "Text",
    "Place": "Ort",
    # forms
    "The end lies before the start.": "Das Ende liegt vor dem Beginn.",
    "contact person of an actor": "Ansprechperson eines Akteurs",
    "contact person of a company (with consent)": "Ansprechperson eines Betriebs (mit Einwilligung)",
    "or: name": "oder: Name",
    "or: an actor as organisation": "oder: ein Akteur als Organisation",
    "Uses the actor's general e-mail address.": "Verwendet die allgemeine E-Mail-Adresse des Akteurs.",
    "Choose a contact person or enter a name or an organisation.": (
        "Bitte eine Ansprechperson wählen oder einen Namen bzw. eine Organisation eingeben."
    ),
    "Choose either a contact person of an actor, one of a company, an actor, or enter a name.": (
        "Bitte entweder eine Ansprechperson eines Akteurs oder eines Betriebs, einen Akteur oder "
        "einen Namen angeben – nicht mehreres zugleich."
    ),
    "Fazit text": "Fazit-Text",
    "Paste the text from Word or an e-mail: each heading line (“1. Pilotregion”) starts a "
    "point, the lines below it (“- …”) are its text.": (
        "Text aus Word oder einer E-Mail einfügen: Jede Überschriftzeile („1. Pilotregion“) "
        "beginnt einen Punkt, die Zeilen darunter („- …“) sind sein Text."
    ),
    "replace the existing points": "vorhandene Punkte ersetzen",
    "Name a responsible person or actor.": "Bitte eine verantwortliche Person oder einen Akteur angeben.",
    "“%(value)s” is not a number of days between 1 and 60.": (
        "„%(value)s“ ist keine Anzahl Tage zwischen 1 und 60."
    ),
    "or: organisation": "oder: Organisation",
    "send the invitation by e-mail now": "Einladung jetzt per E-Mail senden",
    "This contact person belongs to another actor.": "Diese Ansprechperson gehört zu einem anderen Akteur.",
    "Choose an actor or enter an organisation.": "Bitte einen Akteur wählen oder eine Organisation eingeben.",
    "An e-mail address is needed to send the invitation.": (
        "Zum Versenden der Einladung wird eine E-Mail-Adresse benötigt."
    ),
    "new deadline": "neue Frist",
    "The new deadline must be after the current one.": "Die neue Frist muss nach der bisherigen liegen.",
    "Line %(line)s: “%(text)s” is not a date with time like 04.03.2022 10:00.": (
        "Zeile %(line)s: „%(text)s“ ist kein Datum mit Uhrzeit wie 04.03.2022 10:00."
    ),
    "Enter at least one date option.": "Bitte mindestens einen Terminvorschlag eingeben.",
    "date options": "Terminvorschläge",
    "One per line: date and time, e.g. 04.03.2022 10:00.": (
        "Einer pro Zeile: Datum und Uhrzeit, z. B. 04.03.2022 10:00."
    ),
    "contact persons of actors": "Ansprechpersonen der Akteure",
    "Choose contact persons or enter a name or e-mail.": (
        "Bitte Ansprechpersonen wählen oder einen Namen bzw. eine E-Mail-Adresse eingeben."
    ),
    # views
    "Workshop saved.": "Workshop gespeichert.",
    "Workshop deleted.": "Workshop gelöscht.",
    "Participants, agenda, minutes and attachments are deleted with it; action items and calls "
    "for contributions are kept without the link to the workshop.": (
        "Teilnehmende, Tagesordnung, Protokoll und Anhänge werden mitgelöscht; Aufgaben und "
        "Beitragsaufrufe bleiben ohne Verbindung zum Workshop erhalten."
    ),
    "Participant added: %(name)s": "Teilnehmende*r hinzugefügt: %(name)s",
    "Participant removed.": "Teilnehmende*r entfernt.",
    "Agenda saved.": "Tagesordnung gespeichert.",
    "Minutes saved.": "Protokoll gespeichert.",
    "Minutes (Fazit)": "Protokoll (Fazit)",
    "No points found: start each point with a heading line.": (
        "Keine Punkte gefunden: Bitte jeden Punkt mit einer Überschriftzeile beginnen."
    ),
    "%(n)s points taken over.": "%(n)s Punkte übernommen.",
    "Attachment saved.": "Anhang gespeichert.",
    "Add attachment": "Anhang hinzufügen",
    "Attachment deleted.": "Anhang gelöscht.",
    "The minutes have no points yet.": "Das Protokoll hat noch keine Punkte.",
    "Minutes sent to %(n)s participants.": "Protokoll an %(n)s Teilnehmende versandt.",
    "No participant has an e-mail address.": "Keine*r der Teilnehmenden hat eine E-Mail-Adresse.",
    "Open tasks": "Offene Aufgaben",
    "My tasks": "Meine Aufgaben",
    "Task saved.": "Aufgabe gespeichert.",
    "New task": "Neue Aufgabe",
    "Edit task": "Aufgabe bearbeiten",
    "Task marked as done.": "Aufgabe als erledigt markiert.",
    "Task deleted.": "Aufgabe gelöscht.",
    "Enter at least one section of the document.": "Bitte mindestens einen Abschnitt des Dokuments eingeben.",
    "Call for contributions saved. Now invite the actors.": (
        "Beitragsaufruf gespeichert. Laden Sie jetzt die Akteure ein."
    ),
    "Call for contributions saved.": "Beitragsaufruf gespeichert.",
    "Call for contributions deleted.": "Beitragsaufruf gelöscht.",
    "All invitations, personal links and contributions are deleted with it.": (
        "Alle Einladungen, persönlichen Links und Beiträge werden mitgelöscht."
    ),
    "Invitation sent to %(email)s.": "Einladung an %(email)s versandt.",
    "Invitation created. Send the personal link yourself.": (
        "Einladung angelegt. Bitte den persönlichen Link selbst weitergeben."
    ),
    "This invitation has no e-mail address.": "Diese Einladung hat keine E-Mail-Adresse.",
    "The personal link of %(who)s no longer works.": "Der persönliche Link von %(who)s ist jetzt ungültig.",
    "Revoke the personal link?": "Persönlichen Link widerrufen?",
    "%(who)s can no longer open the link. Contributions already submitted are kept.": (
        "%(who)s kann den Link nicht mehr öffnen. Bereits abgegebene Beiträge bleiben erhalten."
    ),
    "Revoke link": "Link widerrufen",
    "Deadline for %(who)s extended to %(date)s.": "Frist für %(who)s verlängert: %(date)s.",
    "Extend the deadline for %(who)s": "Frist verlängern für %(who)s",
    "Section texts saved.": "Abschnittstexte gespeichert.",
    "Call for contributions": "Beitragsaufruf",
    "Please write something in at least one section before submitting.": (
        "Bitte vor dem Abgeben in mindestens einem Abschnitt etwas schreiben."
    ),
    "Your texts were changed in another window in the meantime. Below is the stored version; "
    "your entries were not saved. Copy what you need and save again.": (
        "Ihre Texte wurden inzwischen in einem anderen Fenster geändert. Unten steht die "
        "gespeicherte Fassung; Ihre Eingaben wurden nicht gespeichert. Übernehmen Sie, was Sie "
        "brauchen, und speichern Sie erneut."
    ),
    "Thank you! Your contribution has been submitted. You can still change it until the "
    "deadline.": (
        "Vielen Dank! Ihr Beitrag ist abgegeben. Bis zur Frist können Sie ihn noch ändern."
    ),
    "Saved as a draft. Not submitted yet.": "Als Entwurf gespeichert. Noch nicht abgegeben.",
    "Meeting on the final version: %(doc)s": "Abstimmung der finalen Version: %(doc)s",
    "Poll saved.": "Umfrage gespeichert.",
    "New meeting poll": "Neue Terminumfrage",
    "Invitees of a linked call for contributions are invited automatically.": (
        "Die Eingeladenen eines verknüpften Beitragsaufrufs werden automatisch eingeladen."
    ),
    "%(n)s invited, %(sent)s e-mails sent.": "%(n)s eingeladen, %(sent)s E-Mails versandt.",
    "%(sent)s e-mails sent.": "%(sent)s E-Mails versandt.",
    "Date fixed: workshop created with the poll's invitees as participants.": (
        "Termin festgelegt: Workshop mit den Eingeladenen der Umfrage als Teilnehmende angelegt."
    ),
    "Poll deleted.": "Umfrage gelöscht.",
    "All answers and personal links are deleted with it.": (
        "Alle Antworten und persönlichen Links werden mitgelöscht."
    ),
    "Meeting poll": "Terminumfrage",
    "Please answer every date (missing: %(dates)s).": (
        "Bitte zu jedem Termin antworten (es fehlt: %(dates)s)."
    ),
    "Thank you, your answer has been saved.": "Vielen Dank, Ihre Antwort ist gespeichert.",
    "Workshops and calls for contributions": "Workshops und Beitragsaufrufe",
    # templates
    "Take over a Fazit text": "Fazit-Text übernehmen",
    "Take over": "Übernehmen",
    "This link has expired": "Dieser Link ist abgelaufen",
    "This link is no longer valid": "Dieser Link ist nicht mehr gültig",
    "This link is not valid": "Dieser Link ist ungültig",
    "The personal link was only valid for a limited time. What you saved is kept.": (
        "Der persönliche Link war nur begrenzt gültig. Was Sie gespeichert haben, bleibt erhalten."
    ),
    "The network has withdrawn this link. What you saved is kept.": (
        "Das Netzwerk hat diesen Link zurückgezogen. Was Sie gespeichert haben, bleibt erhalten."
    ),
    "Edit section texts": "Abschnittstexte redigieren",
    "Optional: write the final text of a section. If filled, the Word document uses it instead "
    "of the single contributions; empty it to go back to the contributions.": (
        "Optional: den endgültigen Text eines Abschnitts schreiben. Wenn ausgefüllt, verwendet "
        "das Word-Dokument ihn statt der einzelnen Beiträge; leeren, um wieder die Beiträge zu "
        "verwenden."
    ),
    "Contribution from": "Beitrag von",
    "Section text for the document": "Abschnittstext für das Dokument",
    "all": "alle",
    "overdue": "überfällig",
    "edit": "bearbeiten",
    "No tasks.": "Keine Aufgaben.",
    "%(n)s overdue": ("%(n)s überfällig", "%(n)s überfällig"),
    "Please say for each date whether it suits you. You can change your answers until the date "
    "is fixed.": (
        "Bitte geben Sie zu jedem Termin an, ob er Ihnen passt. Bis der Termin festgelegt ist, "
        "können Sie Ihre Antworten ändern."
    ),
    "Save answer": "Antwort speichern",
    "The date has been fixed: %(d)s.": "Der Termin steht fest: %(d)s.",
    "Workshops": "Workshops",
    "New workshop": "Neuer Workshop",
    "Minutes points": "Fazit-Punkte",
    "real reference": "echte Referenz",
    "No workshops yet.": "Noch keine Workshops.",
    "Procedure": "Verfahren",
    "Workshops, tasks and calls for contributions": "Workshops, Aufgaben und Beitragsaufrufe",
    "open tasks (next)": "offene Aufgaben (nächste)",
    "overdue tasks": "überfällige Aufgaben",
    "No open tasks.": "Keine offenen Aufgaben.",
    "Calls for contributions": "Beitragsaufrufe",
    "No calls yet.": "Noch keine Beitragsaufrufe.",
    "Meeting polls": "Terminumfragen",
    "invited": "eingeladen",
    "No polls yet.": "Noch keine Umfragen.",
    "Invite": "Einladen",
    "Invite to contribute": "Zum Beitrag einladen",
    "Every invitee gets a personal link: no login, valid until 90 days after the deadline, "
    "revocable. Choose an actor and one of its contact persons, or enter the e-mail address.": (
        "Jede*r Eingeladene erhält einen persönlichen Link: ohne Anmeldung, gültig bis 90 Tage "
        "nach der Frist, widerrufbar. Wählen Sie einen Akteur und eine seiner Ansprechpersonen "
        "oder geben Sie die E-Mail-Adresse ein."
    ),
    "Invite and add another": "Einladen und weitere hinzufügen",
    "Done": "Fertig",
    "New call for contributions": "Neuer Beitragsaufruf",
    "Document": "Dokument",
    "Sections": "Abschnitte",
    "Write on any of the sections below – you do not have to fill them all. “Save draft” keeps "
    "your texts without sending them; “Submit” hands them in. You can change them until the "
    "deadline.": (
        "Schreiben Sie zu beliebigen Abschnitten – Sie müssen nicht alle ausfüllen. „Entwurf "
        "speichern“ sichert Ihre Texte, ohne sie abzugeben; „Abgeben“ reicht sie ein. Bis zur "
        "Frist können Sie sie ändern."
    ),
    "Your unsaved entry": "Ihre nicht gespeicherte Eingabe",
    "changed since – not submitted yet": "seitdem geändert – noch nicht abgegeben",
    "Save draft": "Entwurf speichern",
    "Submit": "Abgeben",
    "Submitted on %(d)s. Changes after that must be submitted again.": (
        "Abgegeben am %(d)s. Spätere Änderungen müssen erneut abgegeben werden."
    ),
    "Minutes as Word": "Protokoll als Word",
    "Send minutes": "Protokoll versenden",
    "Organiser": "Veranstalter",
    "Feedback on the minutes until": "Rückmeldung zum Protokoll bis",
    "Sending of the minutes": "Versand des Protokolls",
    "Not sent yet – the planned date has passed.": "Noch nicht versandt – der geplante Termin ist überschritten.",
    "Not sent yet.": "Noch nicht versandt.",
    "Minutes sent": "Protokoll versandt",
    "remove": "entfernen",
    "delete": "löschen",
    "No participants yet.": "Noch keine Teilnehmenden.",
    "Add participant": "Teilnehmende*n hinzufügen",
    "Add": "Hinzufügen",
    "No agenda yet.": "Noch keine Tagesordnung.",
    "Edit agenda": "Tagesordnung bearbeiten",
    "No minutes points yet.": "Noch keine Fazit-Punkte.",
    "Edit minutes": "Protokoll bearbeiten",
    "Take over a Fazit text from Word or an e-mail": "Fazit-Text aus Word oder E-Mail übernehmen",
    "No action items.": "Keine Aufgaben.",
    "Attachments": "Anhänge",
    "No attachments.": "Keine Anhänge.",
    "Planned: within %(n)s days, by %(due)s.": "Geplant: innerhalb von %(n)s Tagen, bis %(due)s.",
    "Sent on %(d)s, in time.": "Versandt am %(d)s, fristgerecht.",
    "Sent on %(d)s, after the planned date.": "Versandt am %(d)s, nach dem geplanten Termin.",
    "The rows are numbered by the “No.” column; leave it empty to add a row at the end. Empty "
    "rows are ignored, ticked rows are deleted.": (
        "Die Zeilen werden nach der Spalte „Nr.“ nummeriert; leer lassen, um eine Zeile ans "
        "Ende zu setzen. Leere Zeilen werden ignoriert, angehakte gelöscht."
    ),
    "Deadline expired": "Frist abgelaufen",
    "If you still want to contribute, please contact the network coordination: it can extend "
    "the deadline for you.": (
        "Wenn Sie noch etwas beitragen möchten, wenden Sie sich bitte an die "
        "Netzwerkkoordination: Sie kann die Frist für Sie verlängern."
    ),
    "What you submitted": "Was Sie abgegeben haben",
    "The deadline for contributions to “%(title)s” was %(deadline)s. Contributions can no longer "
    "be changed.": (
        "Die Frist für Beiträge zu „%(title)s“ war %(deadline)s. Beiträge können nicht mehr "
        "geändert werden."
    ),
    "Sections of the document": "Abschnitte des Dokuments",
    "Each section gets its own text field on the contribution page. Numbered by the “No.” "
    "column; empty rows are ignored. Save to get more empty rows.": (
        "Jeder Abschnitt erhält auf der Beitragsseite ein eigenes Textfeld. Nummeriert nach der "
        "Spalte „Nr.“; leere Zeilen werden ignoriert. Speichern, um weitere leere Zeilen zu "
        "erhalten."
    ),
    "Overview as Excel": "Übersicht als Excel",
    "Find a date with all actors": "Termin mit allen Akteuren finden",
    "deadline passed": "Frist abgelaufen",
    "Reminders": "Erinnerungen",
    "edited": "bearbeitet",
    "Who delivered what": "Wer hat was geliefert",
    "Invitee": "Eingeladen",
    "Personal link": "Persönlicher Link",
    "not submitted": "nicht abgegeben",
    "extended to": "verlängert bis",
    "reminded": "erinnert",
    "send again": "erneut senden",
    "send": "senden",
    "extend": "verlängern",
    "revoke": "widerrufen",
    "Nobody invited yet.": "Noch niemand eingeladen.",
    "Download “%(doc)s” (Word)": "„%(doc)s“ herunterladen (Word)",
    "%(n)s day before (%(dd)s)": ("%(n)s Tag vorher (%(dd)s)", "%(n)s Tage vorher (%(dd)s)"),
    "already sent": "bereits versandt",
    "Without e-mail address (not sent):": "Ohne E-Mail-Adresse (nicht versandt):",
    "No feedback deadline is set; you can set one on the workshop form.": (
        "Keine Rückmeldefrist gesetzt; Sie können eine im Workshop-Formular eintragen."
    ),
    "Send minutes now": "Protokoll jetzt versenden",
    "The minutes go by e-mail to %(n)s participant:": (
        "Das Protokoll geht per E-Mail an %(n)s Teilnehmende*n:",
        "Das Protokoll geht per E-Mail an %(n)s Teilnehmende:",
    ),
    "The e-mail asks for feedback by %(date)s.": "Die E-Mail bittet um Rückmeldung bis %(date)s.",
    "Planned: minutes sent by %(due)s.": "Geplant: Protokollversand bis %(due)s.",
    "Send invitations not sent yet": "Noch nicht versandte Einladungen senden",
    "Date fixed:": "Termin festgelegt:",
    "Best date so far (most yes, then maybe):": "Bester Termin bisher (meiste Ja, dann Vielleicht):",
    "Fix this date": "Termin festlegen",
    "No answers yet.": "Noch keine Antworten.",
    "yes / maybe / no": "ja / vielleicht / nein",
    "fix": "festlegen",
    "Invite more people": "Weitere Personen einladen",
    "Workshops and minutes": "Workshops und Protokolle",
    "Answered": "Geantwortet",
    "Date fixed": "Termin festgelegt",
    # e-mails
    "Dear Sir or Madam,": "Sehr geehrte Damen und Herren,",
    "Kind regards": "Mit freundlichen Grüßen",
    "The ANeTT network coordination": "Ihre ANeTT-Netzwerkkoordination",
    "Dear %(name)s,": "Guten Tag %(name)s,",
    "thank you for taking part in “%(title)s” on %(date)s. Here are the minutes (Fazit).": (
        "vielen Dank für Ihre Teilnahme an „%(title)s“ am %(date)s. Anbei das Protokoll (Fazit)."
    ),
    "Please send additions or corrections by %(date)s.": (
        "Bitte senden Sie Ergänzungen oder Korrekturen bis %(date)s."
    ),
    "Sections:": "Abschnitte:",
    "Please do not forward this link: it is personal to you.": (
        "Bitte leiten Sie diesen Link nicht weiter: Er ist persönlich für Sie."
    ),
    "ANeTT invites %(org)s to contribute to “%(doc)s” (%(title)s).": (
        "ANeTT lädt %(org)s ein, zu „%(doc)s“ beizutragen (%(title)s)."
    ),
    "Please write your contribution by %(deadline)s on this personal page (no login needed; you "
    "can save drafts and change your texts until the deadline):": (
        "Bitte schreiben Sie Ihren Beitrag bis %(deadline)s auf dieser persönlichen Seite (ohne "
        "Anmeldung; Sie können Entwürfe speichern und Ihre Texte bis zur Frist ändern):"
    ),
    "we are looking for a date for “%(title)s”. Please say on your personal page which dates "
    "suit you (no login needed):": (
        "wir suchen einen Termin für „%(title)s“. Bitte geben Sie auf Ihrer persönlichen Seite "
        "an, welche Termine Ihnen passen (ohne Anmeldung):"
    ),
    "You have saved drafts that are not submitted yet.": (
        "Sie haben gespeicherte Entwürfe, die noch nicht abgegeben sind."
    ),
    "a friendly reminder: contributions to “%(title)s” are due in %(n)s day, %(deadline)s.": (
        "eine freundliche Erinnerung: Beiträge zu „%(title)s“ sind in %(n)s Tag fällig, "
        "%(deadline)s.",
        "eine freundliche Erinnerung: Beiträge zu „%(title)s“ sind in %(n)s Tagen fällig, "
        "%(deadline)s.",
    ),
    "Finding a date: %(title)s": "Terminfindung: %(title)s",
    "Reminder: %(title)s – deadline %(deadline)s": "Erinnerung: %(title)s – Frist %(deadline)s",
    "Minutes: %(title)s (%(date)s)": "Protokoll: %(title)s (%(date)s)",
    "Call for contributions: %(title)s – deadline %(deadline)s": (
        "Beitragsaufruf: %(title)s – Frist %(deadline)s"
    ),
}
