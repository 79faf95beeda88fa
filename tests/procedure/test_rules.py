"""Plain rules: calendar weeks, deadline labels, reminders, minutes timeliness, polls, order."""

from datetime import date

import pytest

from anett.procedure import rules


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2022, 3, 1), "KW 9 (bis Di., 01.03.2022)"),  # the seed: "KW 9 (möglichst bis 1.3.)"
        (date(2022, 3, 4), "KW 9 (bis Fr., 04.03.2022)"),
        (date(2022, 2, 28), "KW 9 (bis Mo., 28.02.2022)"),
        (date(2022, 3, 6), "KW 9 (bis So., 06.03.2022)"),
        (date(2022, 3, 7), "KW 10 (bis Mo., 07.03.2022)"),
        # year boundaries: ISO weeks belong to the year of their Thursday
        (date(2021, 1, 1), "KW 53/2020 (bis Fr., 01.01.2021)"),
        (date(2021, 1, 3), "KW 53/2020 (bis So., 03.01.2021)"),
        (date(2021, 1, 4), "KW 1 (bis Mo., 04.01.2021)"),
        (date(2024, 12, 30), "KW 1/2025 (bis Mo., 30.12.2024)"),
        (date(2026, 12, 31), "KW 53 (bis Do., 31.12.2026)"),
        (date(2027, 1, 1), "KW 53/2026 (bis Fr., 01.01.2027)"),
    ],
)
def test_deadline_label(day, label):
    assert rules.deadline_label(day) == label


def test_week_range_and_calendar_week():
    assert rules.week_range(2022, 9) == (date(2022, 2, 28), date(2022, 3, 6))
    assert rules.week_range(2020, 53) == (date(2020, 12, 28), date(2021, 1, 3))
    assert rules.calendar_week(date(2024, 12, 31)) == (2025, 1)
    with pytest.raises(ValueError):
        rules.week_range(2021, 53)  # 2021 has 52 ISO weeks


def test_parse_reminder_days():
    assert rules.parse_reminder_days("7, 2") == (7, 2)
    assert rules.parse_reminder_days("2;7;7") == (7, 2)
    assert rules.parse_reminder_days("") == ()
    with pytest.raises(ValueError) as err:
        rules.parse_reminder_days("7, zwei")
    assert err.value.args[0] == "zwei"
    with pytest.raises(ValueError):
        rules.parse_reminder_days("0")


DEADLINE = date(2022, 3, 1)


@pytest.mark.parametrize(
    ("today", "sent", "expected"),
    [
        (date(2022, 2, 21), [], None),  # 8 days before: nothing yet
        (date(2022, 2, 22), [], 7),  # exactly 7 days before
        (date(2022, 2, 22), [7], None),  # already sent
        (date(2022, 2, 25), [7], None),  # between the two
        (date(2022, 2, 27), [7], 2),  # 2 days before
        (date(2022, 2, 27), [], 2),  # command did not run before: only the closest one
        (date(2022, 2, 28), [2], None),  # the 7 counts as passed once the 2 went out
        (date(2022, 3, 1), [7], 2),  # on the deadline day still
        (date(2022, 3, 2), [], None),  # after the deadline: never
    ],
)
def test_due_reminder(today, sent, expected):
    assert rules.due_reminder(DEADLINE, today, (7, 2), sent) == expected


def test_deadline_open_includes_the_day():
    assert rules.deadline_open(DEADLINE, date(2022, 3, 1))
    assert not rules.deadline_open(DEADLINE, date(2022, 3, 2))


def test_minutes_state():
    held = date(2022, 2, 23)  # Wednesday; "Versand an TN bis Ende der Woche" = 2 days
    on_time = rules.minutes_state(held, 2, date(2022, 2, 25), date(2022, 3, 1))
    assert on_time.due == date(2022, 2, 25) and on_time.on_time and not on_time.late
    late = rules.minutes_state(held, 2, date(2022, 2, 28), date(2022, 3, 1))
    assert late.on_time is False and late.late
    pending = rules.minutes_state(held, 2, None, date(2022, 2, 24))
    assert pending.on_time is None and not pending.late
    overdue = rules.minutes_state(held, 2, None, date(2022, 2, 26))
    assert overdue.late and overdue.sent_on is None


def test_best_option_most_yes_then_maybe_then_fewest_no():
    counts = rules.count_answers(
        ["a", "b", "c"],
        [("a", "yes"), ("a", "no"), ("b", "yes"), ("b", "maybe"), ("c", "maybe"), ("x", "yes")],
    )
    assert [(c.yes, c.maybe, c.no) for c in counts] == [(1, 0, 1), (1, 1, 0), (0, 1, 0)]
    assert rules.best_option(counts) == "b"
    tie = rules.count_answers(["a", "b"], [("a", "yes"), ("b", "yes")])
    assert rules.best_option(tie) == "a"  # earlier option wins a tie
    fewer_no = rules.count_answers(["a", "b"], [("a", "yes"), ("a", "no"), ("b", "yes")])
    assert rules.best_option(fewer_no) == "b"
    assert rules.best_option(rules.count_answers(["a"], [("a", "no")])) is None
    assert rules.best_option([]) is None


def test_compile_sections_orders_sections_and_contributions():
    sections = [
        (10, 2, "Zwei", "Frage 2", ""),
        (11, 1, "Eins", "", ""),
        (12, 3, "Drei", "", "Red."),
    ]
    contributions = [
        (10, "B-Akteur", "später", 5),
        (10, "A-Akteur", "früher", 1),
        (11, "C", "  ", 2),  # empty: left out
        (99, "X", "unknown section", 0),
        (12, "D", "kept but curated wins in the document", 3),
    ]
    result = rules.compile_sections(sections, contributions)
    assert [(s.number, s.title) for s in result] == [(1, "Eins"), (2, "Zwei"), (3, "Drei")]
    assert result[0].contributions == []
    assert result[1].contributions == [("A-Akteur", "früher"), ("B-Akteur", "später")]
    assert result[1].question == "Frage 2"
    assert result[2].curated == "Red."
