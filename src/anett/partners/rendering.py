"""Markdown → safe HTML for insights. Plain Python: no Django model imports.

Coordinators write Markdown; the HTML is sanitised by nh3 (an allow-list: no script, no
style, no event handler attributes, links only http(s)/mailto/relative, every link gets
rel="noopener noreferrer nofollow"). Raw HTML inside the Markdown is escaped away by the
allow-list as well.
"""

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
    "dl", "dt", "dd", "abbr", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["extra", "sane_lists"]


def markdown_to_html(source: str) -> str:
    """Sanitised HTML of a Markdown text (headings start at level 2 on the page)."""
    html = markdown.markdown(source or "", extensions=EXTENSIONS, output_format="html")
    # A level-1 heading in the text would compete with the page title.
    html = html.replace("<h1", "<h2").replace("</h1>", "</h2>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        clean_content_tags={"script", "style"},
    )


def plain_text(source: str) -> str:
    """The text of a Markdown source without markup (for e-mails and search)."""
    html = markdown.markdown(source or "", extensions=EXTENSIONS)
    return " ".join(nh3.clean(html, tags=set()).split())
