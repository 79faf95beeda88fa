from datetime import date

from anett.network.seed import load_actors
from anett.procedure import demo, services
from anett.procedure.models import ActionItem, Call, Contribution, Poll, Workshop


def test_demo_loads_the_real_workshop_and_the_call(db, user_koordination):
    load_actors()
    summary = demo.create_demo(seed=1, log=print)
    assert "Referenz-Workshop 23.02.2022 (8 Fazit-Punkte)" in summary
    workshop = Workshop.objects.get(is_reference=True)
    assert workshop.held_on == date(2022, 2, 23)
    assert workshop.fazit.first().heading == "Pilotregion"
    assert "Akzentuierung mit LK Sömmerda" in workshop.fazit.first().text
    call = Call.objects.get(is_demo=True)
    assert call.workshop == workshop
    assert call.deadline_label == "KW 9 (bis Di., 01.03.2022)"
    assert call.sections.count() == 7
    assert call.invitations.filter(actor__key="ig-metall").exists()
    assert Contribution.objects.exclude(submitted_text="").count() == 3
    assert all(c.text.startswith("[Demo]") for c in Contribution.objects.all())
    assert ActionItem.objects.filter(workshop=workshop).count() == 4
    poll = Poll.objects.get(is_demo=True)
    assert poll.workshop is None  # still open
    assert services.poll_results(poll)["best"] is not None
    # one link can be tried: its deadline is extended
    assert sum(inv.is_open() for inv in call.invitations.all()) == 1
    # idempotent
    assert demo.create_demo(seed=1, log=print) is None
    assert Workshop.objects.count() == 1 and Call.objects.count() == 1
    assert ActionItem.objects.count() == 4 and Poll.objects.count() == 1
