"""Content-Security-Policy for the public site and, with a policy of its own, for Wagtail's admin.

django-csp sends ``CONTENT_SECURITY_POLICY`` (strict: scripts by nonce, no inline styles) everywhere it is not
excluded. Wagtail's admin cannot live under it: its templates hold inline scripts with per-request data (date
pickers, inline panels, chooser modals) and inline style attributes, and it loads no nonce. So under
``ADMIN_PREFIX`` this middleware sends ``ADMIN_CONTENT_SECURITY_POLICY`` instead (``REPORT_ONLY`` true sends it as
Content-Security-Policy-Report-Only, for trying a change): scripts, styles, fonts, frames and connections only from
this site, no plugins, no foreign <base>, forms posting only here, never framed by another site.

The editor's preview panel frames a page rendered through the whole middleware stack for a *dummy* request to
the page's public address (Wagtail sets ``request.is_dummy``): that rendering keeps the public policy except
``frame-ancestors``, which must let this site's admin frame it (the public 'none' made the panel a blank error).
"""

from __future__ import annotations

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_PREFIX = "/admin/"


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if getattr(request, "is_dummy", False):  # a preview, framed by the admin
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
            return parts
        if not request.path_info.startswith(ADMIN_PREFIX):
            return parts
        admin = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", None) or {}
        # The header this call builds carries the admin policy; the other header none (an empty config is "").
        wanted = bool(admin.get("REPORT_ONLY", False)) == report_only
        parts.config = dict(admin.get("DIRECTIVES", {})) if wanted else {}
        parts.update = parts.replace = None
        return parts
