"""Background work without a task queue: the job row in the database is the job, and the web
process starts a worker for it (see docs/decisions.md, import section). Shared by the import
(`anett import_worker`) and the duplicate search (`anett find_duplicates`)."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable

from django.db import connection

log = logging.getLogger(__name__)

RUNNERS = ("subprocess", "thread", "sync", "external")


def worker_id() -> str:
    """host:pid of this process, stored on the job it runs."""
    return f"{socket.gethostname()}:{os.getpid()}"


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child (exited, not yet reaped) is not alive either
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ", 1)[1][:1] != "Z"
    except (OSError, IndexError):
        return True


def worker_gone(worker: str) -> bool:
    """Whether the worker ``host:pid`` ran on this host and its process no longer exists
    (a worker on another host is judged by its heartbeat only)."""
    host, _, pid = worker.rpartition(":")
    return host == socket.gethostname() and pid.isdigit() and not pid_alive(int(pid))


def start_job(
    mode: str, command: list[str], job_id: int, run: Callable[[int], object], what: str
) -> None:
    """Run job ``job_id``: in this request (``sync``), in a thread, or as a child process
    ``anett <command>`` in its own session (``subprocess``; a thread if that fails).
    ``external``: a separate worker loop picks it up, nothing to start here."""
    if mode == "sync":
        run(job_id)
    elif mode == "thread":
        _thread(run, job_id)
    elif mode == "subprocess":
        try:
            subprocess.Popen(  # noqa: S603 - our own command, no shell
                [sys.executable, "-m", "anett.cli", *command],
                start_new_session=True,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                close_fds=True,
            )
        except OSError:
            log.exception("could not start %s; running it in a thread instead", what)
            _thread(run, job_id)


def _thread(run: Callable[[int], object], job_id: int) -> None:
    def target():
        try:
            run(job_id)
        finally:
            connection.close()

    threading.Thread(target=target, daemon=True).start()
