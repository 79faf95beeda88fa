"""The transfer pack for a neighbouring region: export of this instance's configuration,
published insights and suppressed aggregates, and the import that sets up another instance.

The file format (zip + manifest with checksums) is `pack.py`, the decision per item
(create / update / unchanged / conflict) is `merge.py`; this module adapts the ORM to both.

Pack contents (paths inside the zip):
    manifest.json                       format, version, source, created_at, sha256 per file
    config/branch_rules.json            WZ prefix → branch group, union scope, note
    config/regions.json                 regions with their Kreise by AGS
    questionnaires/<slug>-v<n>.json     the questionnaire definitions, as versioned JSON
    funding/programmes/<file>.toml      the programme catalogue files, unchanged
    funding/settings.json               the coordination's overrides (on/off, texts)
    network/vocabularies.json           offer types, topics, target groups … (codes, labels)
    network/actors.json                 actors (institutions; no contact persons, no staff)
    network/offers.json                 offers without contact data
    insights/insights.json              published insights (when the partners app exists)
    aggregates/figures.json             key figures as a partner sees them (suppressed)
"""

from __future__ import annotations

import importlib.util
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from . import merge
from .pack import Pack, PackFile, dump_json, read_pack
from .pack import build_pack as build_zip

# --- labels ----------------------------------------------------------------------------------

KIND_LABELS = {
    "branch_rule": _("Branch mapping"),
    "region": _("Regions"),
    "questionnaire": _("Questionnaires"),
    "programme_file": _("Programme files"),
    "programme_setting": _("Programme settings"),
    "vocabulary": _("Vocabularies"),
    "actor": _("Actors"),
    "offer": _("Offers"),
    "insight": _("Insights"),
    "aggregates": _("Key figures"),
}
ACTION_LABELS = {
    merge.CREATE: _("will be created"),
    merge.UPDATE: _("will be updated"),
    merge.UNCHANGED: _("unchanged"),
    merge.CONFLICT: _("conflict – kept as it is here"),
    merge.SKIP: _("not imported"),
}
DONE_LABELS = {
    merge.CREATE: _("created"),
    merge.UPDATE: _("updated"),
    merge.UNCHANGED: _("unchanged"),
    merge.CONFLICT: _("conflict – kept as it is here"),
    merge.SKIP: _("not imported"),
}
REASONS = {
    merge.NEW: _("new"),
    merge.EQUAL: _("already the same"),
    merge.CHANGED_AT_SOURCE: _("changed at the source, unchanged here since the last import"),
    merge.DIFFERS_HERE: _("exists here with other content"),
    merge.EDITED_HERE: _("edited here since the last import"),
    merge.DELETED_HERE: _("deleted here after an earlier import"),
    "overwrite": _("conflict overwritten on request"),
    "immutable": _("a questionnaire version never changes; publish a new version instead"),
    "code_file": _(
        "programme files are part of the software and change by review; compare them with "
        "the file in the pack"
    ),
    "code_vocabulary": _("vocabularies are part of the software; codes differ"),
    "missing_kreis": _("district unknown here (run “anett setup” first)"),
    "missing_actor": _("its actor is neither here nor in the pack"),
    "unknown_programme": _("programme unknown to this installation"),
    "name_taken": _("another region here has this name"),
    "figures": _("figures of the source region, kept in the pack for reading"),
    "no_partners_app": _("insights cannot be stored here"),
    "unknown_code": _("type or topics unknown to this installation"),
}


def instance_name() -> str:
    return getattr(settings, "ANETT_INSTANCE_NAME", "") or "ANeTT"


def _source_slug() -> str:
    return slugify(instance_name())[:30] or "anett"


# --- serialisers: the same for export and for comparing local objects -------------------------


def branch_rule_item(r) -> dict:
    return {
        "prefix": r.prefix,
        "branch_group": r.branch_group,
        "union_scope": r.union_scope,
        "note": r.note,
    }


def region_item(r) -> dict:
    return {
        "slug": r.slug,
        "name": r.name,
        "kind": r.kind,
        "description": r.description,
        "kreise": sorted(k.ags for k in r.kreise.all()),
    }


def setting_item(s) -> dict:
    return {
        "programme": s.programme,
        "active": s.active,
        "title": s.title,
        "description": s.description,
        "sources": s.sources,
    }


