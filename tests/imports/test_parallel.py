"""Rows normalised on worker processes come back in order; if the workers fail, the
rest is done in this process with the same result."""

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

from anett.companies.classification import default_rules
from anett.imports import parallel
from anett.imports.rows import Lookups

COLUMNS = [(0, "name"), (1, "postcode"), (2, "employees_site")]
ROWS = [(n, [f"Firma {n} GmbH", "99817", str(n)]) for n in range(2, 9002)]


def summary(items):
    return [(n, r.data["name"], r.data["employees_site"], k.name) for n, _c, r, k in items]


def test_several_processes_give_the_rows_in_order():
    lookups = Lookups(rules=default_rules())
    one = list(parallel.normalised(ROWS, COLUMNS, lookups, processes=1))
    two = list(parallel.normalised(ROWS, COLUMNS, lookups, processes=2))
    assert summary(one) == summary(two)
    assert [n for n, *_ in two] == list(range(2, 9002))


class BreakingPool:
    """Runs the first chunk, then breaks like a pool whose worker was killed."""

    def __init__(self, *args, initializer=None, initargs=(), **kwargs):
        initializer(*initargs)
        self.calls = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def submit(self, fn, chunk):
        self.calls += 1
        future = Future()
        if self.calls == 1:
            future.set_result(fn(chunk))
        elif self.calls == 2:
            future.set_exception(BrokenProcessPool("worker killed"))
        else:
            raise BrokenProcessPool("pool is broken")
        return future


def test_a_broken_pool_falls_back_to_this_process(monkeypatch):
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", BreakingPool)
    lookups = Lookups(rules=default_rules())
    items = list(parallel.normalised(ROWS, COLUMNS, lookups, processes=2))
    assert summary(items) == summary(parallel.normalised(ROWS, COLUMNS, lookups, processes=1))


def test_no_pool_at_all(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no processes here")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", refuse)
    items = list(parallel.normalised(ROWS[:10], COLUMNS, Lookups(rules=default_rules()), 2))
    assert len(items) == 10


def test_the_model_on_several_processes_judges_the_same():
    from anett.imports import matching
    from anett.linkage.generator import generate

    records = generate(300, seed=4)
    rows = {n: {k: r[k] for k in r if k != "true_id"} for n, r in enumerate(records)}
    candidates = matching.Candidates(
        rows={n: {n - 1, n - 2} for n in range(2, 300)},
        register={n: {1000 + n % 7} for n in range(0, 300, 3)},
    )
    register = {1000 + i: rows[i] for i in range(7)}
    kwargs = {"n_rows": 300, "n_register": 7, "pack_size": 120}
    here = matching.score_candidates(candidates, rows, register, **kwargs)
    there = matching.score_candidates(
        candidates, rows, register, map_fn=parallel.model_map(2), **kwargs
    )
    assert here == there
    assert here[1]  # some rows of the file were judged duplicates of earlier ones
