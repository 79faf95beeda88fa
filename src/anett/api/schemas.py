"""Response schemas of the JSON API (English field names; texts and labels German)."""

from datetime import date, datetime

from ninja import Schema
from pydantic import Field


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut]


class Choice(Schema):
    code: str
    label: str


class MeOut(Schema):
    username: str
    name: str
    role: str
    role_label: str
    organisation: str
    can_see_register: bool
    can_see_sensitive: bool
    can_configure: bool


# --- regions ------------------------------------------------------------------------------


class KreisRef(Schema):
    ags: str
    name: str


class KreisOut(Schema):
    ags: str
    name: str
    kind: str
    nuts3: str
    land: str
    population: int
    area_km2: float
    active: bool
    merged_into: str | None


class KreisPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[KreisOut]


class RegionOut(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str
    description: str
    kreise: list[KreisRef]


# --- branch mapping -------------------------------------------------------------------------


class BranchRuleOut(Schema):
    prefix: str
    title: str
    branch_group: str
    branch_group_label: str
    union_scope: str
    note: str


# --- network ----------------------------------------------------------------------------------


class ActorRef(Schema):
    id: int
    name: str
    short_name: str
    kind: str


class ActorOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str
    description: str
    website: str
    email: str
    phone: str
    address: str
    seat: KreisRef | None
    kreise: list[KreisRef]
    topics: list[str]
    target_groups: list[str]
    active: bool


class ActorPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ActorOut]


class ContactPersonRef(Schema):
    name: str
    function: str
    email: str
    phone: str


class OfferOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    description: str
    actor: ActorRef
    topics: list[str]
    target_groups: list[str]
    formats: list[str]
    cost: str
    cost_note: str
    languages: list[str]
    kreise: list[KreisRef]
    kreise_from_actor: bool
    url: str
    links: list[str]
    contact: str
    contact_person: ContactPersonRef | None
    funding_programme: str
    active: bool


class OfferPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[OfferOut]


class VocabulariesOut(Schema):
    topics: list[Choice]
    target_groups: list[Choice]
    offer_kinds: list[Choice]
    formats: list[Choice]
    costs: list[Choice]
    languages: list[Choice]
    actor_kinds: list[Choice]
    branch_groups: list[Choice]


# --- funding ----------------------------------------------------------------------------------


class ProgrammeVersionOut(Schema):
    version: str
    valid_from: date | None
    valid_until: date | None
    draft: bool


class ProgrammeOut(Schema):
    id: str
    title: str
    file_title: str
    description: str
    kinds: list[str]
    legal_basis: str
    entitlement: bool
    catalogue_active: bool
    offered: bool
    set_by_coordination: bool
    sources: list[str]
    versions: list[ProgrammeVersionOut]
    unconfirmed_rules: int


# --- companies --------------------------------------------------------------------------------


class CompanyListOut(Schema):
    id: int
    name: str
    legal_form: str
    postcode: str
    city: str
    kreis: KreisRef | None
    wz_code: str
    branch_group: str
    employees_site: int | None
    sme_class: str
    works_council: str
    engagement_status: str
    stage: str
    priority_score: int
    is_demo: bool
    can_open: bool


class CompanyPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[CompanyListOut]


class SensitiveOut(Schema):
    works_council_member: bool
    union_membership: str


class ContactOut(Schema):
    id: int
    first_name: str
    last_name: str
    function: str
    email: str
    phone: str
    consent_purpose: str
    consent_date: date | None
    sensitive: SensitiveOut | None


class ActivityOut(Schema):
    id: int
    kind: str
    date: date
    outcome: str
    note: str
    next_step: str
    due_date: date | None
    done: bool
    user: str


class CompanyDetailOut(CompanyListOut):
    street: str
    wz_title: str
    employees_enterprise: int | None
    turnover_eur: int | None
    balance_sheet_eur: int | None
    collective_agreement: str
    union_scope: str
    website: str
    phone: str
    notes: str
    sources: str
    advisers: list[str]
    regions: list[str]
    contacts: list[ContactOut]
    activities: list[ActivityOut]
    created_at: datetime
    updated_at: datetime


# --- insights and figures -----------------------------------------------------------------------


class InsightOut(Schema):
    id: int
    title: str
    summary: str
    kind: str
    kind_label: str
    topics: list[str]
    branch_groups: list[str]
    regions: list[str]
    kreise: list[KreisRef]
    status: str
    published_at: datetime | None


class InsightDetailOut(InsightOut):
    body: str
    body_html: str


class InsightPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[InsightOut]


class RegionRef(Schema):
    slug: str
    name: str


class FigureOut(Schema):
    id: str
    label: str
    unit: str
    section: str
    description: str


class FigureValueOut(FigureOut):
    value: float | None
    display: str
    hidden: str | None = Field(description="small: fewer than 5 firms; derivable: from a total")


class KeyFiguresOut(Schema):
    region: RegionRef | None
    kreis: KreisRef | None
    period: dict[str, str] | None
    branch_group: str | None
    suppressed: bool
    figures: dict[str, FigureValueOut]


class KreisValueOut(Schema):
    name: str
    value: float | None
    display: str
    hidden: str | None
    map_class: int | None
    colour: str | None


class LegendRowOut(Schema):
    colour: str
    text: str
    upper: float


class FiguresByKreisOut(Schema):
    figure: FigureOut
    region: RegionRef | None
    period: dict[str, str] | None
    branch_group: str | None
    suppressed: bool
    legend: list[LegendRowOut]
    kreise: dict[str, KreisValueOut]
