"""`anett dedupe INPUT.csv --out OUTPUT.csv`: mark records of the same firm in a CSV file.

Reads company records (columns name, street, plz, city and optionally wz, employees,
phone, email, website, register_no, vat_id), finds the records that describe the same
firm (`anett.linkage.dedupe.find_clusters`) and writes the file back with an added
column `cluster_id`: records of the same firm share an id. Separator (`;` or `,`) and
encoding (UTF-8 or Windows-1252, as Excel writes it) are detected; the output keeps
both. Unreadable input ends with a German message and exit status 2.
"""

import csv
import io
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

EXIT_BAD_INPUT = 2
COLUMNS = (
    "name",
    "street",
    "plz",
    "city",
    "wz",
    "employees",
    "phone",
    "email",
    "website",
    "register_no",
    "vat_id",
)
# German headers that spreadsheets commonly use for our columns.
HEADER_ALIASES = {
    "firma": "name",
    "firmenname": "name",
    "unternehmen": "name",
    "betrieb": "name",
    "straße": "street",
    "strasse": "street",
    "straße und hausnummer": "street",
    "anschrift": "street",
    "postleitzahl": "plz",
    "ort": "city",
    "stadt": "city",
    "wz-code": "wz",
    "wz 2008": "wz",
    "beschäftigte": "employees",
    "mitarbeiter": "employees",
    "telefon": "phone",
    "e-mail": "email",
    "webseite": "website",
    "internet": "website",
    "handelsregister": "register_no",
    "registernummer": "register_no",
    "ust-idnr": "vat_id",
    "ust-idnr.": "vat_id",
    "umsatzsteuer-id": "vat_id",
}
CLUSTER_COLUMN = "cluster_id"


class BadInput(Exception):
    pass


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding of a CSV file: UTF-8 (with or without BOM), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise BadInput("Die Datei ist weder UTF-8 noch Windows-1252 kodiert.") from exc


def sniff_delimiter(text: str) -> str:
    """';' or ',' – whichever splits the header line into more columns."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") >= header.count(",") and ";" in header else ","


def canonical_header(name: str) -> str:
    key = " ".join(name.strip().strip('"').lower().split())
    return HEADER_ALIASES.get(key, key)


def read_records(path: Path) -> tuple[list[str], list[list[str]], list[dict], str, str]:
    """Header, raw rows, records keyed by our column names, delimiter and encoding."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise BadInput(f"Die Datei {path} gibt es nicht.") from exc
    except IsADirectoryError as exc:
        raise BadInput(f"{path} ist ein Ordner, keine CSV-Datei.") from exc
    except OSError as exc:
        raise BadInput(f"Die Datei {path} lässt sich nicht lesen ({exc.strerror}).") from exc
    if b"\x00" in data[:4096]:
        raise BadInput(f"{path} ist keine CSV-Datei (Binärdaten, z. B. eine Excel-Datei?).")
    text, encoding = decode(data)
    if not text.strip():
        raise BadInput(f"Die Datei {path} ist leer.")
    delimiter = sniff_delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise BadInput(f"Die Datei {path} ist keine lesbare CSV-Datei ({exc}).") from exc
    header, body = rows[0], [r for r in rows[1:] if any(cell.strip() for cell in r)]
    keys = [canonical_header(h) for h in header]
    if "name" not in keys:
        raise BadInput(
            "Die Spalte „name“ fehlt. Erwartet werden die Spalten name, street, plz, city "
            f"(optional: {', '.join(COLUMNS[4:])}); gefunden: {', '.join(header) or 'keine'}."
        )
    positions = {k: i for i, k in reversed(list(enumerate(keys))) if k in COLUMNS}
    records = [
        {k: (row[i].strip() if i < len(row) else "") for k, i in positions.items()} for row in body
    ]
    return header, body, records, delimiter, encoding


class Command(BaseCommand):
    help = (
        "Find records of the same firm in a CSV file and write it back with a cluster_id "
        "column (records of the same firm share an id)."
    )

    def add_arguments(self, parser):
        parser.add_argument("input", help="CSV file with columns name, street, plz, city, ...")
        parser.add_argument("--out", required=True, help="CSV file to write")
        parser.add_argument(
            "--threshold",
            type=float,
            default=None,
            help="match probability from which two records are merged (default 0.9)",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        path, out = Path(options["input"]), Path(options["out"])
        try:
            header, body, records, delimiter, encoding = read_records(path)
        except BadInput as exc:
            raise CommandError(str(exc), returncode=EXIT_BAD_INPUT) from exc
        threshold = options["threshold"]
        if threshold is not None and not 0 < threshold <= 1:
            raise CommandError(
                "Der Schwellenwert muss zwischen 0 und 1 liegen.", returncode=EXIT_BAD_INPUT
            )

        from anett.linkage.dedupe import DEFAULT_MATCH_THRESHOLD, find_clusters

        clusters = find_clusters(records, threshold=threshold or DEFAULT_MATCH_THRESHOLD)
        column = CLUSTER_COLUMN if CLUSTER_COLUMN not in header else f"{CLUSTER_COLUMN}_dedupe"
        try:
            with out.open("w", encoding=encoding, newline="", errors="replace") as fh:
                writer = csv.writer(fh, delimiter=delimiter)
                writer.writerow([*header, column])
                width = len(header)
                for row, cluster in zip(body, clusters, strict=True):
                    writer.writerow([*row[:width], *[""] * (width - len(row)), cluster])
        except OSError as exc:
            raise CommandError(
                f"Die Datei {out} lässt sich nicht schreiben ({exc.strerror}).",
                returncode=EXIT_BAD_INPUT,
            ) from exc
        n_firms = len(set(clusters))
        self.stdout.write(
            f"{len(records):n} Datensätze gelesen, {n_firms:n} Betriebe, "
            f"{len(records) - n_firms:n} Dubletten; geschrieben nach {out} "
            f"({time.monotonic() - started:.1f} s)."
        )
