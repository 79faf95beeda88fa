"""Checks of files attached to insights: type by name and content, size. Plain Python.

Only these types are accepted; a file must also *look* like its type (the first bytes), so a
renamed program is refused even with a harmless name.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_MB_DEFAULT = 10

# extension -> (content type, label, magic check)
TYPES = {
    "pdf": ("application/pdf", "PDF"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    "png": ("image/png", "PNG"),
    "jpg": ("image/jpeg", "JPG"),
    "jpeg": ("image/jpeg", "JPG"),
    "csv": ("text/csv", "CSV"),
}


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _looks_like(ext: str, head: bytes) -> bool:
    if ext == "pdf":
        return head.startswith(b"%PDF")
    if ext in {"docx", "xlsx"}:
        return head.startswith(b"PK\x03\x04")
    if ext == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if ext in {"jpg", "jpeg"}:
        return head.startswith(b"\xff\xd8\xff")
    if ext == "csv":
        if b"\x00" in head:
            return False
        for encoding in ("utf-8", "cp1252"):
            try:
                head.decode(encoding)
                return True
            except UnicodeDecodeError as exc:
                # A multi-byte character cut at the end of the sample is fine.
                if encoding == "utf-8" and exc.start >= len(head) - 3:
                    return True
        return False
    return False


@dataclass(frozen=True)
class Checked:
    extension: str
    content_type: str


def allowed_labels() -> str:
    return ", ".join(dict.fromkeys(label for _ct, label in TYPES.values()))


def check_file(name: str, size: int, head: bytes, max_mb: int = MAX_MB_DEFAULT) -> Checked:
    """The file's type, or ValueError with a German message naming the file."""
    ext = extension(name)
    if ext not in TYPES:
        raise ValueError(
            _("The file “%(name)s” has a type that is not allowed. Allowed: %(types)s.")
            % {"name": name, "types": allowed_labels()}
        )
    if size > max_mb * 1024 * 1024:
        raise ValueError(
            _("The file “%(name)s” is %(size)s MB; at most %(max)s MB are allowed.")
            % {"name": name, "size": f"{size / 1024 / 1024:.1f}".replace(".", ","), "max": max_mb}
        )
    if size == 0:
        raise ValueError(_("The file “%(name)s” is empty.") % {"name": name})
    if not _looks_like(ext, head):
        raise ValueError(
            _("The file “%(name)s” is not a real %(type)s file.")
            % {"name": name, "type": TYPES[ext][1]}
        )
    return Checked(ext, TYPES[ext][0])
