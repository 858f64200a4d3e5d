"""Registration of Impact Creators and Impact Assessors, and email verification."""

import datetime
import hashlib
from dataclasses import dataclass

from django.core import signing
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.users.models import UserProfile

from creators.models import ConsentRecord, ImpactAssessorProfile, ImpactCreatorProfile, ProfileBase, User
from creators.services.accounts import account_erase
from creators.services.profiles import profile_submit
from moderation.models import OutboxEmail
from moderation.outbox import outbox_enqueue
from portal.links import site_url

VERIFY_SALT = "creators.verify-email"
VERIFY_MAX_AGE = datetime.timedelta(days=3)
UNVERIFIED_LIFETIME = datetime.timedelta(days=7)
RESEND_INTERVAL = datetime.timedelta(minutes=1)
PROFILE_MODEL = {"creator": ImpactCreatorProfile, "assessor": ImpactAssessorProfile}
UPLOAD_COLLECTION = "Registrant uploads"


class VerificationError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "expired" or "invalid"


@dataclass(frozen=True)
class RegistrationResult:
    user: User | None
    profile: ProfileBase | None


def _email_fingerprint(email: str) -> str:
    return hashlib.sha256(email.lower().encode()).hexdigest()[:16]


def verification_token(*, user: User) -> str:
    # Bound to the address: a token stops working if the address changes.
    return signing.dumps({"u": user.pk, "e": _email_fingerprint(user.email)}, salt=VERIFY_SALT, compress=True)


def verification_url(*, user: User) -> str:
    with translation.override(user.preferred_language):
        path = reverse("creators:verify", kwargs={"token": verification_token(user=user)})
    return site_url(path)


def _send_verification(*, user: User, sequence: int) -> None:
    outbox_enqueue(
        key=f"verify:{user.pk}:{sequence}",
        to=user.email,
        template="verify_email",
        context={"verify_url": verification_url(user=user), "valid_days": VERIFY_MAX_AGE.days},
        language=user.preferred_language,
    )


def _upload_collection() -> Collection:
    existing = Collection.objects.filter(name=UPLOAD_COLLECTION).first()
    return existing or Collection.get_first_root_node().add_child(name=UPLOAD_COLLECTION)


def store_uploaded_image(*, image_file: ContentFile, title: str, owner: User):
    """Store an already validated and re-encoded upload as a Wagtail image."""
    image = get_image_model()(title=title[:255], collection=_upload_collection(), uploaded_by_user=owner)
    image.file.save(image_file.name, image_file, save=False)
    image.save()
    return image


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


def registration_create(
    *,
    kind: str,
    email: str,
    password: str,
    language: str,
    profile_fields: dict,
    many_to_many: dict,
    image: ContentFile | None,
    privacy_version: str,
) -> RegistrationResult:
    """Create an unverified account with its draft profile and send the verification email.

    An address that is already registered (in any letter case) creates nothing: its owner gets a notice,
    and the caller shows the same "check your email" page, so the form never reveals who is registered.
    """
    model = PROFILE_MODEL[kind]
    email = email.strip().lower()
    try:
        with transaction.atomic():
            existing = User.objects.filter(email__iexact=email).first()
            if existing is not None:
                _notify_existing_owner(user=existing)
                return RegistrationResult(user=None, profile=None)
            user = User.objects.create_user(email=email, password=password, preferred_language=language)
            _silence_wagtail_notifications(user)
            display = profile_fields.get("name_en") or profile_fields.get("name") or ""
            profile = model(user=user, slug=_unique_slug(model, display, f"{kind}-{user.pk}"), live=False)
            for name, value in profile_fields.items():
                setattr(profile, name, value)
            if image is not None:
                field = "logo" if kind == "creator" else "photo"
                setattr(profile, field, store_uploaded_image(image_file=image, title=display or email, owner=user))
            profile.save()
            for name, values in many_to_many.items():
                getattr(profile, name).set(values)
            profile.save()
            profile.save_revision(user=user)
            ConsentRecord.objects.create(user=user, version=privacy_version, language=language)
            _send_verification(user=user, sequence=1)
            return RegistrationResult(user=user, profile=profile)
    except IntegrityError:
        # Two submissions raced on the same address: the other one won, and this one is the same person.
        return RegistrationResult(user=None, profile=None)


def registration_resend_verification(*, email: str) -> None:
    """Send a fresh link to an unverified address; silently nothing for unknown or verified ones."""
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email__iexact=email.strip(), email_verified_at=None).first()
        if user is None:
            return
        sent = OutboxEmail.objects.filter(key__startswith=f"verify:{user.pk}:")
        last = sent.order_by("-created_at").first()
        if last is not None and timezone.now() - last.created_at < RESEND_INTERVAL:
            return
        _send_verification(user=user, sequence=sent.count() + 1)


def _verification_data(token: str) -> dict:
    try:
        return signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.SignatureExpired as error:
        raise VerificationError("expired") from error
    except signing.BadSignature as error:
        raise VerificationError("invalid") from error


def _verification_owner(users, data: dict) -> User:
    user = users.filter(pk=data.get("u")).first()
    if user is None or _email_fingerprint(user.email) != data.get("e"):
        raise VerificationError("invalid")
    return user


def verification_user(*, token: str) -> User:
    """Whose verification link this is, changing nothing (the page that asks to confirm); VerificationError
    when the link is expired, changed or no longer matches the account's address."""
    return _verification_owner(User.objects.all(), _verification_data(token))


def registration_verify(*, token: str) -> User:
    """Confirm the address and submit the profile into moderation. Safe to confirm twice."""
    data = _verification_data(token)
    with transaction.atomic():
        user = _verification_owner(User.objects.select_for_update(), data)
        if user.email_verified_at is not None:
            return user
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
        profile = user.profile
        if profile is not None and not profile.workflow_in_progress:
            profile_submit(profile=profile, user=user)
        return user


def registration_purge_unverified(*, now: datetime.datetime | None = None) -> int:
    """Delete registrations never verified within 7 days, with their profiles, images and emails."""
    cutoff = (now or timezone.now()) - UNVERIFIED_LIFETIME
    stale = User.objects.filter(email_verified_at=None, date_joined__lt=cutoff, is_staff=False, is_superuser=False)
    removed = 0
    for user in stale.iterator():
        account_erase(user=user)
        removed += 1
    return removed
