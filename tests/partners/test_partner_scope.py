"""A partner walks EVERY URL pattern of the project (all apps, also those added later) and
never gets a single firm or personal data.

The data are the project's demo (`anett demo`: firms, contacts, activities, checks, and the
demo content of every app via its DEMO_HOOKS) plus a few marked records. Path parameters
are filled with real ids: a parameter `<x>_pk`/`<x>_id` with objects of a model named like
`x`, a bare `pk` with objects of the models of the URL's app, further parameters through the
foreign keys of that object. Each URL is requested with GET (every filled variant) and POST
(the first ones). A response passes when it denies (401/403/404/405/400 or a redirect to a
login page); any page that is served must not contain a firm name, a contact person's name,
another user's name or an e-mail address from the data – also not inside an XLSX/DOCX file.
"""

import html
import io
import re
import zipfile
from itertools import islice

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from anett.companies.management.commands.demo import run_demo_hooks
from anett.core import roles
from anett.core.models import User

from ..conftest import make_company, make_user

pytestmark = pytest.mark.django_db

PROJECT_APPS = None  # filled lazily: app configs under anett.*
MAX_VARIANTS = 12
MAX_POSTS = 2
DENIED = {400, 401, 403, 404, 405}
SKIP_POST = {"logout", "set_language"}


def project_models():
    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("anett.")
        and not m.__name__.startswith("Historical")
        and not m._meta.auto_created
    ]


def walk(patterns, prefix=(), namespace=None):
    """(pattern parts from the root, URLPattern, innermost namespace)"""
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, (*prefix, p.pattern), p.namespace or namespace)
        elif isinstance(p, URLPattern):
            yield (*prefix, p.pattern), p, namespace


PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


def _regex_sample(regex: str) -> str:
    """A concrete path for a regex pattern (admin's catch-all and history views)."""

    def group(m):
        body = m.group(2)
        first = body.split("|")[0]
        return first if re.fullmatch(r"[\w-]+", first) else "1"

    s = re.sub(r"\((\?P<\w+>)?([^()]*)\)", group, regex)
    return s.replace("^", "").replace("$", "").replace("\\", "").replace(".*", "")


def route_template(parts):
    """The path with {name} placeholders, and the (converter, name) list in order."""
    out, params = "", []
    for part in parts:
        if isinstance(part, RoutePattern):
            text = str(part._route)
            for m in PARAM.finditer(text):
                params.append((m.group("conv") or "str", m.group("name")))
            out += PARAM.sub(lambda m: "{" + m.group("name") + "}", text)
        elif isinstance(part, RegexPattern):
            out += _regex_sample(part._regex)
    return "/" + out, params


class Candidates:
    """Real objects to fill path parameters, found by parameter name and app."""

    def __init__(self):
        self.models = project_models()

    def models_for(self, name: str, app_label: str | None):
        stem = re.sub(r"_(pk|id)$", "", name).replace("_", "")
        if stem in {"pk", "id", "objectid"}:
            found = [m for m in self.models if m._meta.app_label == app_label]
            return found or self.models
        found = [m for m in self.models if stem in m._meta.model_name]
        found.sort(key=lambda m: (m._meta.app_label != app_label, len(m._meta.model_name)))
        return found

    def objects(self, model, n=3):
        return list(model._default_manager.order_by("pk")[:n])


ID_NAME = re.compile(r"^(pk|id|object_id|\w+_pk|\w+_id)$")


