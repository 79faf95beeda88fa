"""Dashboard, map data, exports and reports through the web, per role."""

import io
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from anett.core import roles
from anett.core.disclosure import Hidden
from anett.regions.models import Kreis, Region
from anett.reports import indicators as ind
from anett.reports import services
from anett.reports.models import ReportPeriod, ReportText
from tests.conftest import WARTBURGKREIS, make_user

from .conftest import add_activity, add_measure, bulk_firms, random_region
from .test_indicators import derivable_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_scene(user_koordination):
    """Three firms in the Wartburgkreis (pilot region): two reached, one advised, one with a
    granted measure."""
    kreis = Kreis.objects.get(ags=WARTBURGKREIS)
    firms = bulk_firms(kreis, "supplier", 3, prefix="Sichtbar", employees_site=50)
    add_activity(firms[:2], user_koordination)
    add_activity(firms[:1], user_koordination, kind="visit", outcome="participated")
    add_measure(firms[0], granted=1000, participants=4)
    add_measure(firms[2], status="planned", granted=500)  # only planned: not counted
    return firms


def test_exact_figures_for_coordinators(small_scene, user_koordination):
    kf = services.key_figures(user_koordination, region="pilotregion")
    f = {k: v["value"] for k, v in kf["figures"].items()}
    assert f["identified"] == 3 and f["reached"] == 2 and f["advised"] == 1
    assert f["with_measure"] == 1 and f["participants"] == 4 and f["funding_granted"] == 1000
    assert f["employees_reached"] == 100 and f["sme_share"] == 1.0
    assert kf["suppressed"] is False and kf["region"]["slug"] == "pilotregion"
    one = services.key_figures(user_koordination, region="pilotregion", kreis=WARTBURGKREIS)
    assert one["figures"]["identified"]["value"] == 3 and one["kreis"]["ags"] == WARTBURGKREIS
    by_kreis = services.figures_by_kreis(user_koordination, "reached", region="pilotregion")
    assert by_kreis["kreise"][WARTBURGKREIS]["value"] == 2
    assert by_kreis["kreise"]["16067"]["value"] == 0  # Gotha


def test_period_filter(small_scene, user_koordination):
    last_year = str(date.today().year - 1)
    kf = services.key_figures(user_koordination, region="pilotregion", period=last_year)
    assert kf["figures"]["reached"]["value"] == 0
    assert kf["period"]["label"] == last_year
    this = services.key_figures(
        user_koordination,
        region="pilotregion",
        period=(date.today() - timedelta(days=30), date.today()),
    )
    assert this["figures"]["reached"]["value"] == 2


def test_partner_gets_small_counts_hidden(small_scene, user_partner):
    kf = services.key_figures(user_partner, region="pilotregion")
    assert kf["suppressed"] is True
    for fid in ("identified", "reached", "advised", "with_measure"):
        assert kf["figures"][fid]["value"] is None
        assert kf["figures"][fid]["display"] == "< 5"
    # Sums over fewer than five firms are hidden with them.
    assert kf["figures"]["funding_granted"]["value"] is None
    assert kf["figures"]["employees_reached"]["hidden"] == "derivable"
    assert kf["figures"]["employees_reached"]["display"] == "–"


def test_data_change_moves_the_cache(small_scene, user_koordination):
    before = services.key_figures(user_koordination, region="pilotregion")
    add_activity(small_scene[2:], user_koordination)
    after = services.key_figures(user_koordination, region="pilotregion")
    assert before["figures"]["reached"]["value"] == 2
    assert after["figures"]["reached"]["value"] == 3


@pytest.mark.parametrize("role", [roles.ADMIN, roles.KOORDINATION, roles.BERATUNG, roles.PARTNER])
def test_dashboard_opens_for_every_role(client, role, small_scene):
    client.force_login(make_user(role))
    r = client.get(reverse("reports:dashboard"))
    assert r.status_code == 200
    html = r.content.decode()
    assert 'id="map"' in html and "<svg" in html and 'id="kreis-table"' in html
    assert ("Bericht" in html) == (role in roles.CONFIG_ROLES)  # navigation link


def test_dashboard_needs_login(client):
    r = client.get(reverse("reports:dashboard"))
    assert r.status_code == 302 and "/anmelden/" in r["Location"]


def test_dashboard_in_german_with_filters(client_koordination, small_scene):
    r = client_koordination.get(
        reverse("reports:dashboard"), {"branch_group": "supplier", "period": "", "need": 75}
    )
    html = r.content.decode()
    assert "Erreichte Betriebe" in html and "Ansprache-Trichter" in html
    assert 'data-figure="reached"' in html


def test_unknown_filter_value_is_reset_with_a_message(client_koordination):
    r = client_koordination.get(reverse("reports:dashboard"), {"period": "1999-Q9"})
    assert r.status_code == 200
    assert "Zeitraum" in r.content.decode() and "zurückgesetzt" in r.content.decode()


def test_no_cache_inside_transactions_of_other_code(small_scene, user_koordination, monkeypatch):
    monkeypatch.setattr(services, "CACHE_IN_TRANSACTIONS", False)
    services.key_figures(user_koordination, region="pilotregion")
    assert services._cache.items == {}


