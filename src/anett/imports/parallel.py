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

import logging
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from .matching import Keys, keys_from_company, keys_from_data, pairs_for
from .rows import Lookups, RowNormaliser, RowResult

CHUNK_ROWS = 2000
log = logging.getLogger(__name__)

_normaliser: RowNormaliser | None = None

Normalised = tuple[int, list, RowResult, Keys | None]


def _init(columns: list[tuple[int, str]], lookups: Lookups) -> None:
    global _normaliser
    _normaliser = RowNormaliser(columns, lookups)


def _normalise(normaliser: RowNormaliser, number: int, cells: list) -> Normalised:
    result = normaliser.normalise(cells)
    keys = None if result.errors else keys_from_data(result.data, result.name_key)
    return number, cells, result, keys


def _work(chunk: list[tuple[int, list]]) -> list[Normalised]:
    return [_normalise(_normaliser, number, cells) for number, cells in chunk]


def _chunks(rows: Iterable[tuple[int, list]], size: int) -> Iterator[list]:
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        yield chunk


def normalised(
    rows: Iterable[tuple[int, list]],
    columns: list[tuple[int, str]],
    lookups: Lookups,
    processes: int = 1,
) -> Iterator[Normalised]:
    """(row number, cells, result, keys) for every row, in file order; keys are None
    for rejected rows."""
    normaliser = RowNormaliser(columns, lookups)

    def here(chunk):
        return [_normalise(normaliser, number, cells) for number, cells in chunk]

    yield from _in_order(_chunks(rows, CHUNK_ROWS), _work, here, processes, (columns, lookups))


def _company_keys(chunk: list[tuple[int, dict]]) -> list[tuple[int, Keys]]:
    return [(company_id, keys_from_company(values)) for company_id, values in chunk]


def company_keys(
    records: Iterable[tuple[int, dict]], processes: int = 1
) -> Iterator[tuple[int, Keys]]:
    """(company id, keys) of register entries, on several processes for many."""
    yield from _in_order(_chunks(records, CHUNK_ROWS), _company_keys, _company_keys, processes)


def _model_pack(request: tuple) -> list:
    return [pairs_for(request)]


def model_map(processes: int):
    """A ``map`` for ``matching.score_candidates`` that runs the record-linkage model on
    several processes, one pack at a time each."""

    def mapper(fn, requests):
        assert fn is pairs_for
        requests = list(requests)
        workers = min(processes, len(requests))
        return _in_order(iter(requests), _model_pack, _model_pack, workers)

    return mapper


def _in_order(chunks, remote, local, processes: int, initargs=None) -> Iterator:
    """Results of ``remote(chunk)`` on worker processes, in order, with at most a few
    chunks in flight (memory stays flat for a million rows). If the pool cannot be
    started or breaks, the remaining chunks are done here by ``local``: the result is
    the same, only slower."""
    if processes <= 1:
        for chunk in chunks:
            yield from local(chunk)
        return
    try:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        kwargs = {"initializer": _init, "initargs": initargs} if initargs else {}
        pool = ProcessPoolExecutor(processes, mp_context=context, **kwargs)
    except (OSError, ValueError, RuntimeError):
        log.warning("no worker processes; normalising in this process", exc_info=True)
        for chunk in chunks:
            yield from local(chunk)
        return
    in_flight: deque = deque()
    broken = False
    with pool:
        for chunk in chunks:
            if not broken:
                try:
                    in_flight.append((chunk, pool.submit(remote, chunk)))
                except (BrokenProcessPool, RuntimeError):
                    broken = True
            if broken:
                in_flight.append((chunk, None))
            while len(in_flight) > processes * 3:
                yield from _result(in_flight.popleft(), local)
        while in_flight:
            yield from _result(in_flight.popleft(), local)


def _result(item, local) -> list:
    chunk, future = item
    if future is not None:
        try:
            return future.result()
        except (BrokenProcessPool, OSError, EOFError):
            log.warning("a worker process failed; continuing in this process", exc_info=True)
    return local(chunk)