def fill_variants(path, params, namespace, cand: Candidates):
    """Up to MAX_VARIANTS concrete paths for a template."""
    if not params:
        return [path]
    app_label = namespace if namespace in {c.label for c in apps.get_app_configs()} else None
    # Integer parameters and any parameter named like an id (the JSON API declares
    # `{company_id}` without a converter) take real ids of a model named like them.
    int_params = [
        (c, n)
        for c, n in params
        if c in {"int", "path"} or (ID_NAME.match(n) and cand.models_for(n, app_label))
    ]
    other = {n: _str_value(n, app_label, cand) for c, n in params if (c, n) not in int_params}
    if not int_params:
        return [path.format(**other)]
    # Objects for the last (most specific) integer parameter; the others via foreign keys.
    _last_conv, last = int_params[-1]
    variants = []
    for model in cand.models_for(last, app_label):
        for obj in cand.objects(model):
            values = dict(other)
            values[last] = obj.pk
            for _conv, name in int_params[:-1]:
                values[name] = _related_id(obj, cand.models_for(name, app_label), cand)
            if None in values.values():
                continue
            variants.append(path.format(**values))
    return list(islice(dict.fromkeys(variants), MAX_VARIANTS)) or [
        path.format(**{**other, **{n: 1 for _c, n in int_params}})
    ]


def _related_id(obj, targets, cand):
    for f in obj._meta.get_fields():
        if isinstance(f, models.ForeignKey) and f.related_model in targets:
            value = getattr(obj, f.attname)
            if value is not None:
                return value
    for model in targets:
        objs = cand.objects(model, 1)
        if objs:
            return objs[0].pk
    return None


def _str_value(name, app_label, cand):
    if name == "token" or name.endswith("_token"):
        return "ungueltiges-token-123"
    for model in cand.models:
        if app_label and model._meta.app_label != app_label:
            continue
        for field in model._meta.fields:
            if field.name in {name, f"{name}_id", "slug"} and isinstance(field, models.CharField):
                value = (
                    model._default_manager.exclude(**{field.name: ""})
                    .values_list(field.name, flat=True)
                    .first()
                )
                if value:
                    return value
    return "unbekannt"


