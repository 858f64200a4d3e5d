"""System checks of creators (imported at start-up by core's app config)."""

from django.core import checks

from creators.private_media import check_private_roots

checks.register(check_private_roots, checks.Tags.security, deploy=False)
