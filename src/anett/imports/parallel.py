"""Normalising the rows of a large file on several processes. Plain Python, no Django.

Checking and normalising a row (legal forms, streets, phone numbers, WZ codes, keys for
the duplicate search) is pure Python and takes most of the time of an import: about
60 µs per row. ``normalised`` hands chunks of rows to worker processes and gives the
results back in file order, so that the caller matches and stores them exactly as it
would have done with the rows normalised one by one. The workers are started by a
fork server (a fresh interpreter, not a copy of a web process with its threads and
database connections) and receive the mapping and the lookups once. Should the
workers fail (no fork server possible, a worker killed), the rest is normalised in the
calling process.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import NamedTuple

from .matching import KeyStrings, keys_from_company, keys_from_data
from .rows import Lookups, RowNormaliser

CHUNK_ROWS = 2000
log = logging.getLogger(__name__)

_normaliser: RowNormaliser | None = None
EMPTY_JSON = "{}"


def to_json(value) -> str:
    """JSON text as the import stores it (compact, umlauts as they are)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Checked(NamedTuple):
    """A normalised row as the worker hands it back: what the matching needs, and the
    values already as JSON text (the main process only stores them)."""

    number: int
    external_id: str
    derived_id: bool  # the id was made from name and postal code
    keys: KeyStrings | None  # None: the row is rejected
    data: str  # JSON of the normalised values
    errors: dict | None  # field -> [[msgid, params], ...]; None: no errors
    warnings: str  # JSON, "{}" if none


def _problems(problems: dict) -> dict:
    return {k: [p.as_json() for p in v] for k, v in problems.items()}


def check(normaliser: RowNormaliser, number: int, cells: list) -> Checked:
    result = normaliser.normalise(cells)
    errors = _problems(result.errors) if result.errors else None
    keys = None if errors else keys_from_data(result.data, result.name_key).strings()
    return Checked(
        number,
        result.external_id,
        result.derived_id,
        keys,
        to_json(result.data),
        errors,
        to_json(_problems(result.warnings)) if result.warnings else EMPTY_JSON,
    )


def _init(columns: list[tuple[int, str]], lookups: Lookups) -> None:
    global _normaliser
    _normaliser = RowNormaliser(columns, lookups)


def _work(chunk: list[tuple[int, list]]) -> list[Checked]:
    normaliser = _normaliser
    return [check(normaliser, number, cells) for number, cells in chunk]


def _chunks(rows: Iterable[tuple[int, list]], size: int) -> Iterator[list]:
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        yield chunk


def normalised(
    rows: Iterable[tuple[int, list]],
    columns: list[tuple[int, str]],
    lookups: Lookups,
    processes: int = 1,
) -> Iterator[tuple[list, Checked]]:
    """(cells, checked row) for every row, in file order. The cells stay in this
    process (they are only needed again for rejected rows)."""
    normaliser = RowNormaliser(columns, lookups)

    def here(chunk):
        return [check(normaliser, number, cells) for number, cells in chunk]

    for chunk, results in _in_order(
        _chunks(rows, CHUNK_ROWS), _work, here, processes, (columns, lookups)
    ):
        for (_number, cells), checked in zip(chunk, results, strict=True):
            yield cells, checked


def _company_keys(chunk: list[tuple[int, dict]]) -> list[tuple[int, KeyStrings]]:
    return [(company_id, keys_from_company(values).strings()) for company_id, values in chunk]


def company_keys(
    records: Iterable[tuple[int, dict]], processes: int = 1
) -> Iterator[tuple[int, KeyStrings]]:
    """(company id, keys) of register entries, on several processes for many."""
    for _chunk, results in _in_order(
        _chunks(records, CHUNK_ROWS), _company_keys, _company_keys, processes
    ):
        yield from results


def _prepare_chunk(chunk: list[dict]) -> list[dict]:
    from .scoring import prepare_all

    return prepare_all(chunk)


def prepared(processes: int):
    """``prepare_many`` for ``scoring.judge``: the model's features of many records,
    on several processes."""

    def prepare_many(records: list[dict]) -> Iterator[dict]:
        for _chunk, results in _in_order(
            _chunks(records, CHUNK_ROWS), _prepare_chunk, _prepare_chunk, processes
        ):
            yield from results

    return prepare_many


def _in_order(chunks, remote, local, processes: int, initargs=None) -> Iterator[tuple]:
    """(chunk, ``remote(chunk)``) computed on worker processes, in order, with at most a
    few chunks in flight (memory stays flat for a million rows). If the pool cannot be
    started or breaks, the remaining chunks are done here by ``local``: the result is
    the same, only slower."""
    if processes <= 1:
        for chunk in chunks:
            yield chunk, local(chunk)
        return
    try:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(
            [__name__, "anett.imports.scoring", "anett.imports.prebuild"]
        )
        kwargs = {"initializer": _init, "initargs": initargs} if initargs else {}
        pool = ProcessPoolExecutor(processes, mp_context=context, **kwargs)
    except (OSError, ValueError, RuntimeError):
        log.warning("no worker processes; normalising in this process", exc_info=True)
        for chunk in chunks:
            yield chunk, local(chunk)
        return
    in_flight: deque = deque()
    broken = False
    with pool:
        for chunk in chunks:
            if not broken:
                try:
                    in_flight.append((chunk, pool.submit(_timed, remote, chunk)))
                except (BrokenProcessPool, RuntimeError):
                    broken = True
            if broken:
                in_flight.append((chunk, None))
            while len(in_flight) > processes * 3:
                yield _result(in_flight.popleft(), local)
        while in_flight:
            yield _result(in_flight.popleft(), local)


class _WorkerCPU:
    """CPU seconds the worker processes spent on chunks (for the import's timings)."""

    seconds = 0.0


worker_cpu = _WorkerCPU()


def _timed(remote, chunk) -> tuple:
    started = time.process_time()
    results = remote(chunk)
    return results, time.process_time() - started


# for the writer (services._commit): chunks worked on by a worker process, in order
in_order = _in_order


def _result(item, local) -> tuple:
    chunk, future = item
    if future is not None:
        try:
            results, seconds = future.result()
            worker_cpu.seconds += seconds
            return chunk, results
        except (BrokenProcessPool, OSError, EOFError):
            log.warning("a worker process failed; continuing in this process", exc_info=True)
    return chunk, local(chunk)
