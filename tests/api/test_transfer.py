"""The transfer pack: contents without personal data, round trip into a wiped instance,
idempotent import, conflicts never overwritten silently, tampered packs refused, the
commands and the page."""

import io
import json
import zipfile
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from anett.api import merge
from anett.api.models import TransferItem
from anett.api.pack import PackError, PackFile, build_pack, read_pack
from anett.api.transfer import build_pack as export_pack
from anett.api.transfer import import_pack

from .conftest import SECRET_ADVISER, SECRET_CONTACT_LAST, SECRET_FIRM

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(register):
    """Configuration worth transferring, plus personal data that must stay here."""
    from anett.companies.models import BranchRule
    from anett.funding.models import ProgrammeSetting
    from anett.network.models import Actor, ActorContact, Offer
    from anett.partners.models import Insight, PartnerOrganisation
    from anett.regions.models import Region

    BranchRule.objects.filter(prefix="29.1").update(note="Kern der Pilotregion")
    ProgrammeSetting.objects.create(programme="go-digital", active=False, title="go-digital (TH)")
    actor = Actor.objects.create(name="Bildungszentrum Transfer", kind="education_provider")
    actor.kreise.set(Region.objects.get(slug=_pilot()).kreise.all())
    person = ActorContact.objects.create(
        actor=actor,
        first_name="Waltraud",
        last_name="Kontaktfrau",
        email="waltraud@example.org",
        consent_purpose="Angebote",
        consent_date=date(2026, 1, 1),
    )
    Offer.objects.create(
        actor=actor,
        title="Umschulung E-Mobilität",
        kind="training",
        topics=["drivetrain", "skills"],
        contact="Waltraud Kontaktfrau, 0361 123456",
        contact_person=person,
    )
    Insight.objects.create(
        title="Qualifizierung wirkt",
        summary="Erfahrungen aus 20 Betrieben.",
        body="**Ergebnis**: gut.",
        kind="finding",
        topics=["skills"],
        status="published",
        published_at=timezone.now().replace(microsecond=0),
    )
    org = PartnerOrganisation.objects.create(name="Nur für Auserwählte", kind="chamber")
    selected = Insight.objects.create(
        title="Vertraulich für eine Kammer",
        summary="x",
        kind="finding",
        status="published",
        audience="selected",
        published_at=timezone.now(),
    )
    selected.organisations.add(org)
    return register


def _pilot():
    from anett.regions.models import Region

    return Region.objects.filter(kreise__ags="16063").order_by("slug").first().slug


def _wipe_config():
    from anett.assessment.models import Questionnaire
    from anett.companies.models import BranchRule
    from anett.funding.models import ProgrammeSetting
    from anett.network.models import Actor, Offer
    from anett.partners.models import Insight
    from anett.regions.models import Region

    Offer.objects.all().delete()
    Actor.objects.all().delete()
    Region.objects.all().delete()
    BranchRule.objects.all().delete()
    ProgrammeSetting.objects.all().delete()
    Questionnaire.objects.all().delete()
    Insight.objects.all().delete()
    TransferItem.objects.all().delete()


def _files(data: bytes) -> dict[str, bytes]:
    pack = read_pack(data)
    return {p: b for p, b in pack.files.items()}


def _replace(data: bytes, path: str, value) -> bytes:
    """The pack with one JSON file changed and a correct manifest (a changed source)."""
    pack = read_pack(data)
    files = [
        PackFile(p, (json.dumps(value).encode() if p == path else b), None)
        for p, b in pack.files.items()
    ]
    return build_pack(files, source=pack.manifest["source"], created_at="2026-12-01T00:00:00")


