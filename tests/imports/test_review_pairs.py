"""Rows imported as new although the model saw a possible duplicate (probability between
the candidate and the duplicate threshold) go to the duplicate review as pairs (issue #4:
the user decides, nothing is merged silently)."""

from anett.companies.models import Company
from anett.duplicates.models import CandidatePair, PairStatus
from anett.imports.models import CompanySourceRecord, ImportBatch
from anett.imports.services import propose_possible_duplicates

from ..conftest import make_company
from .conftest import HEADER, ROWS, write_csv
from .test_views import mapping_post, post_upload

EVIDENCE = [
    ["name", "similar", "similar name", 5.91, "mustermetall", "mustermetallbau"],
    ["street", "other", "other street", -4.2, "am werk 1", "ganz woanders 99"],
]


def _import(client, path):
    post_upload(client, path)
    batch = ImportBatch.objects.latest("pk")
    client.post(f"/import/{batch.pk}/zuordnung/", mapping_post(batch))
    client.post(f"/import/{batch.pk}/importieren/")
    batch.refresh_from_db()
    return batch


def _possible(import_row, **match):
    import_row.match = {"rule": "model", "probability": 0.46, "weight": 1.7, "possible": True}
    import_row.match.update(match, evidence=EVIDENCE)
    import_row.save(update_fields=["match"])


def test_possible_duplicate_of_a_register_firm_becomes_an_open_pair(client_koordination, tmp_path):
    batch = _import(client_koordination, write_csv(tmp_path / "liste.csv", [HEADER, ROWS[0]]))
    row = batch.rows.get()
    imported = CompanySourceRecord.objects.get(batch=batch).company
    existing = make_company("Muster Metallbau", street="Ganz woanders 99", postcode="99817")
    _possible(row, kind="register", company=existing.pk)

    assert propose_possible_duplicates(batch) == 1
    pair = CandidatePair.objects.get()
    assert (pair.company_a_id, pair.company_b_id) == (imported.pk, existing.pk)
    assert pair.status == PairStatus.OPEN
    assert (pair.match_probability, pair.match_weight) == (0.46, 1.7)
    # the file's row stands left in the model's evidence, the register firm right
    assert pair.evidence[0] == {
        "comparison": "name",
        "level": "similar",
        "label": "similar name",
        "weight": 5.91,
        "left": "mustermetall",
        "right": "mustermetallbau",
    }
    # it shows in the review list
    html = client_koordination.get("/dubletten/").content.decode()
    assert "Muster Metallbau" in html

    # idempotent; a pair kept separate is never proposed again
    assert propose_possible_duplicates(batch) == 0
    CandidatePair.objects.filter(pk=pair.pk).update(status=PairStatus.SEPARATE)
    assert propose_possible_duplicates(batch) == 0
    assert CandidatePair.objects.count() == 1


def test_possible_duplicate_within_the_file(client_koordination, tmp_path):
    batch = _import(
        client_koordination, write_csv(tmp_path / "liste.csv", [HEADER, ROWS[0], ROWS[1]])
    )
    first, second = batch.rows.order_by("row_number")
    _possible(second, kind="row", row=first.row_number)
    firm = {r.row_number: r.company_id for r in CompanySourceRecord.objects.filter(batch=batch)}

    assert propose_possible_duplicates(batch) == 1
    pair = CandidatePair.objects.get()
    assert {pair.company_a_id, pair.company_b_id} == {
        firm[first.row_number],
        firm[second.row_number],
    }
    # between two rows the earlier row is left in the model's evidence
    side_of_first = "left" if pair.company_a_id == firm[first.row_number] else "right"
    assert pair.evidence[0][side_of_first] == "mustermetall"


def test_the_pair_does_not_keep_the_firm_when_the_import_is_undone(client_koordination, tmp_path):
    batch = _import(client_koordination, write_csv(tmp_path / "liste.csv", [HEADER, ROWS[0]]))
    row = batch.rows.get()
    existing = make_company("Muster Metallbau", street="Ganz woanders 99", postcode="99817")
    _possible(row, kind="register", company=existing.pk)
    assert propose_possible_duplicates(batch) == 1

    client_koordination.post(f"/import/{batch.pk}/rueckgaengig/")
    assert list(Company.objects.values_list("pk", flat=True)) == [existing.pk]
