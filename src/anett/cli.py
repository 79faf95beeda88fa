"""The `anett` console command.

`anett serve`  start the web server (default 127.0.0.1:8000)
`anett setup`  migrate, load reference data (Kreise, regions, WZ mapping)
`anett demo`   create demo users and fictitious companies
Every other sub-command is forwarded to Django's management commands
(`anett migrate`, `anett createsuperuser`, `anett shell`, ...).
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anett.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    prog = "anett"
    if len(argv) > 1 and argv[1] == "serve":
        rest = argv[2:] or ["127.0.0.1:8000"]
        argv = [prog, "runserver", *rest]
    else:
        argv = [prog, *argv[1:]]
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