def actor_key(a) -> str:
    return a.key or f"{_source_slug()}-{a.pk}"


def actor_item(a) -> dict:
    return {
        "key": actor_key(a),
        "name": a.name,
        "short_name": a.short_name,
        "kind": a.kind,
        "description": a.description,
        "website": a.website,
        "kreise": sorted(k.ags for k in a.kreise.all()),
        "topics": list(a.topics),
        "target_groups": list(a.target_groups),
        "active": a.active,
    }


def offer_key(o) -> str:
    return o.key or f"{_source_slug()}-{o.pk}"


def offer_item(o) -> dict:
    """An offer's structure; `contact` and the contact person stay out (personal data)."""
    return {
        "key": offer_key(o),
        "actor": actor_key(o.actor),
        "title": o.title,
        "kind": o.kind,
        "description": o.description,
        "topics": list(o.topics),
        "target_groups": list(o.target_groups),
        "formats": list(o.formats),
        "cost": o.cost,
        "cost_note": o.cost_note,
        "languages": list(o.languages),
        "kreise": sorted(k.ags for k in o.kreise.all()),
        "url": o.url,
        "links": o.links,
        "funding_programme": o.funding_programme,
        "active": o.active,
    }


def vocabularies() -> dict[str, list[dict]]:
    from anett.assessment.models import Topic
    from anett.companies.models import BranchGroup
    from anett.network import vocab

    def choices(items):
        return [{"code": str(c), "label": str(label)} for c, label in items]

    return {
        "offer_kinds": choices(vocab.OFFER_KIND_CHOICES),
        "topics": choices(Topic.choices),
        "target_groups": choices(vocab.TARGET_GROUP_CHOICES),
        "formats": choices(vocab.FORMAT_CHOICES),
        "costs": choices(vocab.COST_CHOICES),
        "languages": choices(vocab.LANGUAGE_CHOICES),
        "actor_kinds": choices(vocab.ACTOR_KIND_CHOICES),
        "branch_groups": choices(BranchGroup.choices),
    }


