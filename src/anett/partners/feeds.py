"""Atom feed of the insights a user may read (django.contrib.syndication)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from .models import Insight


class InsightFeed(Feed):
    feed_type = Atom1Feed
    author_name = "ANeTT"

    def __call__(self, request, *args, user=None, **kwargs):
        self._user = user
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    def title(self):
        return _("ANeTT – insights of the network")

    def subtitle(self):
        return _("Findings, good practices and lessons learned for the partner network")

    def link(self):
        return reverse("partners:insights")

    def items(self):
        return (
            Insight.objects.visible_to(self._user).published().order_by("-published_at", "-id")[:50]
        )

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.title}"

    def item_description(self, item):
        return f"<p>{escape(item.summary)}</p>{item.body_html()}"

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return item.topic_labels() + item.branch_labels()
