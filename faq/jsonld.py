import json

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html


def faq_page_jsonld(items) -> str:
    """schema.org FAQPage; `<` escaped so the JSON can never close its <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": item.question,
                "acceptedAnswer": {"@type": "Answer", "text": strip_tags(expand_db_html(item.answer)).strip()},
            }
            for item in items
        ],
    }
    encoded = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return mark_safe(encoded.replace("&", "\\u0026"))  # noqa: S308
