from django import template

from faq.jsonld import faq_page_jsonld

register = template.Library()


@register.simple_tag
def faq_jsonld(items):
    return faq_page_jsonld(items)