def test_pack_has_configuration_but_no_personal_data(source):
    data = export_pack()
    files = _files(data)
    manifest = read_pack(data).manifest
    for path in (
        "config/branch_rules.json",
        "config/regions.json",
        "questionnaires/transformations-check-v1.json",
        "funding/settings.json",
        "network/vocabularies.json",
        "network/actors.json",
        "network/offers.json",
        "insights/insights.json",
        "aggregates/figures.json",
    ):
        assert path in files, path
        assert len(manifest["files"][path]["sha256"]) == 64
    assert any(p.startswith("funding/programmes/sgb3-82_") for p in files)
    everything = b"".join(files.values()).decode()
    for secret in (
        SECRET_FIRM,
        SECRET_CONTACT_LAST,
        SECRET_ADVISER,
        "Kontaktfrau",
        "waltraud@example.org",
        "0361 123456",
        "Vertraulich für eine Kammer",
        "Fremdbetrieb",
    ):
        assert secret not in everything, secret
    offers = json.loads(files["network/offers.json"])
    assert "contact" not in offers[0] and "contact_person" not in offers[0]
    assert manifest["files"]["network/offers.json"]["count"] == len(offers)
    insights = json.loads(files["insights/insights.json"])
    assert [i["title"] for i in insights] == ["Qualifizierung wirkt"]
    figures = json.loads(files["aggregates/figures.json"])[_pilot()]
    assert figures["key_figures"]["suppressed"] is True
    # One firm in the Wartburgkreis: hidden in the pack's per-Kreis figures.
    cell = figures["by_kreis"]["identified"]["kreise"]["16063"]
    assert cell["value"] is None and cell["hidden"] == "small"


def test_round_trip_into_a_wiped_instance(source):
    from anett.assessment.services import current_questionnaire, save_page, start_assessment
    from anett.assessment.services import submit as submit_check
    from anett.companies.models import BranchRule
    from anett.funding.models import ProgrammeSetting
    from anett.network.models import Offer
    from anett.partners.models import Insight
    from anett.regions.models import Region
    from tests.conftest import make_company

    before = export_pack()
    _wipe_config()
    assert not BranchRule.objects.exists() and not Region.objects.exists()
    plan = import_pack(before)
    assert plan.applied and plan.total(merge.CONFLICT) == 0
    after = export_pack()
    a, b = _files(before), _files(after)
    assert set(a) == set(b)
    for path in a:
        assert a[path] == b[path], path
    assert BranchRule.objects.get(prefix="29.1").note == "Kern der Pilotregion"
    assert ProgrammeSetting.objects.get(programme="go-digital").active is False
    offer = Offer.objects.get(title="Umschulung E-Mobilität")
    assert offer.contact == "" and offer.contact_person is None
    assert Insight.objects.published().get().title == "Qualifizierung wirkt"

    # The imported instance classifies firms and runs the transformation check.
    firm = make_company("Neuer Zulieferer", wz_code="29.10")
    assert firm.branch_group == "automotive"
    assert make_company("Reifenhandel", wz_code="45.31").branch_group != "automotive"
    questionnaire = current_questionnaire()
    assert questionnaire is not None and questionnaire.active
    assessment = start_assessment(firm, source["adviser"])
    definition = questionnaire.parsed
    answers = {
        q.id: (q.options[-2].value if q.options else q.scale["max"] if q.scale else None)
        for q in definition.questions
        if q.type in ("choice", "yesno", "scale")
    }
    for topic, _title in definition.pages:
        raw = {q.id: answers.get(q.id) for q in definition.questions_for(topic)}
        result = save_page(assessment, topic, raw, assessment.revision)
        assert result.saved, result.errors
    assert submit_check(assessment, source["adviser"])
    assert firm.needs.filter(current=True).exists()


def test_second_import_changes_nothing(source):
    data = export_pack()
    _wipe_config()
    import_pack(data)
    snapshot = export_pack()
    items = list(TransferItem.objects.values_list("kind", "key", "imported_hash", "local_id"))
    plan = import_pack(data)
    assert plan.total(merge.CREATE) == plan.total(merge.UPDATE) == 0
    assert plan.total(merge.CONFLICT) == 0
    assert _files(export_pack()) == _files(snapshot)
    assert (
        list(TransferItem.objects.values_list("kind", "key", "imported_hash", "local_id")) == items
    )


