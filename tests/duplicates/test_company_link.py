"""The company page links to the firm's pairs that wait for a decision – only for the roles
that review duplicates."""

import pytest

from anett.duplicates.models import CandidatePair, PairStatus

from ..conftest import _logged_in


def test_company_page_links_to_its_open_pair(client_koordination, twin_pair):
    html = client_koordination.get(f"/betriebe/{twin_pair.company_a_id}/").content.decode()
    assert 'id="possible-duplicates"' in html
    assert f'href="/dubletten/paar/{twin_pair.pk}/"' in html
    assert "Mögliche Dubletten prüfen" in html


def test_several_pairs_link_to_the_filtered_list(client_koordination, twin_pair, twin_firms):
    from ..conftest import make_company

    third = make_company("Wartburg Achsenbau Zweigwerk")
    a = twin_pair.company_a_id
    low, high = sorted([a, third.pk])
    CandidatePair.objects.create(
        company_a_id=low, company_b_id=high, match_probability=0.4, match_weight=2.0
    )
    html = client_koordination.get(f"/betriebe/{a}/").content.decode()
    assert f'href="/dubletten/?firm={a}"' in html
    listing = client_koordination.get(f"/dubletten/?firm={a}").content.decode()
    assert "2 Paare" in listing
    other = client_koordination.get(f"/dubletten/?firm={third.pk}").content.decode()
    assert "1 Paar" in other


def test_decided_pairs_are_not_linked(client_koordination, twin_pair):
    CandidatePair.objects.filter(pk=twin_pair.pk).update(status=PairStatus.SEPARATE)
    html = client_koordination.get(f"/betriebe/{twin_pair.company_a_id}/").content.decode()
    assert 'id="possible-duplicates"' not in html


@pytest.mark.parametrize("role", ["beratung"])
def test_advisers_get_no_link(role, twin_pair, user_factory):
    from anett.companies.models import Company

    adviser = user_factory(role)
    Company.objects.get(pk=twin_pair.company_a_id).advisers.add(adviser)
    response = _logged_in(adviser).get(f"/betriebe/{twin_pair.company_a_id}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="possible-duplicates"' not in html
