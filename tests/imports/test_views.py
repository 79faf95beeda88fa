"""Import pages: roles, upload, mapping, preview, import, progress, download, undo."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from anett.companies.models import Company
from anett.imports.models import BatchStatus, ImportBatch, ImportSource

from .conftest import HEADER, ROWS, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


def post_upload(client, path, **data):
    with path.open("rb") as fh:
        return client.post("/import/", {"file": fh, "new_source": "IHK Erfurt", **data})


def mapping_post(batch, **overrides):
    data = {f"col_{i}": f for i, f in ((int(k), v) for k, v in batch.mapping.items())}
    data.update(overrides)
    data["remember"] = "on"
    return data


@pytest.mark.parametrize("who", ["client_beratung", "client_partner"])
def test_other_roles_get_403(request, who, tmp_path):
    client = request.getfixturevalue(who)
    assert client.get("/import/").status_code == 403
    path = write_csv(tmp_path / "f.csv", [HEADER, *ROWS])
    assert post_upload(client, path).status_code == 403
    assert not ImportBatch.objects.exists()


def test_anonymous_is_sent_to_login(client):
    response = client.get("/import/")
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/")


def test_admin_may_import(client_admin):
    assert client_admin.get("/import/").status_code == 200


def test_upload_mapping_preview_commit(client_koordination, tmp_path):
    path = write_csv(tmp_path / "liste.csv", [HEADER, *ROWS])
    response = post_upload(client_koordination, path)
    batch = ImportBatch.objects.get()
    assert response["Location"] == f"/import/{batch.pk}/zuordnung/"
    page = client_koordination.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Muster Metall GmbH &amp; Co. KG" in html  # examples from the file
    assert batch.mapping["1"] == "name"

    response = client_koordination.post(f"/import/{batch.pk}/zuordnung/", mapping_post(batch))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEW
    assert ImportSource.objects.get().mapping["Firma"] == "name"  # kept for the source

    page = client_koordination.get(f"/import/{batch.pk}/")
    html = page.content.decode()
    assert 'id="count-new">3<' in html
    assert 'id="count-rejected">1<' in html
    assert "998" in html
    assert Company.objects.count() == 0

    rejected = client_koordination.get(f"/import/{batch.pk}/?status=rejected").content.decode()
    assert rejected.count('data-status="rejected"') >= 1
    assert "Muster Metall" not in rejected

    response = client_koordination.post(f"/import/{batch.pk}/importieren/")
    assert response.status_code == 302
    assert Company.objects.count() == 3
    html = client_koordination.get(f"/import/{batch.pk}/").content.decode()
    assert 'data-status="committed"' in html
    assert "/rueckgaengig/" in html


def test_unreadable_file_is_explained_on_the_upload_form(client_koordination, tmp_path):
    (tmp_path / "leer.csv").write_bytes(b"")
    response = post_upload(client_koordination, tmp_path / "leer.csv")
    assert response.status_code == 200
    assert "The file is empty." in response.content.decode() or "leer" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_merged_headings_are_explained(client_koordination, tmp_path):
    rows = [["Firma", "Adresse", None], [None, "PLZ", "Ort"], ["A", "99084", "Erfurt"]]
    path = write_xlsx(tmp_path / "m.xlsx", rows, merge="B1:C1")
    html = post_upload(client_koordination, path).content.decode()
    assert "B1:C1" in html


def test_mapping_without_name_is_refused(client_koordination, tmp_path):
    path = write_csv(tmp_path / "liste.csv", [HEADER, *ROWS])
    post_upload(client_koordination, path)
    batch = ImportBatch.objects.get()
    response = client_koordination.post(
        f"/import/{batch.pk}/zuordnung/", mapping_post(batch, col_1="", col_4="postcode")
    )
    assert response.status_code == 200
    assert 'id="mapping-errors"' in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.UPLOADED


def test_saved_mapping_is_proposed_for_the_next_file(client_koordination, tmp_path):
    header = ["Kürzel", "Titel", "PLZ"]
    path = write_csv(tmp_path / "a.csv", [header, ["1", "A GmbH", "99084"]])
    post_upload(client_koordination, path)
    first = ImportBatch.objects.get()
    assert first.mapping == {"2": "postcode"}  # nothing fits "Kürzel" and "Titel"
    client_koordination.post(
        f"/import/{first.pk}/zuordnung/", mapping_post(first, col_0="external_id", col_1="name")
    )
    source = ImportSource.objects.get()
    with path.open("rb") as fh:
        client_koordination.post("/import/", {"file": fh, "source": source.pk})
    second = ImportBatch.objects.latest("pk")
    assert second.mapping == {"0": "external_id", "1": "name", "2": "postcode"}


def test_rejected_rows_download(client_koordination, tmp_path):
    rows = [*ROWS, ["K5", '=HYPERLINK("x")', "", "99817", "", "", "", "", ""]]
    path = write_csv(tmp_path / "liste.csv", [HEADER, *rows])
    post_upload(client_koordination, path)
    batch = ImportBatch.objects.get()
    client_koordination.post(f"/import/{batch.pk}/zuordnung/", mapping_post(batch))
    response = client_koordination.get(f"/import/{batch.pk}/abgelehnte-zeilen.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="abgelehnt-liste-')
    ws = load_workbook(BytesIO(response.content)).active
    values = list(ws.iter_rows(values_only=True))
    assert values[0] == (*HEADER, "Importfehler", "Zeile in Originaldatei")
    assert values[1][:9] == tuple(v or None for v in ROWS[3])
    assert values[1][10] == 5
    assert "998" in values[1][9]
    plz = ws.cell(row=2, column=4)
    assert plz.fill.fgColor.rgb.endswith("FFC7CE")
    assert "998" in plz.comment.text
    # a formula from the file comes back as text, never as a formula
    formula = ws.cell(row=3, column=2)
    assert formula.value == '=HYPERLINK("x")'
    assert formula.data_type == "s"


def test_fixed_rejected_rows_import_again(client_koordination, tmp_path):
    path = write_csv(tmp_path / "liste.csv", [HEADER, *ROWS])
    post_upload(client_koordination, path)
    batch = ImportBatch.objects.get()
    client_koordination.post(f"/import/{batch.pk}/zuordnung/", mapping_post(batch))
    client_koordination.post(f"/import/{batch.pk}/importieren/")
    data = client_koordination.get(f"/import/{batch.pk}/abgelehnte-zeilen.xlsx").content
    wb = load_workbook(BytesIO(data))
    wb.active.cell(row=2, column=4, value="99817")  # the user fixes the postal code
    fixed = tmp_path / "abgelehnt-korrigiert.xlsx"
    wb.save(fixed)
    source = ImportSource.objects.get()
    with fixed.open("rb") as fh:
        client_koordination.post("/import/", {"file": fh, "source": source.pk})
    again = ImportBatch.objects.latest("pk")
    assert "9" not in again.mapping and "10" not in again.mapping  # our extra columns
    client_koordination.post(f"/import/{again.pk}/zuordnung/", mapping_post(again))
    again.refresh_from_db()
    assert (again.count_new, again.count_rejected) == (1, 0)
    client_koordination.post(f"/import/{again.pk}/importieren/")
    assert Company.objects.filter(name="Ohne Postleitzahl").exists()
    assert Company.objects.count() == 4


def test_progress_partial_polls_while_busy_and_reloads_when_done(client_koordination, tmp_path):
    path = write_csv(tmp_path / "liste.csv", [HEADER, *ROWS])
    post_upload(client_koordination, path)
    batch = ImportBatch.objects.get()
    ImportBatch.objects.filter(pk=batch.pk).update(
        job="analyse", job_state="queued", progress_done=2, progress_total=4
    )
    html = client_koordination.get(f"/import/{batch.pk}/fortschritt/").content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert '<progress max="4" value="2"' in html
    ImportBatch.objects.filter(pk=batch.pk).update(job_state="")
    response = client_koordination.get(f"/import/{batch.pk}/fortschritt/", HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    assert "every 1s" not in response.content.decode()


def test_undo_asks_first_then_undoes(client_koordination, tmp_path):
    path = write_csv(tmp_path / "liste.csv", [HEADER, *ROWS])
    post_upload(client_koordination, path)
    batch = ImportBatch.objects.get()
    client_koordination.post(f"/import/{batch.pk}/zuordnung/", mapping_post(batch))
    client_koordination.post(f"/import/{batch.pk}/importieren/")
    page = client_koordination.get(f"/import/{batch.pk}/rueckgaengig/")
    assert page.status_code == 200
    assert Company.objects.count() == 3
    client_koordination.post(f"/import/{batch.pk}/rueckgaengig/")
    assert Company.objects.count() == 0
    batch.refresh_from_db()
    assert batch.status == BatchStatus.UNDONE
    assert batch.undone_by.username == "t-koordination"
    # an undone import cannot be undone twice nor imported again
    assert client_koordination.post(f"/import/{batch.pk}/importieren/").status_code == 302
    assert Company.objects.count() == 0


def test_discard_before_import(client_koordination, tmp_path):
    path = write_csv(tmp_path / "liste.csv", [HEADER, *ROWS])
    post_upload(client_koordination, path)
    batch = ImportBatch.objects.get()
    stored = batch.file.path
    client_koordination.post(f"/import/{batch.pk}/verwerfen/")
    assert not ImportBatch.objects.exists()
    import os

    assert not os.path.exists(stored)


def test_duplicate_shows_the_matched_firm_and_why(client_koordination, tmp_path):
    from ..conftest import make_company

    firm = make_company("Wartburg Guss", street="Am Flugplatz 3", postcode="99817", city="Eisenach")
    path = write_csv(tmp_path / "liste.csv", [HEADER, ROWS[1]])
    post_upload(client_koordination, path)
    batch = ImportBatch.objects.get()
    client_koordination.post(f"/import/{batch.pk}/zuordnung/", mapping_post(batch))
    html = client_koordination.get(f"/import/{batch.pk}/?status=duplicate").content.decode()
    assert f'href="/betriebe/{firm.pk}/"' in html
    assert "same name and same address" in html or "gleicher Name" in html


def test_company_sources_tag(client_koordination, tmp_path, rf, user_koordination):
    from django.template import Context, Template

    path = write_csv(tmp_path / "liste.csv", [HEADER, *ROWS])
    post_upload(client_koordination, path)
    batch = ImportBatch.objects.get()
    client_koordination.post(f"/import/{batch.pk}/zuordnung/", mapping_post(batch))
    client_koordination.post(f"/import/{batch.pk}/importieren/")
    company = Company.objects.get(name="Muster Metall")
    html = Template("{% load imports_tags %}{% company_sources company %}").render(
        Context({"company": company, "user": user_koordination})
    )
    assert "IHK Erfurt" in html
    assert "K1" in html
    assert f'href="/import/{batch.pk}/"' in html


def test_possible_duplicates_tab(client_koordination, tmp_path):
    from ..conftest import make_company

    # same name in the same town, other street: only the model can tell
    make_company("Muster Metall", street="Ganz woanders 99", postcode="99817", city="Eisenach")
    path = write_csv(tmp_path / "liste.csv", [HEADER, ROWS[0]])
    post_upload(client_koordination, path)
    batch = ImportBatch.objects.get()
    client_koordination.post(f"/import/{batch.pk}/zuordnung/", mapping_post(batch))
    batch.refresh_from_db()
    row = batch.rows.get()
    assert row.match["rule"] == "model"
    status = "possible" if row.match.get("possible") else row.status
    html = client_koordination.get(f"/import/{batch.pk}/?status={status}").content.decode()
    assert 'data-row="2"' in html
    assert "Muster Metall" in html


def test_preview_page_queries_do_not_grow_with_rows(
    client_koordination, tmp_path, django_assert_max_num_queries
):
    rows = [
        [f"K{i}", f"Firma {i} GmbH", f"Weg {i}", "99817", "Eisenach", "29.32", "12", "", ""]
        for i in range(120)
    ]
    path = write_csv(tmp_path / "liste.csv", [HEADER, *rows])
    post_upload(client_koordination, path)
    batch = ImportBatch.objects.get()
    client_koordination.post(f"/import/{batch.pk}/zuordnung/", mapping_post(batch))
    client_koordination.post(f"/import/{batch.pk}/importieren/")
    with django_assert_max_num_queries(12):
        html = client_koordination.get(f"/import/{batch.pk}/").content.decode()
    assert html.count("<tr data-row=") == 50  # one page