def test_local_edits_are_conflicts_source_changes_are_updates(source):
    from anett.companies.models import BranchRule

    data = export_pack()
    _wipe_config()
    import_pack(data)
    rules = json.loads(read_pack(data).files["config/branch_rules.json"])
    changed = [
        dict(r, note="neu im Ursprung") if r["prefix"] in ("29.1", "29.3") else r for r in rules
    ]
    newer = _replace(data, "config/branch_rules.json", changed)
    # Edited here after the import: a conflict, kept.
    BranchRule.objects.filter(prefix="29.3").update(note="hier geändert")
    plan = import_pack(newer)
    by_key = {(i.kind, i.key): i for i in plan.items}
    assert by_key[("branch_rule", "29.1")].action == merge.UPDATE
    assert by_key[("branch_rule", "29.3")].action == merge.CONFLICT
    assert by_key[("branch_rule", "29.3")].reason == merge.EDITED_HERE
    assert BranchRule.objects.get(prefix="29.1").note == "neu im Ursprung"
    assert BranchRule.objects.get(prefix="29.3").note == "hier geändert"
    # Only on request is the conflict overwritten.
    import_pack(newer, overwrite=True)
    assert BranchRule.objects.get(prefix="29.3").note == "neu im Ursprung"


def test_existing_different_config_is_a_conflict_and_dry_run_writes_nothing(source):
    from anett.companies.models import BranchRule

    data = export_pack()
    BranchRule.objects.filter(prefix="29.1").update(note="ganz anders")
    plan = import_pack(data, dry_run=True)
    item = next(i for i in plan.items if i.kind == "branch_rule" and i.key == "29.1")
    assert (item.action, item.reason) == (merge.CONFLICT, merge.DIFFERS_HERE)
    assert not TransferItem.objects.exists()
    import_pack(data)
    assert BranchRule.objects.get(prefix="29.1").note == "ganz anders"


def test_unknown_codes_and_missing_kreise_are_not_imported(source):
    from anett.network.models import Offer
    from anett.regions.models import Region

    data = export_pack()
    offers = json.loads(read_pack(data).files["network/offers.json"])
    offers[0]["kind"] = "teleportation"
    regions = json.loads(read_pack(data).files["config/regions.json"])
    regions.append({"slug": "mars", "name": "Mars", "kind": "transfer", "kreise": ["99999"]})
    changed = _replace(
        _replace(data, "network/offers.json", offers), "config/regions.json", regions
    )
    _wipe_config()
    plan = import_pack(changed)
    by_key = {(i.kind, i.key): i for i in plan.items}
    offer = by_key[("offer", offers[0]["key"])]
    assert (offer.action, offer.reason) == (merge.SKIP, "unknown_code")
    assert "unbekannt" in offer.reason_label
    assert by_key[("region", "mars")].action == merge.SKIP
    assert not Offer.objects.filter(key=offers[0]["key"]).exists()
    assert Offer.objects.exists()
    assert not Region.objects.filter(slug="mars").exists()
    assert Region.objects.exists()


def test_tampered_pack_is_refused_and_nothing_changes(source):
    from anett.companies.models import BranchRule

    data = export_pack()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name in src.namelist():
            content = src.read(name)
            if name == "config/branch_rules.json":
                content = content.replace(b"automotive", b"other", 1)
            zf.writestr(name, content)
    BranchRule.objects.all().delete()
    with pytest.raises(PackError, match="„config/branch_rules.json“"):
        import_pack(out.getvalue())
    assert not BranchRule.objects.exists()


def test_commands_export_and_import(source, tmp_path):
    from anett.companies.models import BranchRule

    pack = tmp_path / "pack.zip"
    stdout = io.StringIO()
    call_command("transfer_export", out=str(pack), stdout=stdout)
    assert "config/branch_rules.json" in stdout.getvalue()
    _wipe_config()
    stdout = io.StringIO()
    call_command("transfer_import", str(pack), dry_run=True, stdout=stdout)
    assert "Vorschau (nichts geändert)" in stdout.getvalue()
    assert "wird angelegt" in stdout.getvalue()
    assert not BranchRule.objects.exists()
    report = tmp_path / "report.json"
    call_command("transfer_import", str(pack), report=str(report), stdout=io.StringIO())
    assert BranchRule.objects.exists()
    assert json.loads(report.read_text())["applied"] is True
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"no zip")
    with pytest.raises(CommandError) as exc:
        call_command("transfer_import", str(broken), stdout=io.StringIO())
    assert exc.value.returncode == 2 and "kein ZIP" in str(exc.value)


