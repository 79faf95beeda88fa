"""The plain matching module: ranking of offers and programmes, reasons, properties."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from anett.funding import matching as m

WAK, GOTHA, ERFURT, FULDA = "16063", "16067", "16051", "06631"
FIRM = m.Firm(ags=WAK, neighbours=frozenset({GOTHA, "16066"}), sme=True, works_council=False)
NEED = m.NeedIn("skills", 80, "check", (), 1)


def offer(i, **kw):
    base = dict(id=i, title=f"Angebot {i}", actor=f"Akteur {i}", topics=frozenset({"skills"}))
    base.update(kw)
    return m.OfferIn(**base)


def codes(ranked):
    return [r.code for r in ranked.reasons]


def test_offer_in_the_firms_kreis_beats_a_neighbour_and_elsewhere():
    here = offer(1, kreise=frozenset({WAK}))
    near = offer(2, kreise=frozenset({GOTHA}))
    far = offer(3, kreise=frozenset({FULDA}))
    ranked = m.rank_offers(FIRM, NEED, [far, near, here])
    assert [r.id for r in ranked] == [1, 2, 3]
    assert "kreis" in codes(ranked[0]) and "neighbour" in codes(ranked[1])
    assert "elsewhere" in codes(ranked[2])
    assert ranked[0].score - ranked[1].score == m.POINTS["kreis"] - m.POINTS["neighbour"]


def test_reasons_name_topic_groups_cost_and_programme():
    o = offer(
        1,
        kreise=frozenset({WAK}),
        target_groups=frozenset({"management", "works_council"}),
        cost="free",
        formats=frozenset({"in_firm"}),
        programme="sgb3-82",
    )
    results = {"sgb3-82": m.ProgrammeResult(m.ELIGIBLE, "training", 2000.0)}
    (r,) = m.rank_offers(FIRM, NEED, [o], results)
    assert codes(r) == [
        "topic",
        "kreis",
        "groups_no_wc",
        "in_firm_sme",
        "free",
        "programme_eligible",
    ]
    assert r.reasons[2].param("groups") == "management"
    assert r.score == 45 + 25 + 10 + 5 + 10 + 5


def test_works_council_only_offer_is_penalised_for_a_firm_without_one():
    wc_only = offer(1, kreise=frozenset({WAK}), target_groups=frozenset({"works_council"}))
    open_all = offer(2, kreise=frozenset({WAK}))
    ranked = m.rank_offers(FIRM, NEED, [wc_only, open_all])
    assert [r.id for r in ranked] == [2, 1]
    assert "needs_wc" in codes(ranked[1])
    with_wc = m.Firm(ags=WAK, works_council=True)
    (r,) = m.rank_offers(with_wc, NEED, [wc_only])
    assert "groups_wc" in codes(r)


def test_offers_of_other_topics_are_left_out_and_actor_topics_rank_last():
    other = offer(1, topics=frozenset({"succession"}))
    via_actor = offer(
        2, topics=frozenset({"digital"}), actor_topics=frozenset({"skills"}), cost="free",
        kreise=frozenset({WAK}),
    )  # fmt: skip
    direct = offer(3, kreise=frozenset({FULDA}))
    ranked = m.rank_offers(FIRM, NEED, [other, via_actor, direct])
    assert [r.id for r in ranked] == [3, 2]
    assert ranked[1].tier == m.TIER_ACTOR and codes(ranked[1])[0] == "actor_topic"


def test_online_offer_counts_without_a_district():
    (r,) = m.rank_offers(FIRM, NEED, [offer(1, formats=frozenset({"online"}))])
    assert "online" in codes(r)
    (r,) = m.rank_offers(FIRM, NEED, [offer(1)])
    assert "no_region" in codes(r)


def programmes():
    return [
        m.ProgrammeIn("sgb3-82", "§ 82", "§ 82 SGB III", ("training",)),
        m.ProgrammeIn("th-weiterbildungsscheck", "WB-Scheck", "FWRL", ("training",)),
        m.ProgrammeIn("afbg", "AFBG", "AFBG", ("training",)),
        m.ProgrammeIn("bafa-beratung", "BAFA", "RL", ("consulting",)),
        m.ProgrammeIn("bildungspraemie", "Prämie", "BMBF", ("training",), offered=False),
    ]


def test_programmes_ranked_by_topic_fit_and_engine_status():
    results = {
        "sgb3-82": m.ProgrammeResult(m.CHECK, "training", 2000.0, False, 3),
        "th-weiterbildungsscheck": m.ProgrammeResult(m.ELIGIBLE, "training", 1000.0),
        "afbg": m.ProgrammeResult(m.NOT_ELIGIBLE, "training", first_failure="kein Aufstieg"),
        "bafa-beratung": m.ProgrammeResult(m.ELIGIBLE, "consulting", 2800.0),
    }
    fitting, excluded = m.rank_programmes(NEED, programmes(), results)
    # bafa does not serve "skills", the Bildungsprämie is not offered.
    assert [r.id for r in fitting] == ["th-weiterbildungsscheck", "sgb3-82"]
    assert [r.id for r in excluded] == ["afbg"]
    top = fitting[0]
    assert [x.code for x in top.reasons] == ["main_instrument", "eligible", "amount"]
    assert top.reasons[1].param("basis") == "FWRL"
    check = fitting[1]
    assert check.reasons[1].code == "check" and check.reasons[1].param("n") == "3"
    assert excluded[0].reasons[-1].param("why") == "kein Aufstieg"


def test_without_engine_results_programmes_say_so():
    fitting, excluded = m.rank_programmes(NEED, programmes(), {})
    assert {r.status for r in fitting} == {m.NO_FACTS} and excluded == []
    assert [r.id for r in fitting][:1] == ["sgb3-82"]  # main instrument first, then order


def test_match_orders_needs_by_level():
    needs = [m.NeedIn("succession", 40, id=1), m.NeedIn("skills", 90, id=2)]
    out = m.match(FIRM, needs, [offer(1)], programmes(), {})
    assert [x.need.topic for x in out] == ["skills", "succession"]
    assert [r.id for r in out[0].offers] == [1] and out[1].offers == []


def test_standard_case_is_a_valid_engine_case():
    from anett.funding.case import parse_case
    from anett.funding.engine import evaluate

    firm = {"employees_establishment": 40, "employees_enterprise": 40, "land": "TH"}
    assert m.missing_firm_facts(firm) == []
    assert m.missing_firm_facts({"land": "TH"}) == ["employees"]
    for kind in ("training", "consulting", "coaching"):
        case = parse_case(m.standard_case(firm, kind, date(2026, 1, 5)))
        assert case.measure.kind == kind and case.measure.start == date(2026, 3, 6)
        res = evaluate(case, programmes=["sgb3-82"])["results"][0]
        r = m.result_from_engine(res, kind)
        assert r.status in (m.ELIGIBLE, m.CHECK, m.NOT_ELIGIBLE)
    assert m.standard_kind(("transfer", "training")) == "training"
    assert m.standard_kind(("transfer",)) is None


# --- properties ------------------------------------------------------------------------------

KREISE = [WAK, GOTHA, ERFURT, FULDA]
offers_st = st.builds(
    lambda i, topic_direct, kreise, groups, cost, formats: m.OfferIn(
        id=i,
        title=f"O{i}",
        actor=f"A{i % 3}",
        topics=frozenset({"skills"} if topic_direct else {"digital"}),
        actor_topics=frozenset({"skills"}),
        target_groups=frozenset(groups),
        kreise=frozenset(kreise),
        cost=cost,
        formats=frozenset(formats),
    ),
    st.integers(1, 10_000),
    st.booleans(),
    st.sets(st.sampled_from(KREISE), max_size=3),
    st.sets(st.sampled_from(["management", "works_council", "skilled", "hr"]), max_size=3),
    st.sampled_from(["free", "funded", "fee", "unknown"]),
    st.sets(st.sampled_from(["online", "in_firm", "on_site"]), max_size=2),
)
firms_st = st.builds(
    m.Firm,
    ags=st.sampled_from(KREISE),
    neighbours=st.sets(st.sampled_from(KREISE), max_size=2).map(frozenset),
    sme=st.sampled_from([True, False, None]),
    works_council=st.sampled_from([True, False, None]),
)


@given(firm=firms_st, offers=st.lists(offers_st, max_size=12, unique_by=lambda o: o.id))
def test_an_offer_not_serving_the_topic_never_outranks_one_that_does(firm, offers):
    ranked = m.rank_offers(firm, NEED, offers)
    tiers = [r.tier for r in ranked]
    assert tiers == sorted(tiers, reverse=True)
    assert all(0 <= r.score <= 100 for r in ranked)


@given(firm=firms_st, o=offers_st)
def test_same_offer_with_the_topic_scores_higher(firm, o):
    from dataclasses import replace

    direct = replace(o, topics=frozenset({"skills"}))
    indirect = replace(o, topics=frozenset({"digital"}))
    (a,) = m.rank_offers(firm, NEED, [direct])
    (b,) = m.rank_offers(firm, NEED, [indirect])
    assert a.score > b.score


@given(firm=firms_st, offers=st.lists(offers_st, max_size=10, unique_by=lambda o: o.id))
def test_ranking_does_not_depend_on_input_order(firm, offers):
    forward = m.rank_offers(firm, NEED, offers)
    backward = m.rank_offers(firm, NEED, list(reversed(offers)))
    assert forward == backward


@given(firm=firms_st, o=offers_st)
def test_serving_the_firms_kreis_never_lowers_the_score(firm, o):
    from dataclasses import replace

    (without,) = m.rank_offers(firm, NEED, [replace(o, kreise=o.kreise - {firm.ags})])
    (with_,) = m.rank_offers(firm, NEED, [replace(o, kreise=o.kreise | {firm.ags})])
    assert with_.score >= without.score
