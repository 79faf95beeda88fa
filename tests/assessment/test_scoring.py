"""Questionnaire definition and scoring: plain Python, no database."""

import itertools

import pytest

from anett.assessment import scoring
from anett.assessment.questionnaire import (
    AnswerError,
    DefinitionError,
    bundled_definitions,
    clean_answer,
    parse_definition,
)


@pytest.fixture(scope="module")
def definition():
    return parse_definition(bundled_definitions()[0])


def test_bundled_check_covers_all_topics(definition):
    topics = {t.id for t in definition.topics}
    assert topics == {
        "drivetrain",
        "digital",
        "skills",
        "labour",
        "energy",
        "business_model",
        "financing",
        "work_org",
        "succession",
    }
    scored = [q for q in definition.questions if q.type != "text"]
    assert 25 <= len(scored) <= 40
    for topic in topics:
        assert definition.questions_for(topic), topic


def test_no_answers_no_invented_needs(definition):
    result = scoring.evaluate(definition, {}, "supplier")
    assert result.needs == []
    assert result.flags == []
    assert result.answered == 0
    # Exposure still has the branch estimate, and says so.
    assert result.exposure.level == 50
    assert "Branchengruppe" in result.exposure.reason


def test_unknown_answers_carry_no_need(definition):
    result = scoring.evaluate(definition, {"dt_share": "unknown"}, "other")
    assert result.needs == []
    assert result.answered == 1


def test_need_level_is_weighted_mean_with_causes(definition):
    # dt_share weight 3 (need 100), dt_product_ev weight 2 (need 0) -> 300/5 = 60
    result = scoring.evaluate(
        definition, {"dt_share": "gt60", "dt_product_ev": "market"}, "automotive"
    )
    (need,) = result.needs
    assert need.topic == "drivetrain"
    assert need.level == 60
    assert [c.question_id for c in need.causes] == ["dt_share"]
    assert need.causes[0].answer == "über 60 %"


def test_scale_answers(definition):
    q = definition.question("dg_processes")
    assert q.need_for(1) == 100
    assert q.need_for(5) == 0
    assert q.need_for(3) == 50


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"dt_customer_loss": "announced"}, {"customer_loss"}),
        ({"lb_job_cuts": "cuts"}, {"job_cuts"}),
        ({"lb_job_cuts": "short_time"}, {"short_time_work"}),
        ({"dt_share": "30_60", "dt_product_ev": "no"}, {"no_post_combustion_product"}),
        ({"dt_share": "10_30", "dt_product_ev": "no"}, set()),
        ({"su_owner_60": "yes", "su_arranged": "no"}, {"succession_unresolved"}),
        ({"su_owner_60": "no", "su_arranged": "no"}, set()),
        ({"su_owner_60": "yes", "su_arranged": "in_progress"}, {"succession_pending"}),
        ({"fi_liquidity": "critical"}, {"liquidity_critical"}),
        ({"en_costs": "threatening"}, {"energy_costs"}),
        ({"dt_main_customer_share": "gt50"}, {"customer_concentration"}),
        ({"fi_access": "none"}, {"financing_access"}),
    ],
)
def test_flag_rules(definition, answers, expected):
    hits = scoring.flags(definition, answers)
    assert {h.rule_id for h in hits} == expected
    for h in hits:
        assert h.evidence and h.follow_up and h.due_days > 0


def test_red_flags_come_first(definition):
    hits = scoring.flags(definition, {"lb_job_cuts": "cuts", "en_costs": "threatening"})
    assert [h.level for h in hits] == ["red", "yellow"]


def test_exposure_grows_with_stated_share(definition):
    q = definition.question("dt_share")
    values = [o.value for o in q.options if o.extra.get("percent") is not None]
    for group in ("automotive", "supplier", "neighbouring", "other"):
        levels = [scoring.exposure(definition, {"dt_share": v}, group).level for v in values]
        assert levels == sorted(levels), group
        assert all(0 <= lv <= 100 for lv in levels)


def test_more_need_in_an_answer_never_lowers_the_topic_level(definition):
    # Property over all answer combinations of the drive-train topic's first two questions.
    share = definition.question("dt_share")
    product = definition.question("dt_product_ev")
    for a, b in itertools.product(share.options, product.options):
        base = scoring.topic_needs(definition, {"dt_share": a.value, "dt_product_ev": b.value})
        for worse in share.options:
            if (worse.need or 0) <= (a.need or 0) or a.need is None or worse.need is None:
                continue
            higher = scoring.topic_needs(
                definition, {"dt_share": worse.value, "dt_product_ev": b.value}
            )
            assert higher[0].level >= base[0].level


def test_clean_answer_validates(definition):
    q = definition.question("dt_share")
    assert clean_answer(q, "gt60") == "gt60"
    assert clean_answer(q, "") is None
    with pytest.raises(AnswerError) as exc:
        clean_answer(q, "everything")
    assert "angebotenen Antworten" in exc.value.message
    scale = definition.question("dg_processes")
    assert clean_answer(scale, "4") == 4
    with pytest.raises(AnswerError):
        clean_answer(scale, "9")
    with pytest.raises(AnswerError):
        clean_answer(scale, "viel")
    text = definition.question("support_wish")
    assert clean_answer(text, "  Beratung  ") == "Beratung"
    with pytest.raises(AnswerError):
        clean_answer(text, "x" * 2001)


def test_definition_errors():
    base = bundled_definitions()[0]
    broken = dict(base, questions=[*base["questions"], dict(base["questions"][0])])
    with pytest.raises(DefinitionError, match="doppelt"):
        parse_definition(broken)
    bad_flag = dict(
        base, flags=[{"id": "x", "level": "red", "title": "x", "when": {"q": "nope", "eq": 1}}]
    )
    with pytest.raises(DefinitionError, match="unbekannte Frage"):
        parse_definition(bad_flag)