def test_query_count(
    client_koordination, small_scene, user_koordination, django_assert_max_num_queries
):
    url = reverse("reports:dashboard")
    with django_assert_max_num_queries(20):  # cold: session, user, version, 5 groups,
        # activity index (2), measures and needs per month
        assert client_koordination.get(url).status_code == 200
    with django_assert_max_num_queries(8):  # warm: aggregates cached for this data version
        assert client_koordination.get(url).status_code == 200
    add_activity(small_scene[2:], user_koordination, kind="visit", outcome="agreed")
    with django_assert_max_num_queries(11):  # a new activity: warm + the firms touched,
        # their activities and their cells (activity index by delta)
        html = client_koordination.get(url).content.decode()
    assert services.key_figures(user_koordination)["figures"]["advised"]["value"] == 2
    assert "Erreichte Betriebe" in html


def test_map_data(client_partner, client_koordination, small_scene):
    url = reverse("reports:map_data")
    data = client_koordination.get(url, {"figure": "reached"}).json()
    by_ags = {f["properties"]["ags"]: f["properties"] for f in data["features"]}
    assert set(by_ags) == set(
        Region.objects.get(slug="pilotregion").kreise.values_list("ags", flat=True)
    )
    assert by_ags[WARTBURGKREIS]["value"] == 2 and by_ags[WARTBURGKREIS]["colour"]
    assert data["legend"] and "BKG" in data["credit"]
    assert data["features"][0]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    hidden = client_partner.get(url, {"figure": "reached"}).json()
    wk = next(
        f["properties"] for f in hidden["features"] if f["properties"]["ags"] == WARTBURGKREIS
    )
    assert wk["hidden"] == "small" and wk["display"] == "< 5" and wk["value"] is None
    assert client_koordination.get(url, {"figure": "nonsense"}).status_code == 200


def test_dashboard_xlsx(client_partner, client_koordination, small_scene):
    url = reverse("reports:dashboard_xlsx")
    wb = load_workbook(io.BytesIO(client_koordination.get(url).content))
    assert wb.sheetnames == [
        "Kennzahlen",
        "Kreise",
        "Branchengruppen",
        "Zeitreihe",
        "Bedarfe nach Thema",
    ]
    rows = list(wb["Kreise"].iter_rows(values_only=True))
    wk = next(r for r in rows if r[1] == WARTBURGKREIS)
    assert wk[2] == 3  # identified, a number Excel can sum
    wb = load_workbook(io.BytesIO(client_partner.get(url).content))
    rows = list(wb["Kreise"].iter_rows(values_only=True))
    wk = next(r for r in rows if r[1] == WARTBURGKREIS)
    assert wk[2] == "< 5"
    assert all(not (isinstance(v, int) and 0 < v < 5) for r in rows[1:] for v in r[2:])


def _visible_numbers(payload) -> list:
    return [c for c in payload if isinstance(c, int | float)]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_partner_never_sees_a_small_or_derivable_count(seed, user_koordination, user_partner):
    """Property-style: many small districts with random firm counts. For every firm count,
    the partner's figures (region, districts, branch groups, districts per branch group)
    show no count from 1 to 4 and no hidden count can be worked out from the rest."""
    region = random_region(seed, user_koordination)
    kreise = list(region.kreise.order_by("name"))
    groups = [g for g, _l in services.BranchGroup.choices]
    for i in ind.INDICATORS:
        if i.kind not in (ind.FIRMS, ind.PART):
            continue
        # Assemble the extended table as a partner can see it through the service.
        ext, hidden = [], []
        for k in kreise:
            row_vals, row_hidden = [], []
            for g in [*groups, None]:
                cell = services.figures_by_kreis(user_partner, i.id, region=region, branch_group=g)[
                    "kreise"
                ][k.ags]
                row_vals.append(cell["value"])
                row_hidden.append(cell["hidden"])
            ext.append(row_vals)
            hidden.append(row_hidden)
        tot_vals, tot_hidden = [], []
        for g in [*groups, None]:
            cell = services.key_figures(user_partner, region=region, branch_group=g)["figures"][
                i.id
            ]
            tot_vals.append(cell["value"])
            tot_hidden.append(cell["hidden"])
        ext.append(tot_vals)
        hidden.append(tot_hidden)
        for row, row_hidden in zip(ext, hidden, strict=True):
            for v, h in zip(row, row_hidden, strict=True):
                assert (v is None) == (h is not None)
                assert v is None or not 0 < v < 5, (i.id, v)
        # True values (coordinator's view) to check derivability against.
        true = services.scope(user_koordination, region=region).tables.tables[i.id].values
        assert derivable_entries(true, hidden) == set(), i.id
        # The visible entries equal the true ones.
        for r, row in enumerate(ext):
            for c, v in enumerate(row):
                if v is not None:
                    assert v == true[r][c]


