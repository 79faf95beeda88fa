"""German translations of the partner app (organisations, insights, contributions, digest,
feeds)."""

DE = {
    # app, vocabulary
    "Partner network and insights": "Partnernetzwerk und Erkenntnisse",
    "Business development agency": "Wirtschaftsförderung",
    "Network of another region": "Netzwerk einer anderen Region",
    "Finding": "Erkenntnis",
    "Good practice": "Gute Praxis",
    "Lesson learned": "Lernerfahrung",
    "draft": "Entwurf",
    "in review": "in Prüfung",
    "published": "veröffentlicht",
    "withdrawn": "zurückgezogen",
    "all partner organisations": "alle Partnerorganisationen",
    "only the chosen organisations": "nur die ausgewählten Organisationen",
    "Comment": "Kommentar",
    "Question": "Frage",
    "Answer": "Antwort",
    # workflow
    "Submit for review": "Zur Prüfung einreichen",
    "Publish": "Veröffentlichen",
    "Send back": "Zur Überarbeitung zurückgeben",
    "Withdraw": "Zurückziehen",
    "Back to draft": "Zurück in den Entwurf",
    "Unknown action.": "Unbekannter Schritt.",
    "This step is not possible in the current status.": (
        "Dieser Schritt ist im aktuellen Status nicht möglich."
    ),
    "Please say in a comment what should be changed.": (
        "Bitte schreiben Sie im Kommentar, was geändert werden soll."
    ),
    "A second person reviews and publishes: you wrote this insight yourself.": (
        "Eine zweite Person prüft und veröffentlicht: Sie haben diese Erkenntnis selbst "
        "geschrieben."
    ),
    # attachments
    "The file “%(name)s” has a type that is not allowed. Allowed: %(types)s.": (
        "Die Datei „%(name)s“ hat einen nicht erlaubten Dateityp. Erlaubt sind: %(types)s."
    ),
    "The file “%(name)s” is %(size)s MB; at most %(max)s MB are allowed.": (
        "Die Datei „%(name)s“ ist %(size)s MB groß; erlaubt sind höchstens %(max)s MB."
    ),
    "The file “%(name)s” is empty.": "Die Datei „%(name)s“ ist leer.",
    "The file “%(name)s” is not a real %(type)s file.": (
        "Die Datei „%(name)s“ ist keine echte %(type)s-Datei."
    ),
    # models
    "contact e-mail": "Kontakt-E-Mail",
    "General mailbox of the organisation; never shown to other partners.": (
        "Allgemeines Postfach der Organisation; anderen Partnern wird es nie angezeigt."
    ),
    "districts of interest": "Kreise von Interesse",
    "regions of interest": "Regionen von Interesse",
    "Members of an inactive organisation see no insights and get no digest.": (
        "Mitglieder einer inaktiven Organisation sehen keine Erkenntnisse und erhalten keinen "
        "Digest."
    ),
    "demo": "Demo",
    "partner organisation": "Partnerorganisation",
    "partner organisations": "Partnerorganisationen",
    "member since": "Mitglied seit",
    "added by": "hinzugefügt von",
    "membership in a partner organisation": "Mitgliedschaft in einer Partnerorganisation",
    "memberships in partner organisations": "Mitgliedschaften in Partnerorganisationen",
    "summary": "Kurzfassung",
    "Two or three sentences for lists and e-mails.": (
        "Zwei oder drei Sätze für Listen und E-Mails."
    ),
    "Markdown: **bold**, *italic*, lists with “-”, links as [text](https://…).": (
        "Markdown: **fett**, *kursiv*, Listen mit „-“, Links als [Text](https://…)."
    ),
    "branch groups": "Branchengruppen",
    "audience": "Empfängerkreis",
    "chosen organisations": "ausgewählte Organisationen",
    "author": "Autor/in",
    "reviewer": "Prüfer/in",
    "insight": "Erkenntnis",
    "insights": "Erkenntnisse",
    "status change of an insight": "Statuswechsel einer Erkenntnis",
    "status changes of insights": "Statuswechsel von Erkenntnissen",
    "from status": "von Status",
    "to status": "zu Status",
    "file name": "Dateiname",
    "size (bytes)": "Größe (Bytes)",
    "uploaded by": "hochgeladen von",
    "uploaded": "hochgeladen",
    "attachment": "Anhang",
    "attachments": "Anhänge",
    "answer to": "Antwort auf",
    "only for the network office": "nur für das Netzwerkbüro",
    "Other partner organisations do not see it (nor the answer).": (
        "Andere Partnerorganisationen sehen ihn nicht (auch nicht die Antwort)."
    ),
    "written": "geschrieben",
    "contribution": "Beitrag",
    "contributions": "Beiträge",
    "feed link created": "Feed-Link erzeugt",
    "receive the digest e-mail": "Digest-E-Mail erhalten",
    "last digest": "letzter Digest",
    "partner settings of a user": "Partner-Einstellungen eines Benutzers",
    "partner settings of users": "Partner-Einstellungen der Benutzer",
    "finished": "beendet",
    "started via": "gestartet über",
    "e-mails sent": "versendete E-Mails",
    "insights sent": "versendete Erkenntnisse",
    "failed e-mails": "fehlgeschlagene E-Mails",
    "digest run": "Digest-Lauf",
    "digest runs": "Digest-Läufe",
    "insight sent in a digest": "im Digest versendete Erkenntnis",
    "insights sent in digests": "in Digests versendete Erkenntnisse",
    # services
    "ANeTT network office": "ANeTT-Netzwerkbüro",
    "Partner organisation": "Partnerorganisation",
    "No user account with the user name or e-mail address “%(id)s”. "
    "The administration creates user accounts.": (
        "Kein Benutzerkonto mit dem Benutzernamen oder der E-Mail-Adresse „%(id)s“ gefunden. "
        "Benutzerkonten legt die Administration an."
    ),
    "“%(user)s” has the role %(role)s; only accounts with the role Partner can belong to a "
    "partner organisation.": (
        "„%(user)s“ hat die Rolle %(role)s; nur Konten mit der Rolle Partner können einer "
        "Partnerorganisation angehören."
    ),
    "“%(user)s” already belongs to this organisation.": (
        "„%(user)s“ gehört bereits zu dieser Organisation."
    ),
    "“%(user)s” already belongs to “%(org)s”. Remove the account there first.": (
        "„%(user)s“ gehört bereits zu „%(org)s“. Entfernen Sie das Konto dort zuerst."
    ),
    "ANeTT: %(n)d new insight for your organisation": (
        "ANeTT: %(n)d neue Erkenntnis für Ihre Organisation",
        "ANeTT: %(n)d neue Erkenntnisse für Ihre Organisation",
    ),
    # forms
    "Hold Ctrl to choose several.": "Mit gedrückter Strg-Taste mehrere wählen.",
    "user name or e-mail address": "Benutzername oder E-Mail-Adresse",
    "An existing account with the role Partner.": "Ein vorhandenes Konto mit der Rolle Partner.",
    "Choose at least one organisation, or publish to all partner organisations.": (
        "Wählen Sie mindestens eine Organisation oder veröffentlichen Sie für alle "
        "Partnerorganisationen."
    ),
    "answer": "Antwort",
    "comment": "Kommentar",
    "delete": "löschen",
    # views
    "Thank you, your contribution has been saved.": "Danke, Ihr Beitrag wurde gespeichert.",
    "Your contribution was not saved. %(errors)s": (
        "Ihr Beitrag wurde nicht gespeichert. %(errors)s"
    ),
    "Answer saved; the partner sees it under “My contributions”.": (
        "Antwort gespeichert; der Partner sieht sie unter „Meine Beiträge“."
    ),
    "Please write an answer.": "Bitte schreiben Sie eine Antwort.",
    "Contribution deleted.": "Beitrag gelöscht.",
    "Answers to it are deleted as well.": "Antworten darauf werden ebenfalls gelöscht.",
    "A published or withdrawn insight is not edited; set it back to draft first.": (
        "Eine veröffentlichte oder zurückgezogene Erkenntnis wird nicht bearbeitet; setzen Sie "
        "sie zuerst in den Entwurf zurück."
    ),
    "Insight “%(title)s” saved.": "Erkenntnis „%(title)s“ gespeichert.",
    "Nothing to show yet.": "Noch nichts anzuzeigen.",
    "Insight “%(title)s” deleted.": "Erkenntnis „%(title)s“ gelöscht.",
    "Its attachments, comments and questions are deleted as well. To take a published insight "
    "away from the partners but keep it, withdraw it instead.": (
        "Ihre Anhänge, Kommentare und Fragen werden ebenfalls gelöscht. Um eine veröffentlichte "
        "Erkenntnis den Partnern zu entziehen, sie aber zu behalten, ziehen Sie sie stattdessen "
        "zurück."
    ),
    "Status is now “%(status)s”.": "Der Status ist jetzt „%(status)s“.",
    "Please choose a file.": "Bitte wählen Sie eine Datei.",
    "File “%(name)s” attached.": "Datei „%(name)s“ angehängt.",
    "File “%(name)s” removed.": "Datei „%(name)s“ entfernt.",
    "“%(user)s” now belongs to “%(org)s”.": "„%(user)s“ gehört jetzt zu „%(org)s“.",
    "Organisation “%(name)s” saved.": "Organisation „%(name)s“ gespeichert.",
    "“%(name)s” is active again.": "„%(name)s“ ist wieder aktiv.",
    "“%(name)s” is deactivated; its members no longer see insights.": (
        "„%(name)s“ ist deaktiviert; ihre Mitglieder sehen keine Erkenntnisse mehr."
    ),
    "“%(user)s” removed from the organisation.": "„%(user)s“ aus der Organisation entfernt.",
    "The user account remains; it then sees only the insights meant for all partners.": (
        "Das Benutzerkonto bleibt bestehen; es sieht dann nur noch die Erkenntnisse für alle "
        "Partner."
    ),
    "%(n)d e-mails could not be sent: %(who)s": (
        "%(n)d E-Mails konnten nicht versendet werden: %(who)s"
    ),
    "Digest sent, e-mails: %(n)d.": "Digest versendet, E-Mails: %(n)d.",
    "Nothing new: no e-mail was sent.": "Nichts Neues: Es wurde keine E-Mail versendet.",
    "New personal feed link created; the previous one no longer works.": (
        "Neuer persönlicher Feed-Link erzeugt; der bisherige funktioniert nicht mehr."
    ),
    "Personal feed link revoked.": "Persönlicher Feed-Link widerrufen.",
    "Digest setting saved.": "Digest-Einstellung gespeichert.",
    # feed
    "ANeTT – insights of the network": "ANeTT – Erkenntnisse aus dem Netzwerk",
    "Findings, good practices and lessons learned for the partner network": (
        "Erkenntnisse, gute Praxis und Lernerfahrungen für das Partnernetzwerk"
    ),
    # templates
    "Partner area": "Partnerbereich",
    "Insights": "Erkenntnisse",
    "My contributions": "Meine Beiträge",
    "My feed": "Mein Feed",
    "Editorial: insights": "Redaktion: Erkenntnisse",
    "Partner organisations": "Partnerorganisationen",
    "insights for you": "Erkenntnisse für Sie",
    "own comments and questions": "eigene Kommentare und Fragen",
    "of them answered": "davon beantwortet",
    "All insights": "Alle Erkenntnisse",
    "My feed and digest": "Mein Feed und Digest",
    "Latest insights": "Neueste Erkenntnisse",
    "No insight has been published for you yet.": (
        "Für Sie wurde noch keine Erkenntnis veröffentlicht."
    ),
    "Firms reached by the network": "Vom Netzwerk erreichte Betriebe",
    "Firms reached or engaged, by district and branch group. Cells with fewer than 5 firms are "
    "shown as “< 5”; “–” hides totals from which a small cell could be worked out.": (
        "Erreichte oder aktive Betriebe nach Kreis und Branchengruppe. Felder mit weniger als "
        "5 Betrieben erscheinen als „< 5“; „–“ verdeckt Summen, aus denen sich ein kleines Feld "
        "errechnen ließe."
    ),
    "Insights from the network": "Erkenntnisse aus dem Netzwerk",
    "Findings, good practices and lessons learned of the transformation network, for its "
    "partner organisations.": (
        "Erkenntnisse, gute Praxis und Lernerfahrungen des Transformationsnetzwerks für seine "
        "Partnerorganisationen."
    ),
    "Atom feed and e-mail digest": "Atom-Feed und E-Mail-Digest",
    "New insight": "Neue Erkenntnis",
    "%(n)s insight found": (
        "%(n)s Erkenntnis gefunden",
        "%(n)s Erkenntnisse gefunden",
    ),
    "No insight matches these filters.": "Keine Erkenntnis passt zu diesen Filtern.",
    "Published by the ANeTT network office on %(date)s": (
        "Veröffentlicht vom ANeTT-Netzwerkbüro am %(date)s"
    ),
    "Review and publication": "Prüfung und Veröffentlichung",
    "History": "Verlauf",
    "step": "Schritt",
    "Not yet submitted.": "Noch nicht eingereicht.",
    "Attachments": "Anhänge",
    "remove": "entfernen",
    "No attachments.": "Keine Anhänge.",
    "Attach a file": "Datei anhängen",
    "Upload": "Hochladen",
    "PDF, DOCX, XLSX, PNG, JPG or CSV, at most %(max_mb)s MB": (
        "PDF, DOCX, XLSX, PNG, JPG oder CSV, höchstens %(max_mb)s MB"
    ),
    "Comments and questions": "Kommentare und Fragen",
    "No comments or questions yet.": "Noch keine Kommentare oder Fragen.",
    "Comment or ask a question": "Kommentieren oder eine Frage stellen",
    "Others see the name of your organisation, never your name or e-mail address.": (
        "Andere sehen den Namen Ihrer Organisation, nie Ihren Namen oder Ihre E-Mail-Adresse."
    ),
    "Send": "Senden",
    "Edit “%(title)s”": "„%(title)s“ bearbeiten",
    "Preview": "Vorschau",
    "The preview appears while you type.": "Die Vorschau erscheint während des Schreibens.",
    "Update preview": "Vorschau aktualisieren",
    "Save as draft": "Als Entwurf speichern",
    "Questions and comments": "Fragen und Kommentare",
    "Digest e-mail": "Digest-E-Mail",
    "No insights yet.": "Noch keine Erkenntnisse.",
    "Comments and questions of %(org)s and the answers of the network office.": (
        "Kommentare und Fragen von %(org)s und die Antworten des Netzwerkbüros."
    ),
    "Your comments and questions and the answers of the network office.": (
        "Ihre Kommentare und Fragen und die Antworten des Netzwerkbüros."
    ),
    "on the insight": "zur Erkenntnis",
    "Not answered yet.": "Noch nicht beantwortet.",
    "You have not written any comment or question yet. You can do so below each insight.": (
        "Sie haben noch keinen Kommentar und keine Frage geschrieben. Das geht unter jeder "
        "Erkenntnis."
    ),
    "open questions": "offene Fragen",
    "all contributions": "alle Beiträge",
    "answers": "Antworten",
    "Nothing open.": "Nichts offen.",
    "New partner organisation": "Neue Partnerorganisation",
    "members": "Mitglieder",
    "inactive": "inaktiv",
    "No partner organisation yet.": "Noch keine Partnerorganisation.",
    "Deactivate": "Deaktivieren",
    "Activate": "Aktivieren",
    "insights only for it": "Erkenntnisse nur für sie",
    "comments and questions": "Kommentare und Fragen",
    "Members": "Mitglieder",
    "account disabled": "Konto gesperrt",
    "Remove": "Entfernen",
    "No members yet.": "Noch keine Mitglieder.",
    "Add a member": "Mitglied hinzufügen",
    "Add": "Hinzufügen",
    "Edit %(name)s": "%(name)s bearbeiten",
    "Really deactivate “%(name)s”?": "„%(name)s“ wirklich deaktivieren?",
    "Its members then see no insights and get no digest e-mail. Their accounts and the "
    "organisation's contributions remain; you can activate it again at any time.": (
        "Ihre Mitglieder sehen dann keine Erkenntnisse mehr und erhalten keine Digest-E-Mail. "
        "Die Konten und die Beiträge der Organisation bleiben erhalten; Sie können sie "
        "jederzeit wieder aktivieren."
    ),
    "Activate “%(name)s” again?": "„%(name)s“ wieder aktivieren?",
    "Yes, deactivate": "Ja, deaktivieren",
    "Yes, activate": "Ja, aktivieren",
    "Digest e-mail to the partners": "Digest-E-Mail an die Partner",
    "Each active partner user with an e-mail address gets one e-mail with the insights "
    "published since their last digest. Nothing is sent twice. The command “anett "
    "partner_digest” does the same, e.g. once a week.": (
        "Jeder aktive Partner-Benutzer mit E-Mail-Adresse erhält eine E-Mail mit den "
        "Erkenntnissen, die seit seinem letzten Digest veröffentlicht wurden. Nichts wird "
        "doppelt versendet. Der Befehl „anett partner_digest“ tut dasselbe, z. B. einmal pro "
        "Woche."
    ),
    "Last run: %(when)s": "Letzter Lauf: %(when)s",
    "The digest has not run yet.": "Der Digest ist noch nicht gelaufen.",
    "The next digest": "Der nächste Digest",
    "%(n)s recipient would get an e-mail now": (
        "%(n)s Empfänger/in würde jetzt eine E-Mail erhalten",
        "%(n)s Empfänger/innen würden jetzt eine E-Mail erhalten",
    ),
    "of %(n)s subscribed partner user": (
        "von %(n)s angemeldeten Partner-Benutzer/in",
        "von %(n)s angemeldeten Partner-Benutzer/innen",
    ),
    "recipient": "Empfänger/in",
    "Send digest now": "Digest jetzt versenden",
    "Earlier runs": "Bisherige Läufe",
    "this page": "diese Seite",
    "command": "Befehl",
    "No run yet.": "Noch kein Lauf.",
    "Atom feed": "Atom-Feed",
    "Feed readers and e-mail programs (e.g. Outlook, Thunderbird) can subscribe to the insights "
    "meant for you.": (
        "Feedreader und E-Mail-Programme (z. B. Outlook, Thunderbird) können die Erkenntnisse "
        "für Sie abonnieren."
    ),
    "While logged in:": "Mit Anmeldung:",
    "Personal secret link": "Persönlicher geheimer Link",
    "For feed readers that cannot log in. Whoever knows the link reads the insights meant for "
    "you, so do not pass it on.": (
        "Für Feedreader, die sich nicht anmelden können. Wer den Link kennt, liest die "
        "Erkenntnisse für Sie – geben Sie ihn nicht weiter."
    ),
    "Copy the link now: for security it is shown only this once.": (
        "Kopieren Sie den Link jetzt: Aus Sicherheitsgründen wird er nur dieses eine Mal angezeigt."
    ),
    "A personal link exists (created %(when)s).": (
        "Ein persönlicher Link besteht (erzeugt am %(when)s)."
    ),
    "No personal link exists.": "Es besteht kein persönlicher Link.",
    "Create a new link (the old one stops working)": (
        "Neuen Link erzeugen (der alte funktioniert dann nicht mehr)"
    ),
    "Create a personal link": "Persönlichen Link erzeugen",
    "Revoke link": "Link widerrufen",
    "An e-mail with the insights published since the last one.": (
        "Eine E-Mail mit den Erkenntnissen, die seit der letzten veröffentlicht wurden."
    ),
    "Your account has no e-mail address; ask the administration to add one.": (
        "Ihr Konto hat keine E-Mail-Adresse; bitten Sie die Administration, eine einzutragen."
    ),
    "Last digest sent to you: %(when)s": "Letzter Digest an Sie: %(when)s",
    # e-mail
    "Hello %(name)s,": "Guten Tag %(name)s,",
    "the ANeTT network has published a new insight for you:": (
        "das ANeTT-Netzwerk hat eine neue Erkenntnis für Sie veröffentlicht:",
        "das ANeTT-Netzwerk hat %(n)s neue Erkenntnisse für Sie veröffentlicht:",
    ),
    "All insights:": "Alle Erkenntnisse:",
    "You can comment on each insight or ask a question.": (
        "Sie können jede Erkenntnis kommentieren oder eine Frage dazu stellen."
    ),
    "You get this e-mail as a member of the ANeTT partner network. To stop it, switch the "
    "digest off here:": (
        "Sie erhalten diese E-Mail als Mitglied des ANeTT-Partnernetzwerks. Abbestellen können "
        "Sie den Digest hier:"
    ),
}
