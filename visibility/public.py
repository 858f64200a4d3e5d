"""What "public" means for moderated content, in one place: approved (live) and not deleted on request."""

from django.db import models

# The exact terms .public() adds: partial indexes on them let a directory walk an index instead of sorting.
PUBLIC_ROWS = models.Q(live=True, deleted_at__isnull=True)


class PublicQuerySet(models.QuerySet):
    def public(self):
        """What the public may see. Every public read of profiles and reports starts here."""
        return self.filter(PUBLIC_ROWS)