def test_partner_sees_no_firm_names(client_partner, user_koordination):
    region = random_region(7, user_koordination)
    for url, params in (
        (reverse("reports:dashboard"), {"region": region.slug}),
        (reverse("reports:map_data"), {"region": region.slug, "figure": "identified"}),
    ):
        body = client_partner.get(url, params).content.decode()
        assert "Geheimbetrieb" not in body
    raw = client_partner.get(reverse("reports:dashboard_xlsx"), {"region": region.slug}).content
    wb = load_workbook(io.BytesIO(raw))
    for ws in wb:
        for row in ws.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and "Geheimbetrieb" in v for v in row)
    html = client_partner.get(reverse("reports:dashboard"), {"region": region.slug}).content
    numbers = re.findall(r'<td class="num">(\d[\d.]*)</td>', html.decode())
    assert all(int(n.replace(".", "")) == 0 or int(n.replace(".", "")) >= 5 for n in numbers)


# --- reports -----------------------------------------------------------------------------------


def test_report_pages_only_for_coordination(client_beratung, client_partner):
    for client in (client_beratung, client_partner):
        assert client.get(reverse("reports:reports")).status_code == 403
        assert client.get(reverse("reports:report_create")).status_code == 403


def test_create_report_write_texts_download(client_koordination, small_scene):
    pilot = Region.objects.get(slug="pilotregion")
    r = client_koordination.post(
        reverse("reports:report_create"),
        {
            "title": "Bericht 2026",
            "region": pilot.pk,
            "date_from": "2026-12-31",
            "date_to": "2026-01-01",
        },
    )
    assert r.status_code == 200
    assert "nicht vor seinem Beginn enden" in r.content.decode()
    start = (date.today() - timedelta(days=40)).isoformat()
    r = client_koordination.post(
        reverse("reports:report_create"),
        {
            "title": "Zwischenbericht",
            "region": pilot.pk,
            "date_from": start,
            "date_to": date.today().isoformat(),
        },
    )
    report = ReportPeriod.objects.get(title="Zwischenbericht")
    assert r.status_code == 302 and r["Location"] == report.get_absolute_url()
    texts = {code: "" for code, _l in ind.SECTIONS}
    texts["outreach"] = "Wir haben Zulieferer angesprochen.\n\nZweiter Absatz."
    texts["outlook"] = "Im nächsten Jahr mehr."
    r = client_koordination.post(report.get_absolute_url(), texts)
    assert r.status_code == 302
    assert ReportText.objects.filter(report=report).count() == 2
    page = client_koordination.get(report.get_absolute_url()).content.decode()
    assert "Wir haben Zulieferer angesprochen." in page and "Ausblick" in page

    from docx import Document

    doc = Document(
        io.BytesIO(
            client_koordination.get(reverse("reports:report_docx", args=[report.pk])).content
        )
    )
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings[:6] == [
        "1. Ansprache",
        "2. Beratung und Bedarfe",
        "3. Qualifizierung und Förderung",
        "4. Betriebsräte und KMU",
        "5. Netzwerk und Partner",
        "6. Ausblick",
    ]
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Zweiter Absatz." in body and "Intern" in body
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Erreichte Betriebe" in cells and "2" in cells  # not suppressed: internal report

    wb = load_workbook(
        io.BytesIO(
            client_koordination.get(reverse("reports:report_xlsx", args=[report.pk])).content
        )
    )
    assert wb.sheetnames[:4] == ["Kennzahlen", "Kreise", "Branchengruppen", "Zeitreihe"]
    assert "Texte" in wb.sheetnames
    first = [r[0] for r in wb["Kennzahlen"].iter_rows(values_only=True)]
    assert any(isinstance(v, str) and v.startswith("Intern") for v in first)
    months = [r[0] for r in wb["Zeitreihe"].iter_rows(values_only=True)][1:]
    assert months[-1] == date.today().strftime("%m/%Y")


def test_delete_report_asks_first(client_koordination, user_koordination):
    report = ReportPeriod.objects.create(
        title="Weg damit",
        region=Region.objects.get(slug="pilotregion"),
        date_from=date(2025, 1, 1),
        date_to=date(2025, 12, 31),
    )
    url = reverse("reports:report_delete", args=[report.pk])
    assert client_koordination.get(url).status_code == 200
    assert ReportPeriod.objects.filter(pk=report.pk).exists()
    client_koordination.post(url)
    assert not ReportPeriod.objects.filter(pk=report.pk).exists()


def test_hidden_values_are_hidden_objects():
    assert isinstance(ind.SMALL, Hidden)


def test_deleting_the_region_keeps_the_report(client_koordination):
    region = Region.objects.create(name="Kurzlebig", slug="kurzlebig", kind="transfer")
    report = ReportPeriod.objects.create(
        title="Bleibt", region=region, date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)
    )
    ReportText.objects.create(report=report, section="outlook", text="Text bleibt.")
    client_koordination.post(reverse("regions:delete", args=[region.slug]))
    report.refresh_from_db()
    assert report.region is None and report.texts.count() == 1
    r = client_koordination.get(report.get_absolute_url())
    assert r.status_code == 302 and r["Location"] == reverse(
        "reports:report_edit", args=[report.pk]
    )
    r = client_koordination.get(reverse("reports:report_docx", args=[report.pk]))
    assert r.status_code == 302
