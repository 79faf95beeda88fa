from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ names|get_item:code }}`: a dict lookup in templates."""
    try:
        return mapping.get(key, key)
    except AttributeError:
        return key
