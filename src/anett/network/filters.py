import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anett.assessment.models import Topic
from anett.regions.models import Region

from . import vocab
from .models import Actor, Offer


def _search(queryset, fields, value):
    for word in value.split():
        q = Q()
        for f in fields:
            q |= Q(**{f"{f}__icontains": word})
        queryset = queryset.filter(q)
    return queryset


def _in_region(queryset, region: Region, prefix: str = ""):
    """Offers (prefix "") or actors (prefix "actor_") in the region: by their districts, and
    offers without districts by the districts of their actor."""
    ids = list(region.kreise.values_list("id", flat=True))
    if prefix:
        return queryset.filter(kreise__in=ids).distinct()
    return queryset.filter(
        Q(kreise__in=ids) | Q(kreise__isnull=True, actor__kreise__in=ids)
    ).distinct()


class OfferFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"placeholder": _("Title, actor, text"), "type": "search"}),
    )
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=vocab.OFFER_KIND_CHOICES)
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), choices=Topic.choices, field_name="topics", lookup_expr="has"
    )
    target_group = django_filters.ChoiceFilter(
        label=_("Target group"),
        choices=vocab.TARGET_GROUP_CHOICES,
        field_name="target_groups",
        method="filter_target_group",
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=vocab.FORMAT_CHOICES, field_name="formats", lookup_expr="has"
    )
    cost = django_filters.ChoiceFilter(label=_("Cost"), choices=vocab.COST_CHOICES)
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=vocab.LANGUAGE_CHOICES,
        field_name="languages",
        lookup_expr="has",
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        method="filter_region",
        to_field_name="slug",
    )
    actor_kind = django_filters.ChoiceFilter(
        label=_("Kind of actor"), choices=vocab.ACTOR_KIND_CHOICES, field_name="actor__kind"
    )
    actor = django_filters.ModelChoiceFilter(
        label=_("Actor"), queryset=Actor.objects.order_by("name"), widget=forms.HiddenInput
    )

    class Meta:
        model = Offer
        fields = []

    def filter_q(self, queryset, name, value):
        return _search(
            queryset, ["title", "description", "actor__name", "actor__short_name"], value
        )

    def filter_target_group(self, queryset, name, value):
        # An offer without target groups is for everyone.
        return queryset.filter(Q(target_groups__has=value) | Q(target_groups=""))

    def filter_region(self, queryset, name, value):
        return _in_region(queryset, value)


class ActorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"placeholder": _("Name"), "type": "search"}),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=vocab.ACTOR_KIND_CHOICES)
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), choices=Topic.choices, field_name="topics", lookup_expr="has"
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        method="filter_region",
        to_field_name="slug",
    )

    class Meta:
        model = Actor
        fields = []

    def filter_q(self, queryset, name, value):
        return _search(queryset, ["name", "short_name", "description"], value)

    def filter_region(self, queryset, name, value):
        return _in_region(queryset, value, prefix="actor_")
