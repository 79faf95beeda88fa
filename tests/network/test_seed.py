"""The seed of real institutions: complete, idempotent, never overwriting edits."""

from anett.network.models import Actor, ActorRelation, Offer
from anett.network.seed import ACTORS, load_actors


def test_seed_names_the_institutions_of_network_md(db):
    created = load_actors()
    assert created["actors"] == len(ACTORS) and created["offers"] > 20 and created["relations"] == 3
    shorts = set(Actor.objects.values_list("short_name", flat=True))
    for expected in [
        "IG Metall",
        "IG BCE",
        "AA Suhl",
        "AA Gotha",
        "AA Erfurt",
        "GFAW",
        "TLVwA",
        "TKA",
        "ZeTT",
        "at",
        "Allianz",
        "IHK Erfurt",
        "IHK Südthüringen",
        "HWK",
        "TTA/LEG",
        "ThIMo",
        "WB-Mentoren",
        "Lotsen",
    ]:
        assert expected in shorts
    zett = Actor.objects.get(key="zett")
    assert zett.kreise.count() == 22 and "digital" in zett.topics  # all of Thuringia
    qti = Offer.objects.get(key="qti-knoten-gotha")
    assert list(qti.kreise.values_list("ags", flat=True)) == ["16067"]
    assert Offer.objects.get(key="aa-gotha-82").funding_programme == "sgb3-82"
    assert ActorRelation.objects.filter(source__key="gfaw", target__key="aa-suhl").exists()
    # Every offer has a topic; every actor serves at least one Kreis.
    assert not Offer.objects.filter(topics="").exists()
    assert not Actor.objects.filter(kreise__isnull=True).exists()


def test_seed_is_idempotent_and_keeps_edits(db):
    load_actors()
    tka = Actor.objects.get(key="tka")
    tka.name = "Thüringer Weiterbildungsverbund (vom Netzwerk ergänzt)"
    tka.save()
    Offer.objects.filter(key="zett-beratung").update(title="Geändert")
    n_actors, n_offers = Actor.objects.count(), Offer.objects.count()
    assert load_actors() == {"actors": 0, "offers": 0, "relations": 0}
    assert (Actor.objects.count(), Offer.objects.count()) == (n_actors, n_offers)
    assert Actor.objects.get(key="tka").name.startswith("Thüringer Weiterbildungsverbund")
    assert Offer.objects.get(key="zett-beratung").title == "Geändert"
    # A deleted seed offer comes back.
    Offer.objects.filter(key="zett-beratung").delete()
    assert load_actors()["offers"] == 1
