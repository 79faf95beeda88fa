"""`anett import FILE [--source NAME] [--dry-run] [--report report.json]`.

Imports a CSV or XLSX file into the company register the same way as the web page:
column mapping (the one saved for the source, else proposed from the headings; correct
it with ``--map "Heading=field"``), checks, matching against the register and within the
file, then writing in resumable chunks. ``--dry-run`` stops after the check and writes
nothing. Rejected rows can be written as XLSX with the reasons (``--rejected``).

Exit status 0 when the file was read (even with rejected rows), 2 when the file or the
mapping cannot be used. Messages are German.
"""

import json
import sys
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from anett.imports import services
from anett.imports.mapping import FIELDS, FIELDS_BY_KEY, check, header_key
from anett.imports.models import ImportBatch, ImportRow, ImportSource, RowStatus
from anett.imports.problems import ImportFileError
from anett.imports.texts import field_label, render, render_map

EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    help = "Import companies from a CSV or XLSX file (see docs/architecture.md, Import)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file")
        parser.add_argument(
            "--source",
            help="name of the source (default: the file name without extension); "
            "rows with the same ID in the same source update the firm",
        )
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument("--report", help="write a JSON report to this file")
        parser.add_argument("--rejected", help="write the rejected rows as XLSX to this file")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADING=FIELD",
            help="assign a column to a field (FIELD empty: do not import); fields: "
            + ", ".join(f.key for f in FIELDS),
        )
        parser.add_argument(
            "--save-mapping", action="store_true", help="keep the mapping for the source"
        )

    def handle(self, *args, **options):
        with translation.override("de"):
            return self._handle(**options)

    def _fail(self, message: str):
        raise CommandError(message, returncode=EXIT_BAD_INPUT)

    def _handle(self, **options):
        path = Path(options["file"])
        if not path.is_file():
            self._fail(f"Die Datei {path} gibt es nicht.")
        source_name = (options["source"] or path.stem)[:100]
        source, created = ImportSource.objects.get_or_create(name=source_name)
        batch = None
        analysed = False
        try:
            with path.open("rb") as fh:
                try:
                    batch = services.create_batch(File(fh, name=path.name), source, None)
                except ImportFileError as exc:
                    self._fail(f"{path}: {render(exc.problem)}")
            mapping = self._mapping(batch, options["map"])
            problems = check(mapping)
            if problems:
                lines = [render(list(p)) for p in problems]
                lines.append("Spalten: " + ", ".join(batch.headers))
                self._fail("\n".join(lines))
            services.save_mapping(batch, mapping, remember=options["save_mapping"] or created)
            self._describe(batch)
            services.analyse(batch, self._progress("Prüfen"))
            analysed = True
            batch.refresh_from_db()
            self._counts(batch, "Vorschau" if options["dry_run"] else "Geprüft")
            if not options["dry_run"]:
                services.commit(batch, self._progress("Schreiben"))
                batch.refresh_from_db()
                self.stdout.write(
                    f"Import #{batch.pk} geschrieben: {batch.count_new:n} neu, "
                    f"{batch.count_update:n} aktualisiert, {batch.count_duplicate:n} Dubletten "
                    f"verknüpft ({batch.timings.get('commit', {}).get('total', 0):.1f} s). "
                    f"Rückgängig machen auf der Seite /import/{batch.pk}/."
                )
            if options["rejected"] and batch.count_rejected:
                Path(options["rejected"]).write_bytes(services.rejected_workbook(batch))
                self.stdout.write(
                    f"{batch.count_rejected:n} abgelehnte Zeilen nach {options['rejected']}."
                )
            if options["report"]:
                self._report(batch, Path(options["report"]), options["dry_run"])
        finally:
            # A dry run leaves nothing behind; nor does a file or mapping that could not
            # be used. An import that stopped while writing stays, to be resumed.
            if batch is not None and batch.pk and (options["dry_run"] or not analysed):
                batch.file.delete(save=False)
                batch.delete()
            if created and not source.batches.exists():
                source.delete()

    def _mapping(self, batch: ImportBatch, overrides: list[str]) -> dict[int, str]:
        mapping = {int(k): v for k, v in batch.mapping.items()}
        folded = [header_key(h) for h in batch.headers]
        for item in overrides:
            heading, sep, field = item.partition("=")
            if not sep:
                self._fail(f"--map erwartet Überschrift=Feld, nicht „{item}“.")
            field = field.strip()
            if field and field not in FIELDS_BY_KEY:
                self._fail(f"Unbekanntes Feld „{field}“. Felder: {', '.join(FIELDS_BY_KEY)}.")
            key = header_key(heading)
            if key not in folded:
                self._fail(f"Keine Spalte „{heading}“. Spalten: {', '.join(batch.headers)}.")
            column = folded.index(key)
            for col, f in list(mapping.items()):
                if field and f == field:
                    del mapping[col]
            mapping[column] = field
        return {c: f for c, f in mapping.items() if f}

    def _describe(self, batch: ImportBatch) -> None:
        fmt = batch.file_format.upper()
        if batch.file_format == "csv":
            sep = {"\t": "Tab"}.get(batch.delimiter, batch.delimiter)
            fmt += f", {batch.encoding}, Trennzeichen „{sep}“"
        self.stdout.write(f"{batch.file_name} ({fmt}), Quelle „{batch.source.name}“")
        for i, header in enumerate(batch.headers):
            field = batch.column_mapping.get(i)
            target = field_label(field) if field else "– nicht importiert –"
            self.stdout.write(f"  {header} → {target}")
        for warning in batch.file_warnings:
            self.stdout.write(f"Hinweis: {render(warning)}")

    def _progress(self, label: str):
        if not sys.stderr.isatty():
            return lambda done, total: None

        def show(done, total):
            sys.stderr.write(f"\r{label}: {done:n} von {total:n} Zeilen")
            if done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()

        return show

    def _counts(self, batch: ImportBatch, label: str) -> None:
        self.stdout.write(
            f"{label}: {batch.total_rows:n} Zeilen – {batch.count_new:n} neu, "
            f"{batch.count_update:n} zu aktualisieren, {batch.count_unchanged:n} unverändert, "
            f"{batch.count_duplicate:n} Dubletten, {batch.count_rejected:n} abgelehnt"
            + (
                f" ({batch.count_possible:n} mögliche Dubletten zur Prüfung)"
                if batch.count_possible
                else ""
            )
            + f" ({batch.timings.get('analyse', {}).get('total', 0):.1f} s)."
        )
        rejected = ImportRow.objects.filter(batch=batch, status=RowStatus.REJECTED).order_by(
            "row_number"
        )
        for row in rejected[:10]:
            reasons = "; ".join(
                f"{label}: {' '.join(msgs)}" for _k, label, msgs in render_map(row.errors)
            )
            self.stdout.write(f"  Zeile {row.row_number}: {reasons}")
        if batch.count_rejected > 10:
            self.stdout.write(f"  … und {batch.count_rejected - 10:n} weitere abgelehnte Zeilen.")

    def _report(self, batch: ImportBatch, path: Path, dry_run: bool) -> None:
        rows = []
        qs = ImportRow.objects.filter(batch=batch).order_by("row_number")
        links = {}
        if not dry_run:
            links = dict(batch.records.values_list("external_id", "company_id")) | dict(
                batch.source.records.filter(
                    external_id__in=qs.filter(status=RowStatus.UPDATE).values("external_id")
                ).values_list("external_id", "company_id")
            )
        for row in qs.iterator(chunk_size=2000):
            entry = {"row": row.row_number, "status": row.status, "external_id": row.external_id}
            company = row.company_id or links.get(row.external_id)
            if company and row.status != RowStatus.REJECTED:
                entry["company_id"] = company
            if row.errors:
                entry["errors"] = {k: [render(p) for p in v] for k, v in row.errors.items()}
            if row.warnings:
                entry["warnings"] = {k: [render(p) for p in v] for k, v in row.warnings.items()}
            if row.match:
                entry["match"] = row.match
            rows.append(entry)
        report = {
            "file": batch.file_name,
            "source": batch.source.name,
            "batch": None if dry_run else batch.pk,
            "dry_run": dry_run,
            "format": batch.file_format,
            "encoding": batch.encoding,
            "delimiter": batch.delimiter,
            "header_row": batch.header_row,
            "mapping": {batch.headers[i]: f for i, f in sorted(batch.column_mapping.items())},
            "warnings": [render(w) for w in batch.file_warnings],
            "counts": {
                "rows": batch.total_rows,
                "new": batch.count_new,
                "update": batch.count_update,
                "unchanged": batch.count_unchanged,
                "duplicate": batch.count_duplicate,
                "rejected": batch.count_rejected,
                "possible_duplicates": batch.count_possible,
            },
            "timings": batch.timings,
            "rows": rows,
        }
        path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        self.stdout.write(f"Bericht nach {path}.")
