from django.shortcuts import redirect


class KeepRegistrantsOutOfAdminMiddleware:
    """Registrants never see the Wagtail admin: they are sent to their own dashboard instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path.startswith("/admin/")
            and user.is_authenticated
            # Staff without admin access are left to Wagtail's own "no permission" handling: the
            # dashboard sends profile-less staff to /admin/, so redirecting them back loops forever.
            and not user.is_staff
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            language_prefix = "/en" if getattr(request.user, "preferred_language", "th") == "en" else ""
            return redirect(f"{language_prefix}/accounts/")
        return self.get_response(request)
