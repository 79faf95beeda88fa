"""The insert rows of new companies, built from stored preview rows. Plain Python.

Writing an import spends most of its time in SQLite's inserts, but before that every row
has to be read back as JSON, given its derived fields (branch group, union scope, SME
class, search text) and its outreach priority, and laid out in the column order of the
insert. ``build_new`` does that for one chunk of fetched rows. It runs on a worker
process while the main process writes the chunk before (``services._commit``), so that
the second core does this part of the work; without workers it runs in the main process
with the same result.

The main process only adds what must be decided inside the write transaction: the
company id (and with it the link's company id).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from anett.companies import classification as cls
from anett.outreach import priority

NEW = "new"


# Fields of Company an import writes (as changes.COMPANY_FIELDS) and what is derived.
def derive(values: dict, rules: list[cls.BranchRule], classified: dict) -> None:
    """What Company.save() computes (``refresh_derived``), on a dict of column values;
    ``classified`` caches the branch of each WZ code."""
    wz = values.get("wz_code") or ""
    found = classified.get(wz)
    if found is None:
        found = classified[wz] = cls.classify_branch(wz, rules)
    values["branch_group"], values["derived_union_scope"] = found
    headcount = values.get("employees_enterprise")
    if headcount is None:
        headcount = values.get("employees_site")
    values["sme_class"] = cls.sme_class(
        headcount, values.get("turnover_eur"), values.get("balance_sheet_eur")
    )
    values["search_text"] = cls.search_key(
        f"{values.get('name', '')} {values.get('legal_form', '')} {values.get('city', '')}"
    )


@dataclass
class Layout:
    """What a worker needs to build insert rows: the columns of both tables in insert
    order with their (database-ready) defaults, and the lookups of the derived fields."""

    company_columns: list[str]  # attnames, without the primary key
    company_defaults: list
    link_columns: list[str]  # attnames, without the primary key and company_id
    link_defaults: list
    import_fields: tuple[str, ...]  # Company fields taken from the row
    rules: list[cls.BranchRule]
    weights: priority.Weights
    given: dict = field(default_factory=dict)  # column -> value for every new company
    link_given: dict = field(default_factory=dict)  # column -> value for every link


class Builder:
    """Derived fields and priority of new companies, with caches per distinct value."""

    def __init__(self, rules: list[cls.BranchRule], weights: priority.Weights):
        self.rules = rules
        self.weights = weights
        self._classified: dict[str, tuple[str, str]] = {}
        self._priority: dict[tuple, int] = {}

    def derive(self, values: dict) -> None:
        """What Company.save() computes (``refresh_derived``), on a dict of values."""
        derive(values, self.rules, self._classified)

    def priority(self, values: dict) -> int:
        """The outreach priority of a firm nobody has worked on yet (as outreach computes
        it: engagement unknown, no check, no needs)."""
        key = (
            values["branch_group"],
            values["sme_class"],
            values.get("works_council") or "unknown",
            values.get("employees_site"),
        )
        score = self._priority.get(key)
        if score is None:
            firm = priority.Firm(
                id=0,
                branch_group=key[0],
                sme_class=key[1],
                works_council=key[2],
                employees=key[3],
                engagement="unknown",
            )
            score = self._priority[key] = priority.score(firm, self.weights)
        return score


def link_values(data: dict) -> dict:
    """The source record's own fields of a row (identifiers and headcount range)."""
    rng = data.get("employees_site_range") or data.get("employees_enterprise_range")
    return {
        "register_no": (data.get("register_no") or "")[:60],
        "register_key": (data.get("register_key") or "")[:30],
        "vat_id": (data.get("vat_id") or "")[:20],
        "email": (data.get("email") or "")[:200],
        "employees_low": rng[0] if rng else None,
        "employees_high": rng[1] if rng else None,
    }


def build_new(layout: Layout, fetched: list[tuple]) -> dict[int, tuple[str, tuple, tuple]]:
    """For every new row of a fetched chunk ((id, row number, status, external id, data
    JSON, company id, match JSON) as ``services._fetch_after`` reads them): row id ->
    (name, company values without id, link values without company id), in insert
    column order."""
    builder = Builder(layout.rules, layout.weights)
    fields = layout.import_fields
    company_columns, company_defaults = layout.company_columns, layout.company_defaults
    link_columns, link_defaults = layout.link_columns, layout.link_defaults
    given, link_given = layout.given, layout.link_given
    loads = json.loads
    out = {}
    for rid, number, status, ext, data, _company_id, _match in fetched:
        if status != NEW:
            continue
        data = loads(data) if isinstance(data, str) else data
        values = {f: data[f] for f in fields if f in data}
        values.update(given)
        builder.derive(values)
        values["priority_score"] = builder.priority(values)
        link = link_values(data)
        link.update(link_given)
        link["external_id"] = ext
        link["row_number"] = number
        out[rid] = (
            values.get("name") or "",
            tuple(map(values.get, company_columns, company_defaults)),
            tuple(map(link.get, link_columns, link_defaults)),
        )
    return out
