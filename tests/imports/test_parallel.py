"""Rows normalised on worker processes come back in order; if the workers fail, the
rest is done in this process with the same result."""

import json
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

from anett.companies.classification import default_rules
from anett.imports import matching, parallel
from anett.imports.rows import Lookups

COLUMNS = [(0, "name"), (1, "postcode"), (2, "employees_site")]
ROWS = [(n, [f"Firma {n} GmbH", "99817", str(n)]) for n in range(2, 9002)]


def summary(items):
    out = []
    for cells, checked in items:
        data = json.loads(checked.data)
        out.append((checked.number, cells[0], data["name"], data["employees_site"], checked.keys))
    return out


def test_several_processes_give_the_rows_in_order():
    lookups = Lookups(rules=default_rules())
    one = list(parallel.normalised(ROWS, COLUMNS, lookups, processes=1))
    two = list(parallel.normalised(ROWS, COLUMNS, lookups, processes=2))
    assert summary(one) == summary(two)
    assert [checked.number for _cells, checked in two] == list(range(2, 9002))


class BreakingPool:
    """Runs the first chunk, then breaks like a pool whose worker was killed."""

    def __init__(self, *args, initializer=None, initargs=(), **kwargs):
        initializer(*initargs)
        self.calls = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def submit(self, fn, *args):
        self.calls += 1
        future = Future()
        if self.calls == 1:
            future.set_result(fn(*args))
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


def test_the_worker_hands_back_keys_and_json():
    lookups = Lookups(rules=default_rules())
    columns = [*COLUMNS, (3, "city"), (4, "street")]
    rows = [
        (2, ["Muster Metall GmbH", "99817", "12", "Eisenach", "Am Werk 1"]),
        (3, ["", "99817", "x", "Eisenach", ""]),
    ]
    (cells, good), (_cells, bad) = parallel.normalised(rows, columns, lookups)
    assert cells == rows[0][1]
    assert json.loads(good.data)["name"] == "Muster Metall"
    assert good.errors is None
    strong, weak = good.keys
    sep = matching.SEP
    assert f"nps{sep}mustermetall{sep}99817{sep}amwerk" in strong  # name and address
    assert matching.rule_of(strong[0]) == matching.RULE_NAME_ADDRESS
    assert f"nc{sep}mustermetall{sep}eisenach" in weak  # the same name in the same town
    assert bad.keys is None
    assert set(bad.errors) == {"name", "employees_site"}
    assert bad.errors["name"][0][0] == "The company name is missing."