def app_ready(module: str) -> bool:
    """Whether a module of a sibling app exists (apps built later plug in here)."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


# --- export ----------------------------------------------------------------------------------


def export_files() -> list[PackFile]:
    from anett.assessment.models import Questionnaire
    from anett.companies.models import BranchRule
    from anett.funding.catalogue import PROGRAMME_DIR
    from anett.funding.models import ProgrammeSetting
    from anett.network.models import Actor, Offer
    from anett.regions.models import Region

    files: list[PackFile] = []

    def add_json(path, value):
        files.append(PackFile(path, dump_json(value), len(value)))

    add_json(
        "config/branch_rules.json",
        [branch_rule_item(r) for r in BranchRule.objects.order_by("prefix")],
    )
    add_json(
        "config/regions.json",
        [region_item(r) for r in Region.objects.prefetch_related("kreise").order_by("slug")],
    )
    for q in Questionnaire.objects.order_by("slug", "version"):
        files.append(
            PackFile(f"questionnaires/{q.slug}-v{q.version}.json", dump_json(q.definition))
        )
    for path in sorted(PROGRAMME_DIR.glob("*.toml")):
        files.append(PackFile(f"funding/programmes/{path.name}", path.read_bytes()))
    add_json(
        "funding/settings.json",
        [setting_item(s) for s in ProgrammeSetting.objects.order_by("programme")],
    )
    vocab = vocabularies()
    files.append(PackFile("network/vocabularies.json", dump_json(vocab), len(vocab)))
    actors = Actor.objects.prefetch_related("kreise").order_by("name", "id")
    add_json("network/actors.json", sorted((actor_item(a) for a in actors), key=lambda i: i["key"]))
    offers = Offer.objects.select_related("actor").prefetch_related("kreise").order_by("id")
    add_json("network/offers.json", sorted((offer_item(o) for o in offers), key=lambda i: i["key"]))
    insights = export_insights()
    if insights is not None:
        add_json("insights/insights.json", insights)
    figures = export_figures()
    if figures is not None:
        files.append(PackFile("aggregates/figures.json", dump_json(figures), len(figures)))
    return files


def build_pack() -> bytes:
    created = timezone.now().replace(microsecond=0).isoformat()
    return build_zip(export_files(), source=instance_name(), created_at=created)


def export_insights() -> list[dict] | None:
    """Published insights meant for all partners (title, summary, body, tags), demo insights
    left out; None without the partners app. Authors, reviewers, contributions and the
    organisations an insight was addressed to stay here."""
    if not app_ready("anett.partners.models"):
        return None
    from anett.partners import vocab as partner_vocab
    from anett.partners.models import Insight

    from .models import TransferItem

    # An insight that came from a pack keeps the key it came with.
    keys = dict(
        TransferItem.objects.filter(kind="insight", local_id__isnull=False).values_list(
            "local_id", "key"
        )
    )
    qs = (
        Insight.objects.published()
        .filter(audience=partner_vocab.AUDIENCE_ALL, is_demo=False)
        .prefetch_related("regions", "kreise")
        .order_by("published_at", "id")
    )
    return [insight_item(i, keys.get(i.pk) or f"{_source_slug()}-{i.pk}") for i in qs]


def insight_item(i, key: str) -> dict:
    return {
        "key": key,
        "title": i.title,
        "summary": i.summary,
        "body": i.body,
        "kind": i.kind,
        "topics": list(i.topics),
        "branch_groups": list(i.branch_groups),
        "regions": sorted(r.slug for r in i.regions.all()),
        "kreise": sorted(k.ags for k in i.kreise.all()),
        "published_at": i.published_at.isoformat() if i.published_at else None,
    }


def partner_viewer():
    """An unsaved user with the partner role: figures computed for it are suppressed."""
    from anett.core import roles
    from anett.core.models import User

    return User(username="transfer-export", role=roles.PARTNER)


def export_figures() -> dict | None:
    """Per region: every key figure, and each map figure per Kreis, computed for a partner
    (cells of fewer than five firms hidden); None without the reports app."""
    if not app_ready("anett.reports.services"):
        return None
    from anett.regions.models import Region
    from anett.reports import indicators, services

    viewer = partner_viewer()
    out: dict = {}
    for region in Region.objects.order_by("slug"):
        out[region.slug] = {
            "key_figures": services.key_figures(viewer, region=region),
            "by_kreis": {
                fid: services.figures_by_kreis(viewer, fid, region=region)
                for fid in indicators.MAP_IDS
            },
        }
    return out


# --- import: the plan --------------------------------------------------------------------------


@dataclass
class PlanItem:
    kind: str
    key: str
    label: str
    action: str
    reason: str
    data: object = None
    pack_hash: str = ""
    overwritable: bool = False

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS[self.action])

    @property
    def reason_label(self) -> str:
        return str(REASONS.get(self.reason, self.reason))


@dataclass
class Plan:
    source: str
    created_at: str
    items: list[PlanItem] = field(default_factory=list)
    applied: bool = False

    @property
    def created(self):
        """`created_at` as a datetime for display (None if the text is not ISO 8601)."""
        from datetime import datetime

        try:
            return datetime.fromisoformat(self.created_at)
        except ValueError:
            return None

    def counts(self) -> dict[str, Counter]:
        out: dict[str, Counter] = defaultdict(Counter)
        for item in self.items:
            out[item.kind][item.action] += 1
        return out

    def summary(self) -> list[dict]:
        """Per kind: label and the number of items per action (for tables)."""
        counts = self.counts()
        return [
            {"kind": kind, "label": str(label), **{a: counts[kind][a] for a in merge.ACTIONS}}
            for kind, label in KIND_LABELS.items()
            if kind in counts
        ]

    def total(self, action: str) -> int:
        return sum(1 for i in self.items if i.action == action)

    @property
    def conflicts(self) -> list[PlanItem]:
        return [i for i in self.items if i.action == merge.CONFLICT]

    @property
    def changes(self) -> list[PlanItem]:
        return [i for i in self.items if i.action in (merge.CREATE, merge.UPDATE)]

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "created_at": self.created_at,
            "applied": self.applied,
            "summary": self.summary(),
            "items": [
                {
                    "kind": i.kind,
                    "key": i.key,
                    "label": i.label,
                    "action": i.action,
                    "reason": i.reason_label,
                }
                for i in self.items
            ],
        }


def _known(codes, choices) -> list[str]:
    """The codes this installation knows, in the order of its choices (unknown ones dropped,
    as the vocabulary comparison reports)."""
    given = {str(c) for c in codes or ()}
    return [c for c, _label in choices if c in given]


def _codes_of(choices) -> set[str]:
    return {str(c) for c, _label in choices}


def _imported_hashes() -> dict[tuple[str, str], str]:
    from .models import TransferItem

    return {(t.kind, t.key): t.imported_hash for t in TransferItem.objects.all()}


def _decide(kind, key, label, data, local, imported, *, overwrite, overwritable=True):
    pack_hash = merge.fingerprint(data)
    local_hash = merge.fingerprint(local) if local is not None else None
    action, reason = merge.decide(pack_hash, local_hash, imported.get((kind, key)))
    if action == merge.CONFLICT and overwrite and overwritable:
        action, reason = (merge.CREATE if local is None else merge.UPDATE), "overwrite"
    return PlanItem(kind, key, label, action, reason, data, pack_hash, overwritable)


def _list(
    pack: Pack, path: str, required: tuple[str, ...], texts: tuple[str, ...] = ()
) -> list[dict]:
    """The entries of a JSON list file; required keys present, text fields text."""
    from .pack import PackError

    if not pack.has(path):
        return []
    value = pack.json(path)
    if not isinstance(value, list):
        raise PackError(f"„{path}“: eine Liste wird erwartet.")
    for n, entry in enumerate(value, start=1):
        if not isinstance(entry, dict):
            raise PackError(f"„{path}“, Eintrag {n}: ein Objekt wird erwartet.")
        for key in required:
            if key not in entry:
                raise PackError(f"„{path}“, Eintrag {n}: das Feld „{key}“ fehlt.")
        for key in texts:
            if key in entry and not isinstance(entry[key], str):
                raise PackError(f"„{path}“, Eintrag {n}: das Feld „{key}“ muss Text sein.")
    return value


ACTOR_TEXTS = ("key", "name", "short_name", "kind", "description", "website")
OFFER_TEXTS = ("key", "actor", "title", "kind", "description", "cost_note", "url", "links")
INSIGHT_TEXTS = ("key", "title", "summary", "body", "kind")


def make_plan(pack: Pack, *, overwrite: bool = False) -> Plan:
    """What importing the pack would do here, item by item (reads the database only)."""
    from anett.assessment.models import Questionnaire, Topic
    from anett.assessment.questionnaire import DefinitionError, parse_definition
    from anett.companies.models import BranchGroup, BranchRule
    from anett.funding.catalogue import PROGRAMME_DIR, PROGRAMME_IDS
    from anett.funding.models import ProgrammeSetting
    from anett.network import vocab
    from anett.network.models import Actor, Offer
    from anett.regions.models import Kreis, Region

    from .pack import PackError, sha256

    m = pack.manifest
    plan = Plan(source=m["source"], created_at=m["created_at"])
    imported = _imported_hashes()
    kreise = set(Kreis.objects.values_list("ags", flat=True))
    add = plan.items.append

    # Branch mapping.
    groups = {c for c, _l in BranchGroup.choices}
    local_rules = {r.prefix: branch_rule_item(r) for r in BranchRule.objects.all()}
    path = "config/branch_rules.json"
    for n, data in enumerate(
        _list(
            pack,
            path,
            ("prefix", "branch_group"),
            ("prefix", "branch_group", "union_scope", "note"),
        ),
        start=1,
    ):
        if data["branch_group"] not in groups:
            raise PackError(f"„{path}“, Eintrag {n}: unbekannte Branchengruppe.")
        data = {
            "prefix": str(data["prefix"]),
            "branch_group": data["branch_group"],
            "union_scope": data.get("union_scope", ""),
            "note": data.get("note", ""),
        }
        key = data["prefix"]
        add(
            _decide(
                "branch_rule", key, key, data, local_rules.get(key), imported, overwrite=overwrite
            )
        )

    # Regions.
    local_regions = {r.slug: r for r in Region.objects.prefetch_related("kreise").all()}
    names = {r.name: r.slug for r in local_regions.values()}
    path = "config/regions.json"
    for data in _list(
        pack, path, ("slug", "name", "kind", "kreise"), ("slug", "name", "kind", "description")
    ):
        data = {
            "slug": data["slug"],
            "name": data["name"],
            "kind": data["kind"],
            "description": data.get("description", ""),
            "kreise": sorted(str(a) for a in data["kreise"]),
        }
        missing = [a for a in data["kreise"] if a not in kreise]
        local = local_regions.get(data["slug"])
        if missing:
            add(PlanItem("region", data["slug"], data["name"], merge.SKIP, "missing_kreis", data))
            continue
        if names.get(data["name"]) not in (None, data["slug"]):
            add(PlanItem("region", data["slug"], data["name"], merge.CONFLICT, "name_taken", data))
            continue
        add(
            _decide(
                "region",
                data["slug"],
                data["name"],
                data,
                region_item(local) if local else None,
                imported,
                overwrite=overwrite,
            )
        )

    # Questionnaires: a version never changes once it exists.
    local_q = {(q.slug, q.version): q.definition for q in Questionnaire.objects.all()}
    for path in pack.paths("questionnaires/"):
        data = pack.json(path)
        try:
            parsed = parse_definition(data)
        except (DefinitionError, TypeError, ValueError) as exc:
            raise PackError(f"„{path}“: ungültiger Fragebogen – {exc}") from None
        key = f"{parsed.slug}-v{parsed.version}"
        local = local_q.get((parsed.slug, parsed.version))
        item = _decide("questionnaire", key, parsed.title, data, local, {}, overwrite=False)
        if item.action == merge.CONFLICT:
            item.reason, item.overwritable = "immutable", False
        add(item)

    # Programme files: compared, never written (they are code).
    for path in pack.paths("funding/programmes/"):
        name = path.rsplit("/", 1)[-1]
        here = PROGRAMME_DIR / name
        if here.is_file() and sha256(here.read_bytes()) == sha256(pack.files[path]):
            add(PlanItem("programme_file", name, name, merge.UNCHANGED, merge.EQUAL))
        else:
            add(PlanItem("programme_file", name, name, merge.SKIP, "code_file"))

    # Programme settings.
    local_settings = {s.programme: setting_item(s) for s in ProgrammeSetting.objects.all()}
    for data in _list(
        pack,
        "funding/settings.json",
        ("programme",),
        ("programme", "title", "description", "sources"),
    ):
        data = {
            "programme": data["programme"],
            "active": data.get("active"),
            "title": data.get("title", ""),
            "description": data.get("description", ""),
            "sources": data.get("sources", ""),
        }
        key = data["programme"]
        if key not in PROGRAMME_IDS:
            add(PlanItem("programme_setting", key, key, merge.SKIP, "unknown_programme", data))
            continue
        add(
            _decide(
                "programme_setting",
                key,
                key,
                data,
                local_settings.get(key),
                imported,
                overwrite=overwrite,
            )
        )

    # Vocabularies: compared with the code of this installation.
    if pack.has("network/vocabularies.json"):
        theirs = pack.json("network/vocabularies.json")
        ours = vocabularies()
        for name in sorted(set(theirs) | set(ours)):
            a = sorted(
                c["code"] for c in theirs.get(name, []) if isinstance(c, dict) and "code" in c
            )
            b = sorted(c["code"] for c in ours.get(name, []))
            if a == b:
                add(PlanItem("vocabulary", name, name, merge.UNCHANGED, merge.EQUAL))
            else:
                add(PlanItem("vocabulary", name, name, merge.SKIP, "code_vocabulary"))

    # Actors and offers.
    local_actors = {
        actor_key(a): actor_item(a) for a in Actor.objects.prefetch_related("kreise").all()
    }
    actor_keys = set(local_actors)
    for data in _list(pack, "network/actors.json", ("key", "name", "kind"), ACTOR_TEXTS):
        data = {
            "key": data["key"],
            "name": data["name"],
            "short_name": data.get("short_name", ""),
            "kind": data["kind"],
            "description": data.get("description", ""),
            "website": data.get("website", ""),
            "kreise": sorted(a for a in data.get("kreise", []) if a in kreise),
            "topics": _known(data.get("topics"), Topic.choices),
            "target_groups": _known(data.get("target_groups"), vocab.TARGET_GROUP_CHOICES),
            "active": bool(data.get("active", True)),
        }
        if data["kind"] not in _codes_of(vocab.ACTOR_KIND_CHOICES):
            add(PlanItem("actor", data["key"], data["name"], merge.SKIP, "unknown_code", data))
            continue
        item = _decide(
            "actor",
            data["key"],
            data["name"],
            data,
            local_actors.get(data["key"]),
            imported,
            overwrite=overwrite,
        )
        if item.action == merge.CREATE:
            actor_keys.add(data["key"])
        add(item)
    local_offers = {
        offer_key(o): offer_item(o)
        for o in Offer.objects.select_related("actor").prefetch_related("kreise").all()
    }
    for data in _list(pack, "network/offers.json", ("key", "actor", "title", "kind"), OFFER_TEXTS):
        data = {
            "key": data["key"],
            "actor": data["actor"],
            "title": data["title"],
            "kind": data["kind"],
            "description": data.get("description", ""),
            "topics": _known(data.get("topics"), Topic.choices),
            "target_groups": _known(data.get("target_groups"), vocab.TARGET_GROUP_CHOICES),
            "formats": _known(data.get("formats"), vocab.FORMAT_CHOICES),
            "cost": (
                data.get("cost") if data.get("cost") in _codes_of(vocab.COST_CHOICES) else "unknown"
            ),
            "cost_note": data.get("cost_note", ""),
            "languages": _known(data.get("languages"), vocab.LANGUAGE_CHOICES),
            "kreise": sorted(a for a in data.get("kreise", []) if a in kreise),
            "url": data.get("url", ""),
            "links": data.get("links", ""),
            "funding_programme": (
                data.get("funding_programme", "")
                if data.get("funding_programme", "") in PROGRAMME_IDS
                else ""
            ),
            "active": bool(data.get("active", True)),
        }
        if data["kind"] not in _codes_of(vocab.OFFER_KIND_CHOICES) or not data["topics"]:
            add(PlanItem("offer", data["key"], data["title"], merge.SKIP, "unknown_code", data))
            continue
        if data["actor"] not in actor_keys:
            add(PlanItem("offer", data["key"], data["title"], merge.SKIP, "missing_actor", data))
            continue
        add(
            _decide(
                "offer",
                data["key"],
                data["title"],
                data,
                local_offers.get(data["key"]),
                imported,
                overwrite=overwrite,
            )
        )

    # Insights.
    if pack.has("insights/insights.json"):
        region_slugs = set(local_regions) | {
            i.key for i in plan.items if i.kind == "region" and i.action == merge.CREATE
        }
        plan_insights(
            plan,
            _list(pack, "insights/insights.json", ("key", "title"), INSIGHT_TEXTS),
            imported,
            overwrite=overwrite,
            region_slugs=region_slugs,
            kreise=kreise,
        )

    # Aggregates stay in the pack.
    if pack.has("aggregates/figures.json"):
        add(
            PlanItem(
                "aggregates", "figures.json", str(KIND_LABELS["aggregates"]), merge.SKIP, "figures"
            )
        )
    return plan


def plan_insights(
    plan: Plan, entries: list[dict], imported, *, overwrite: bool, region_slugs, kreise
) -> None:
    from .models import TransferItem

    if not app_ready("anett.partners.models"):
        for data in entries:
            plan.items.append(
                PlanItem("insight", data["key"], data["title"], merge.SKIP, "no_partners_app")
            )
        return
    from anett.assessment.models import Topic
    from anett.companies.models import BranchGroup
    from anett.partners import vocab as partner_vocab
    from anett.partners.models import Insight

    ids = dict(
        TransferItem.objects.filter(kind="insight", local_id__isnull=False).values_list(
            "key", "local_id"
        )
    )
    local = {
        i.pk: i
        for i in Insight.objects.filter(pk__in=ids.values()).prefetch_related("regions", "kreise")
    }
    for data in entries:
        data = {
            "key": data["key"],
            "title": data["title"],
            "summary": data.get("summary", ""),
            "body": data.get("body", ""),
            "kind": data.get("kind", ""),
            "topics": _known(data.get("topics"), Topic.choices),
            "branch_groups": _known(data.get("branch_groups"), BranchGroup.choices),
            "regions": sorted(r for r in data.get("regions", []) if r in region_slugs),
            "kreise": sorted(a for a in data.get("kreise", []) if a in kreise),
            "published_at": data.get("published_at"),
        }
        if data["kind"] not in _codes_of(partner_vocab.INSIGHT_KIND_CHOICES):
            plan.items.append(
                PlanItem("insight", data["key"], data["title"], merge.SKIP, "unknown_code", data)
            )
            continue
        here = local.get(ids.get(data["key"]))
        plan.items.append(
            _decide(
                "insight",
                data["key"],
                data["title"],
                data,
                insight_item(here, data["key"]) if here is not None else None,
                imported,
                overwrite=overwrite,
            )
        )


def _import_insight(d: dict, local_id: int | None) -> int:
    """Create or update an imported insight as published for all partners; returns its id.
    Regions and Kreise unknown here are left out."""
    from datetime import datetime

    from anett.partners import vocab as partner_vocab
    from anett.partners.models import Insight
    from anett.regions.models import Kreis, Region

    insight = Insight.objects.filter(pk=local_id).first() if local_id else None
    insight = insight or Insight(
        status=partner_vocab.PUBLISHED, audience=partner_vocab.AUDIENCE_ALL
    )
    for f in ("title", "summary", "body", "kind", "topics", "branch_groups"):
        setattr(insight, f, d[f])
    insight.status = partner_vocab.PUBLISHED
    insight.published_at = (
        datetime.fromisoformat(d["published_at"]) if d["published_at"] else timezone.now()
    )
    insight.save()
    insight.regions.set(Region.objects.filter(slug__in=d["regions"]))
    insight.kreise.set(Kreis.objects.filter(ags__in=d["kreise"]))
    return insight.pk


# --- import: applying ---------------------------------------------------------------------------


def import_pack(data: bytes, *, dry_run: bool = False, overwrite: bool = False) -> Plan:
    """Verify and import a pack in one transaction; with `dry_run` only the plan."""
    from django.core.exceptions import ValidationError
    from django.db import DatabaseError

    from .pack import PackError

    pack = read_pack(data)
    try:
        with transaction.atomic():
            plan = make_plan(pack, overwrite=overwrite)
            if dry_run:
                return plan
            _apply(plan, pack)
            plan.applied = True
    except (DatabaseError, ValidationError, ValueError, TypeError, KeyError) as exc:
        # Reaching here means the files are intact (checksums) but their content is not
        # what this installation can store; the transaction has been rolled back.
        where = getattr(exc, "transfer_item", None)
        what = f" ({where.kind_label} „{where.label}“)" if where else ""
        raise PackError(
            f"Das Paket konnte nicht importiert werden{what}: {exc}. Es wurde nichts geändert."
        ) from exc
    return plan


def _apply(plan: Plan, pack: Pack) -> None:
    from anett.assessment.models import Questionnaire
    from anett.companies.services import reclassify_all
    from anett.regions.models import Kreis

    kreise = dict(Kreis.objects.values_list("ags", "id"))
    rules_changed = False
    offers_changed = False
    new_questionnaires = set()
    for item in plan.items:
        try:
            flags = _apply_item(item, plan.source, kreise)
        except Exception as exc:
            exc.transfer_item = item
            raise
        rules_changed |= flags == "rules"
        offers_changed |= flags == "network"
        if flags == "questionnaire":
            new_questionnaires.add(item.data["slug"])
    if rules_changed:
        reclassify_all()
    for slug in new_questionnaires:
        newest = Questionnaire.objects.filter(slug=slug).order_by("-version").first()
        Questionnaire.objects.filter(slug=slug).update(active=False)
        Questionnaire.objects.filter(pk=newest.pk).update(active=True)
    if offers_changed:
        from anett.network.services import forget_supply

        forget_supply()


def _apply_item(item: PlanItem, source: str, kreise: dict[str, int]) -> str:
    """Store one item; returns what it touched ("rules", "network", "questionnaire", "")."""
    from anett.assessment.models import Questionnaire
    from anett.companies.models import BranchRule
    from anett.funding.models import ProgrammeSetting
    from anett.network.models import Actor, Offer
    from anett.regions.models import Region

    from .models import TransferItem

    if item.action not in (merge.CREATE, merge.UPDATE):
        if item.action == merge.UNCHANGED and item.pack_hash and item.kind != "questionnaire":
            # Equal here already: from now on later changes at the source may flow in.
            _remember(item, source, only_if_missing=True)
        return ""
    d = item.data
    touched = ""
    if item.kind == "branch_rule":
        BranchRule.objects.update_or_create(
            prefix=d["prefix"],
            defaults={k: d[k] for k in ("branch_group", "union_scope", "note")},
        )
        touched = "rules"
    elif item.kind == "region":
        region, _created = Region.objects.update_or_create(
            slug=d["slug"],
            defaults={"name": d["name"], "kind": d["kind"], "description": d["description"]},
        )
        region.kreise.set([kreise[a] for a in d["kreise"]])
    elif item.kind == "questionnaire":
        Questionnaire.objects.create(
            slug=d["slug"], version=int(d["version"]), title=d["title"], definition=d
        )
        return "questionnaire"
    elif item.kind == "programme_setting":
        ProgrammeSetting.objects.update_or_create(
            programme=d["programme"],
            defaults={k: d[k] for k in ("active", "title", "description", "sources")},
        )
    elif item.kind == "actor":
        actor = Actor.objects.filter(key=d["key"]).first() or _actor_by_key(d["key"])
        actor = actor or Actor(key=d["key"])
        for f in ACTOR_FIELDS:
            setattr(actor, f, d[f])
        actor.save()
        actor.kreise.set([kreise[a] for a in d["kreise"]])
        touched = "network"
    elif item.kind == "offer":
        offer = Offer.objects.filter(key=d["key"]).first() or _offer_by_key(d["key"])
        offer = offer or Offer(key=d["key"])
        offer.actor = Actor.objects.filter(key=d["actor"]).first() or _actor_by_key(d["actor"])
        for f in OFFER_FIELDS:
            setattr(offer, f, d[f])
        offer.save()
        offer.kreise.set([kreise[a] for a in d["kreise"]])
        touched = "network"
    elif item.kind == "insight":
        known = TransferItem.objects.filter(kind="insight", key=item.key).first()
        local_id = _import_insight(d, known.local_id if known else None)
        _remember(item, source, local_id=local_id)
        return ""
    _remember(item, source)
    return touched


ACTOR_FIELDS = (
    "name",
    "short_name",
    "kind",
    "description",
    "website",
    "topics",
    "target_groups",
    "active",
)
OFFER_FIELDS = (
    "title",
    "kind",
    "description",
    "topics",
    "target_groups",
    "formats",
    "cost",
    "cost_note",
    "languages",
    "url",
    "links",
    "funding_programme",
    "active",
)


def _actor_by_key(key: str):
    """A local actor without a stored key is addressed as `<instance>-<id>` in packs."""
    from anett.network.models import Actor

    prefix = f"{_source_slug()}-"
    if key.startswith(prefix) and key[len(prefix) :].isdigit():
        return Actor.objects.filter(pk=int(key[len(prefix) :]), key__isnull=True).first()
    return None


def _offer_by_key(key: str):
    from anett.network.models import Offer

    prefix = f"{_source_slug()}-"
    if key.startswith(prefix) and key[len(prefix) :].isdigit():
        return Offer.objects.filter(pk=int(key[len(prefix) :]), key__isnull=True).first()
    return None


def _remember(
    item: PlanItem, source: str, only_if_missing: bool = False, local_id: int | None = None
) -> None:
    from .models import TransferItem

    existing = TransferItem.objects.filter(kind=item.kind, key=item.key).first()
    if existing is None:
        TransferItem.objects.create(
            kind=item.kind,
            key=item.key,
            imported_hash=item.pack_hash,
            source=source[:200],
            local_id=local_id,
        )
    elif not only_if_missing and (
        existing.imported_hash != item.pack_hash or existing.local_id != local_id
    ):
        existing.imported_hash = item.pack_hash
        existing.source = source[:200]
        existing.local_id = local_id if local_id is not None else existing.local_id
        existing.save(update_fields=["imported_hash", "source", "local_id", "imported_at"])