# --- the data ---------------------------------------------------------------------------


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    from anett.companies.demo import create_demo

    create_demo(12, seed=7, log=lambda *a: None)
    run_demo_hooks(7, lambda *a: None)
    # Marked records that must never reach a partner.
    from anett.companies.models import Activity, ContactPerson

    firm = make_company("Zyxwerk Geheim GmbH", works_council="no", employees_site=3)
    ContactPerson.objects.create(
        company=firm, first_name="Xaver", last_name="Zyxmann", email="xaver@zyxwerk.example"
    )
    Activity.objects.create(
        company=firm,
        kind="call",
        date="2025-01-10",
        outcome="participated",
        user=User.objects.get(username="koordination"),
    )
    from anett.partners.models import InsightAttachment, PartnerMembership

    partner = User.objects.get(username="partner")
    assert PartnerMembership.objects.filter(user=partner).exists()
    from django.core.files.base import ContentFile

    from anett.partners.models import Insight

    att = InsightAttachment(
        insight=Insight.objects.published().first(),
        original_name="bericht.pdf",
        content_type="application/pdf",
        size=9,
    )
    att.file.save("bericht.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    make_user(roles.KOORDINATION, "k-zweite", first_name="Konstanze", last_name="Zweitkoord")
    return partner


def forbidden_strings(partner) -> set[str]:
    from anett.companies.models import Company, ContactPerson
    from anett.network.models import ActorContact
    from anett.partners.models import PartnerOrganisation

    out = set(Company.objects.values_list("name", flat=True))
    for model in (ContactPerson, ActorContact):
        for first, last, email in model.objects.values_list("first_name", "last_name", "email"):
            out.add(f"{first} {last}".strip())
            if email:
                out.add(email)
    for user in User.objects.exclude(pk=partner.pk):
        full = user.get_full_name()
        if full:
            out.add(full)
        if user.email:
            out.add(user.email)
    out |= {e for e in PartnerOrganisation.objects.values_list("contact_email", flat=True) if e}
    return {s for s in out if len(s) >= 6}


def _texts(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    parts = [body]
    if body[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            parts = [z.read(n) for n in z.namelist()]
    text = "\n".join(p.decode("utf-8", "replace") for p in parts)
    return text + "\n" + html.unescape(text) + "\n" + response.get("Location", "")


def _is_login_redirect(response) -> bool:
    location = response.get("Location", "")
    return response.status_code in {301, 302, 303} and (
        location.startswith("/anmelden/") or "/login/" in location
    )


def walk_as_partner(partner):
    """Request every URL as `partner`; returns (problems, served, denied, patterns)."""
    forbidden = forbidden_strings(partner)
    client = Client(raise_request_exception=False)
    client.force_login(partner)
    cand = Candidates()
    problems, served, denied, n_patterns = [], [], 0, 0
    for parts, pattern, namespace in walk(get_resolver().url_patterns):
        n_patterns += 1
        path, params = route_template(parts)
        for i, url in enumerate(fill_variants(path, params, namespace, cand)):
            posts = ["post"] if i < MAX_POSTS and pattern.name not in SKIP_POST else []
            for method in ["get", *posts]:
                response = getattr(client, method)(url)
                if response.status_code >= 500:
                    problems.append(f"{method.upper()} {url}: server error {response.status_code}")
                    continue
                if response.status_code in DENIED or _is_login_redirect(response):
                    denied += 1
                    continue
                served.append(f"{method.upper()} {url}")
                text = _texts(response)
                leaks = sorted(s for s in forbidden if s in text)
                if leaks:
                    problems.append(f"{method.upper()} {url} shows {leaks[:3]}")
        # The partner must stay logged in for the rest of the walk.
        if "_auth_user_id" not in client.session:
            client.force_login(partner)
    return problems, served, denied, n_patterns


def test_partner_walks_every_url_and_sees_no_firm_and_no_person(world):
    forbidden = forbidden_strings(world)
    assert "Zyxwerk Geheim GmbH" in forbidden and "Xaver Zyxmann" in forbidden
    problems, served, denied, n_patterns = walk_as_partner(world)
    print(f"partner walk: {n_patterns} patterns, {denied} denied, {len(served)} served")
    assert n_patterns > 100 and denied > 100
    assert "GET /partner/erkenntnisse/" in served  # the partner does see its own area
    assert "GET /partner/" in served
    assert not problems, "\n".join(problems)


def _leaky_view(request, company_pk):
    from django.http import HttpResponse

    from anett.companies.models import Company

    firm = Company.objects.filter(pk=company_pk).first()
    return HttpResponse(firm.name if firm else "nichts")


def leaky_urlconf():
    from django.urls import include, path

    return [path("leck/<int:company_pk>/", _leaky_view), path("", include("anett.urls"))]


urlpatterns = []  # set by the test below


def test_the_walk_finds_a_leaking_page(world, settings):
    """The walk must be able to fail: a page that shows a firm's name is reported."""
    global urlpatterns
    urlpatterns = leaky_urlconf()
    settings.ROOT_URLCONF = __name__
    problems, _served, _denied, _n = walk_as_partner(world)
    leaks = [p for p in problems if p.startswith("GET /leck/")]
    assert leaks and "shows" in leaks[0]


def test_partner_is_denied_the_register_and_every_firm_page(world):
    """The walk above must really reach firm pages: a firm's own URLs are denied."""
    from anett.companies.models import Company

    client = Client()
    client.force_login(world)
    firm = Company.objects.get(name="Zyxwerk Geheim GmbH")
    for url in (
        f"/betriebe/{firm.pk}/",
        f"/betriebe/{firm.pk}/historie/",
        f"/foerderung/betriebe/{firm.pk}/",
        f"/netzwerk/betriebe/{firm.pk}/vermitteln/",
    ):
        assert client.get(url).status_code in {403, 404}, url


def test_attachments_have_no_public_media_url(world):
    from anett.partners.models import InsightAttachment

    att = InsightAttachment.objects.get(original_name="bericht.pdf")
    client = Client()
    for path in (f"/{att.file.name}", f"/media/{att.file.name}"):
        assert client.get(path).status_code == 404
