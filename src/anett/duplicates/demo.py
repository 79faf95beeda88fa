"""Demo duplicates: a few demo firms get a second record as another list would bring it
(other spelling of name and street, other source, a contact of its own), and the register
is searched once, so that the review screen shows pairs after ``make run``.

Idempotent: nothing happens when the duplicates exist already, nor in a demo register
of fewer than ``MIN_DEMO_FIRMS`` firms. Everything is fictitious
and marked as demo, like the firms it copies.
"""

import random

from anett.companies.models import Company, ContactPerson

DEMO_SOURCE = "HWK-Liste (Demo-Dubletten)"
HOW_MANY = 6
# Small demo registers (tests, quick looks) stay as they are.
MIN_DEMO_FIRMS = 100
# Searched at once only up to this register size; bigger demo registers (benchmarks)
# are searched from the page.
SEARCH_UP_TO = 20_000


def _variant_name(rng: random.Random, name: str) -> str:
    options = [
        name.replace("-", " "),
        name.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae").replace("ß", "ss"),
        name.upper(),
        name[:-1] + name[-1] * 2 if len(name) > 6 else name + " ",
    ]
    return rng.choice(options).strip()


def _variant_street(street: str) -> str:
    for long, short in (("straße", "str."), ("Straße", "Str."), ("Am Werk", "Am  Werk")):
        if long in street:
            return street.replace(long, short)
    return street


def create_demo(seed: int, log) -> str | None:
    if Company.objects.filter(sources=DEMO_SOURCE).exists():
        return None
    firms = list(Company.objects.filter(is_demo=True).exclude(street="").order_by("id")[:400])
    if len(firms) < MIN_DEMO_FIRMS:
        return None
    rng = random.Random(seed + 4)
    chosen = rng.sample(firms, HOW_MANY)
    for i, firm in enumerate(chosen):
        twin = Company.objects.create(
            name=_variant_name(rng, firm.name),
            legal_form="G.m.b.H." if firm.legal_form == "GmbH" else firm.legal_form,
            street=_variant_street(firm.street),
            postcode=firm.postcode,
            city=firm.city,
            kreis=firm.kreis,
            wz_code=firm.wz_code if i % 2 else "",
            employees_site=firm.employees_site if i % 3 else None,
            phone=f"0361 {rng.randint(100000, 999999)}" if i % 2 == 0 else "",
            website=f"https://www.demo-dublette-{i + 1}.example" if i % 3 == 0 else "",
            sources=DEMO_SOURCE,
            notes="Zweiter Datensatz derselben Demo-Firma aus einer anderen Liste.",
            is_demo=True,
        )
        ContactPerson.objects.create(
            company=twin,
            first_name=rng.choice(["Jana", "Uwe", "Katrin", "Mario", "Sandra", "Thomas"]),
            last_name=rng.choice(["Demo-Krause", "Demo-Vogt", "Demo-Lange", "Demo-Seidel"]),
            function="Geschäftsführung",
        )
    summary = f"{HOW_MANY} Demo-Dubletten angelegt"
    if Company.objects.count() <= SEARCH_UP_TO:
        from .models import SearchRun
        from .services import run_search

        run = run_search(SearchRun.objects.create(status="running"))
        summary += f"; Dublettensuche: {run.pairs_found} mögliche Dubletten"
    return summary + "."