def test_transfer_page_download_preview_and_import(source, client_koordination, client_beratung):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from anett.companies.models import BranchRule

    assert client_beratung.get("/api/transfer/").status_code == 403
    page = client_koordination.get("/api/transfer/")
    assert "Transferpaket herunterladen" in page.content.decode()
    download = client_koordination.get("/api/transfer/paket.zip")
    assert download["Content-Type"] == "application/zip"
    data = download.content
    _wipe_config()
    r = client_koordination.post(
        "/api/transfer/vorschau/",
        {"pack": SimpleUploadedFile("paket.zip", data, "application/zip")},
    )
    html = r.content.decode()
    assert r.status_code == 200 and "Noch wurde nichts geändert" in html
    assert "Branchenzuordnung" in html and not BranchRule.objects.exists()
    upload = r.context["upload_id"]
    r = client_koordination.post("/api/transfer/vorschau/", {"apply": "1", "upload": upload})
    assert "Transferpaket importiert" in r.content.decode()
    assert BranchRule.objects.exists()
    page = client_koordination.get("/api/transfer/").content.decode()
    assert "Bisher importiert" in page and "ANeTT" in page
    # A damaged pack: a German message naming the problem, nothing changes.
    r = client_koordination.post(
        "/api/transfer/vorschau/",
        {"pack": SimpleUploadedFile("paket.zip", b"PK kaputt", "application/zip")},
    )
    assert r.status_code == 400 and "kein ZIP-Archiv" in r.content.decode()


def test_import_pulls_the_pack_from_another_installation(source, monkeypatch, user_admin):
    """`anett transfer_import https://…/api/v1/transfer/pack` with the key in the
    environment: the request goes to the other installation's API with the key."""
    import urllib.error

    from django.test import Client

    from anett.api.management.commands import transfer_import
    from anett.api.tokens import create_token
    from anett.companies.models import BranchRule

    _token, key = create_token(user_admin, "Nachbarregion")
    pack = Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/transfer/pack").content
    _wipe_config()
    sent = {}

    class Answer(io.BytesIO):
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def fake_urlopen(request, timeout):
        sent["auth"] = request.get_header("Authorization")
        if request.get_header("Authorization") != f"Bearer {key}":
            raise urllib.error.HTTPError(
                request.full_url, 401, "Unauthorized", {}, io.BytesIO(b'{"detail": "Anmeldung"}')
            )
        return Answer(pack)

    monkeypatch.setattr(transfer_import.urllib.request, "urlopen", fake_urlopen)
    url = "https://nachbar.example.org/api/v1/transfer/pack"
    with pytest.raises(CommandError, match="ANETT_TRANSFER_KEY"):
        call_command("transfer_import", url, stdout=io.StringIO())
    monkeypatch.setenv("ANETT_TRANSFER_KEY", "anett_falsch")
    with pytest.raises(CommandError, match="antwortet mit 401. Anmeldung"):
        call_command("transfer_import", url, stdout=io.StringIO())
    monkeypatch.setenv("ANETT_TRANSFER_KEY", key)
    call_command("transfer_import", url, stdout=io.StringIO())
    assert sent["auth"] == f"Bearer {key}"
    assert BranchRule.objects.exists()


def test_wrong_value_type_is_refused_naming_file_entry_and_field(source):
    """Intact checksums, but a value of the wrong type: refused, nothing changes."""
    from anett.companies.models import BranchRule

    data = export_pack()
    rules = json.loads(read_pack(data).files["config/branch_rules.json"])
    rules.append({"prefix": "99.9", "branch_group": "automotive", "note": {"not": "text"}})
    _wipe_config()
    message = "branch_rules.json“, Eintrag \\d+: das Feld „note“ muss Text"
    with pytest.raises(PackError, match=message):
        import_pack(_replace(data, "config/branch_rules.json", rules))
    assert not BranchRule.objects.exists() and not TransferItem.objects.exists()
