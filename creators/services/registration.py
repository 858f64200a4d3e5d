"""Registration of Impact Creators and Impact Assessors (verification: creators/services/verification.py)."""

import datetime
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.users.models import UserProfile

from creators.models import ConsentRecord, ImpactAssessorProfile, ImpactCreatorProfile, ProfileBase, User
from creators.private_media import store_uploaded_image
from creators.services.throttle import throttle_take
from creators.services.verification import RESEND_INTERVAL, send_verification
from outbox.services import outbox_enqueue

UNVERIFIED_LIFETIME = datetime.timedelta(days=7)
PROFILE_MODEL = {"creator": ImpactCreatorProfile, "assessor": ImpactAssessorProfile}


class RegistrationThrottled(Exception):
    """Too many registrations from the sender's network: nothing was created."""


@dataclass(frozen=True)
class RegistrationResult:
    user: User | None
    profile: ProfileBase | None


def _unique_slug(model, base: str, fallback: str) -> str:
    slug = slugify(base)[:60].strip("-") or fallback
    candidate, n = slug, 2
    while model.objects.filter(slug=candidate).exists():
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def _silence_wagtail_notifications(user: User) -> None:
    # Registrants get our own Thai/English emails, never Wagtail's admin-link notifications.
    profile = UserProfile.get_for_user(user)
    for name in (
        "submitted_notifications",
        "approved_notifications",
        "rejected_notifications",
        "updated_comments_notifications",
    ):
        setattr(profile, name, False)
    profile.save()


def _notify_existing_owner(*, user: User) -> None:
    if not user.email_verified_at and timezone.now() - user.date_joined < RESEND_INTERVAL:
        return  # a double-click, not a second registration
    day = timezone.localdate().isoformat()
    outbox_enqueue(
        key=f"duplicate-registration:{user.pk}:{day}",
        to=user.email,
        template="duplicate_registration",
        context={"login_path": "/accounts/login/", "reset_path": "/accounts/password/reset/"},
        language=user.preferred_language,
    )


@dataclass(frozen=True)
class AccountData:
    """What the registration form gave, ready to store."""

    kind: str
    email: str
    password: str
    language: str
    profile_fields: dict
    many_to_many: dict
    image: ContentFile | None
    privacy_version: str


def _build_account(data: AccountData, *, email: str) -> tuple[User, ProfileBase]:
    model = PROFILE_MODEL[data.kind]
    user = User.objects.create_user(email=email, password=data.password, preferred_language=data.language)
    _silence_wagtail_notifications(user)
    display = data.profile_fields.get("name_en") or data.profile_fields.get("name") or ""
    profile = model(user=user, slug=_unique_slug(model, display, f"{data.kind}-{user.pk}"), live=False)
    for name, value in data.profile_fields.items():
        setattr(profile, name, value)
    if data.image is not None:
        field = "logo" if data.kind == "creator" else "photo"
        data.image.seek(0)
        setattr(profile, field, store_uploaded_image(image_file=data.image, title=display or email, owner=user))
    profile.save()
    for name, values in data.many_to_many.items():
        getattr(profile, name).set(values)
    profile.save()
    profile.save_revision(user=user)
    ConsentRecord.objects.create(user=user, version=data.privacy_version, language=data.language)
    return user, profile


class _Rehearsal(Exception):
    def __init__(self, profile: ProfileBase):
        super().__init__("rehearsal")
        self.profile = profile


def _rehearse_account(data: AccountData) -> None:
    """Do the work of a new registration under a throwaway address, then undo it.

    An already registered address must cost the request what a new one costs (the password hash, the same rows,
    the image), or the response time tells who is registered. The rows vanish with the savepoint; the stored
    image file is removed by hand.
    """
    try:
        with transaction.atomic():
            _user, profile = _build_account(data, email=f"{uuid.uuid4().hex}@rehearsal.invalid")
            raise _Rehearsal(profile)
    except _Rehearsal as rehearsal:
        image = getattr(rehearsal.profile, "logo" if data.kind == "creator" else "photo", None)
        if image is not None:
            image.file.storage.delete(image.file.name)


def registration_create(*, data: AccountData, source: str) -> RegistrationResult:
    """Create an unverified account with its draft profile and send the verification email.

    An address that is already registered (in any letter case) creates nothing: its owner gets a notice, and the
    caller shows the same "check your email" page after the same work, so neither the page nor its timing reveals
    who is registered. ``source`` is the sender's network (``client_network``): registrations from it are limited
    (``RegistrationThrottled``, nothing created).
    """
    email = data.email.strip().lower()
    try:
        with transaction.atomic():
            if not throttle_take(scope="registration-ip", subject=source):
                raise RegistrationThrottled
            existing = User.objects.filter(email__iexact=email).first()
            if existing is not None:
                _rehearse_account(data)
                _notify_existing_owner(user=existing)
                return RegistrationResult(user=None, profile=None)
            user, profile = _build_account(data, email=email)
            send_verification(user=user, sequence=1)
            return RegistrationResult(user=user, profile=profile)
    except IntegrityError:
        # Two submissions raced on the same address: the other one won, and this one is the same person.
        return RegistrationResult(user=None, profile=None)
