"""Impact Creator and Impact Assessor profiles: moderated snippets (Wagtail workflow, revisions, drafts)."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from moderation.rules import ModerationRules
from visibility.public import PUBLIC_ROWS, PublicQuerySet


class ProfileStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Email not verified yet")
    DRAFT = "draft", _("Not submitted")
    PENDING = "pending", _("Pending approval")
    NEEDS_CHANGES = "needs_changes", _("Needs changes")
    APPROVED = "approved", _("Approved")
    CHANGES_PENDING = "changes_pending", _("Approved — changes pending")


# Wagtail needs WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin in this order; its check can pass when not.
class ProfileBase(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    # Each concrete profile defines `user`, a OneToOne with its own related_name.
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    publish_contact = models.BooleanField(
        _("show contact details publicly"),
        default=False,
        help_text=_("When off, the public sees no phone number or email; people can still send a request."),
    )
    # The promise made to the registrant when they submitted: kept as sent, not recomputed.
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, db_index=True)
    due_date = models.DateField(_("decision due"), null=True, blank=True, db_index=True)
    rejection_reason = models.TextField(_("reason for changes"), blank=True)
    # Set when staff delete on request: hidden everywhere at once, restorable for 30 days, then purged.
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, db_index=True)
    # Sample data (``manage.py demo_data``): shown with a notice everywhere and removed with ``--remove``.
    is_sample = models.BooleanField(_("sample data"), default=False, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        abstract = True

    # Moderation metadata belongs to the row, not to any revision: publishing must not roll it back.
    ROW_ONLY_FIELDS = ("submitted_at", "due_date", "rejection_reason", "slug", "deleted_at")
    # A decision within 5 business days (moderation/service.py sends the profile_* emails).
    moderation_rules = ModerationRules(kind="profile", decision_business_days=5)

    def moderation_recipient(self):
        return self.user

    def moderation_email_context(self) -> dict:
        return {
            "name": self.display_name,
            "kind": self.kind,
            "due_date": self.due_date,
            "reason": self.rejection_reason,
        }

    @property
    def is_public(self) -> bool:
        return self.live and self.deleted_at is None

    @property
    def display_name(self) -> str:
        raise NotImplementedError

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for name in self.ROW_ONLY_FIELDS:
            setattr(obj, name, getattr(self, name))
        obj.user_id = self.user_id
        return obj


class ImpactCreatorProfile(ProfileBase):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="creator_profile", verbose_name=_("account")
    )
    name_th = models.CharField(_("organisation name (Thai)"), max_length=200)
    name_en = models.CharField(_("organisation name (English)"), max_length=200)
    organisation_type = models.ForeignKey(
        "taxonomy.Sector", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation type")
    )
    registration_number = models.CharField(_("registration number"), max_length=40, blank=True)
    province = models.ForeignKey(
        "taxonomy.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    sdg_goals = ParentalManyToManyField("taxonomy.SdgGoal", blank=True, related_name="+", verbose_name=_("focus SDGs"))
    themes = ParentalManyToManyField("taxonomy.Theme", blank=True, related_name="+", verbose_name=_("thematic sectors"))
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200)

    search_fields = [index.SearchField("name_th"), index.SearchField("name_en"), index.SearchField("description")]

    class Meta:
        verbose_name = _("Impact Creator")
        verbose_name_plural = _("Impact Creators")
        indexes = [
            models.Index(fields=["name_th", "name_en", "id"], condition=PUBLIC_ROWS, name="creator_public_name"),
            models.Index(fields=["-first_published_at", "-id"], condition=PUBLIC_ROWS, name="creator_public_newest"),
            models.Index(
                fields=["organisation_type", "name_th", "name_en", "id"],
                condition=PUBLIC_ROWS,
                name="creator_public_type",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return (self.name_en or self.name_th) if translation.get_language() == "en" else self.name_th

    @property
    def kind(self) -> str:
        return "creator"


class ImpactAssessorProfile(ProfileBase):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessor_profile", verbose_name=_("account")
    )
    name = models.CharField(_("name (person or firm)"), max_length=200)
    qualifications = models.TextField(_("qualifications and certifications"))
    expertise_sectors = ParentalManyToManyField(
        "taxonomy.Sector", blank=True, related_name="+", verbose_name=_("expertise sectors")
    )
    provinces_served = ParentalManyToManyField(
        "taxonomy.Province", blank=True, related_name="+", verbose_name=_("provinces served")
    )
    biography = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )

    search_fields = [index.SearchField("name"), index.SearchField("qualifications"), index.SearchField("biography")]

    class Meta:
        verbose_name = _("Impact Assessor")
        verbose_name_plural = _("Impact Assessors")
        indexes = [models.Index(fields=["name", "id"], condition=PUBLIC_ROWS, name="assessor_public_name")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def kind(self) -> str:
        return "assessor"
