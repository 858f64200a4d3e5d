"""Registration and profile forms: parse and validate input only; services do the writing."""

from types import SimpleNamespace

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.text import clean_email, clean_text
from creators.images import validate_and_reencode_image
from creators.services.uploads import image_upload_claim
from taxonomy.models import Province, SdgGoal, Sector, Theme

SINGLE_LINE_MAX = 200


class CleanTextMixin:
    """Strips invisible characters and stores Thai in NFC from every text field the form declares."""

    multiline_fields: tuple[str, ...] = ()

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and name not in ("password1", "password2", "email"):
                cleaned[name] = clean_text(value, multiline=name in self.multiline_fields)
                if not cleaned[name] and self.fields[name].required and value:
                    self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned


def _required_text(label, max_length=SINGLE_LINE_MAX, **kwargs):
    return forms.CharField(label=label, max_length=max_length, **kwargs)


class AccountFieldsMixin(forms.Form):
    email = forms.EmailField(label=_("Email (used to log in)"), max_length=254)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters. A long passphrase of several words is welcome."),
        max_length=512,
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        max_length=512,
    )
    accept_privacy = forms.BooleanField(
        label=_("I have read and accept the privacy notice (PDPA)."),
        error_messages={"required": _("Please accept the privacy notice to register.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        notice_url = "/en/privacy/" if translation.get_language() == "en" else "/privacy/"
        self.fields["accept_privacy"].help_text = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', notice_url, _("Read the privacy notice")
        )

    def clean_email(self):
        return clean_email(self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords do not match."))
        elif first:
            try:
                password_validation.validate_password(first, user=self._account_for_validation(cleaned))
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def _account_for_validation(self, cleaned: dict) -> SimpleNamespace:
        # What the similarity validator compares the password with (its user_attributes setting): the address and
        # every name on the form, so neither "somchai.example" nor the organisation's name passes as a password.
        # Its error names the field through _meta.get_field(...).verbose_name: the form's own labels.
        names = [name for name in ("email", "name", "name_th", "name_en", "contact_name") if name in self.fields]
        labels = {name: SimpleNamespace(verbose_name=self.fields[name].label) for name in names}
        values = {name: cleaned[name] for name in names if isinstance(cleaned.get(name), str)}
        return SimpleNamespace(**values, _meta=SimpleNamespace(get_field=labels.__getitem__))

    @property
    def privacy_version(self) -> str:
        return settings.PRIVACY_NOTICE_VERSION


class ImageFieldMixin:
    """``upload_client`` is the sender's network address: every decoded upload counts towards its hourly limit."""

    image_field_name = ""

    def __init__(self, *args, upload_client: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_client = upload_client

    def clean_image(self, name: str):
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        if not image_upload_claim(client_ip=self.upload_client):
            raise ValidationError(
                _("Too many images were uploaded from your network in the last hour. Please try again later."),
                code="image_upload_limit",
            )
        return validate_and_reencode_image(upload)


def _image_field(label) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )


class ContactFieldsForm(forms.Form):
    """How the public may reach a registrant: shown only when they choose to publish it."""

    contact_phone = forms.RegexField(
        label=_("Contact phone"),
        regex=r"^[0-9+\-\s()]{6,32}$",
        max_length=32,
        error_messages={"invalid": _("Enter a phone number using digits, spaces, +, - or brackets.")},
    )
    contact_email = forms.EmailField(label=_("Contact email"), max_length=254)
    publish_contact = forms.BooleanField(
        label=_("Show the contact phone and email on the public profile"), required=False
    )

    def clean_contact_email(self):
        return clean_email(self.cleaned_data["contact_email"])


class CreatorProfileForm(CleanTextMixin, ImageFieldMixin, ContactFieldsForm):
    multiline_fields = ("address", "description")
    name_th = _required_text(_("Organisation name (Thai)"))
    name_en = _required_text(_("Organisation name (English)"))
    organisation_type = forms.ModelChoiceField(
        label=_("Organisation type"), queryset=Sector.objects.all(), empty_label=_("Choose…")
    )
    registration_number = forms.CharField(label=_("Registration number (optional)"), max_length=40, required=False)
    province = forms.ModelChoiceField(label=_("Province"), queryset=Province.objects.all(), empty_label=_("Choose…"))
    address = forms.CharField(label=_("Address"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)
    website = forms.URLField(label=_("Website"), required=False, max_length=200, assume_scheme="https")
    description = forms.CharField(
        label=_("About the organisation"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    sdg_goals = forms.ModelMultipleChoiceField(
        label=_("Focus SDGs"), queryset=SdgGoal.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thematic sectors"), queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    logo = _image_field(_("Logo (JPEG, PNG, WebP or GIF, up to 5 MB)"))
    contact_name = _required_text(_("Contact person"))

    field_map = {"scalar": (
        "name_th", "name_en", "organisation_type", "registration_number", "province", "address", "website",
        "description", "contact_name", "contact_phone", "contact_email", "publish_contact",
    ), "many": ("sdg_goals", "themes"), "image": "logo"}  # fmt: skip
    field_order = [
        "name_th", "name_en", "organisation_type", "registration_number", "province", "address", "website",
        "description", "sdg_goals", "themes", "logo", "contact_name", "contact_phone", "contact_email",
        "publish_contact",
    ]  # fmt: skip

    def clean_logo(self):
        return self.clean_image("logo")


class AssessorProfileForm(CleanTextMixin, ImageFieldMixin, ContactFieldsForm):
    multiline_fields = ("qualifications", "biography")
    name = _required_text(_("Name (person or firm)"))
    qualifications = forms.CharField(
        label=_("Qualifications and certifications"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    expertise_sectors = forms.ModelMultipleChoiceField(
        label=_("Expertise sectors"), queryset=Sector.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    provinces_served = forms.ModelMultipleChoiceField(
        label=_("Provinces served"),
        queryset=Province.objects.all(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or ⌘) to choose several."),
    )
    biography = forms.CharField(label=_("Biography"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    photo = _image_field(_("Photo (JPEG, PNG, WebP or GIF, up to 5 MB)"))

    field_map = {"scalar": (
        "name", "qualifications", "biography", "contact_phone", "contact_email", "publish_contact",
    ), "many": ("expertise_sectors", "provinces_served"), "image": "photo"}  # fmt: skip
    field_order = [
        "name", "qualifications", "expertise_sectors", "provinces_served", "biography", "photo",
        "contact_phone", "contact_email", "publish_contact",
    ]  # fmt: skip

    def clean_photo(self):
        return self.clean_image("photo")


class CreatorRegistrationForm(AccountFieldsMixin, CreatorProfileForm):
    kind = "creator"


class AssessorRegistrationForm(AccountFieldsMixin, AssessorProfileForm):
    kind = "assessor"


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254)

    def clean_email(self):
        return clean_email(self.cleaned_data["email"])


def split_profile_data(form) -> tuple[dict, dict, object]:
    """The form's cleaned data as (scalar fields, many-to-many fields, processed image or None)."""
    data = form.cleaned_data
    scalars = {name: data[name] for name in form.field_map["scalar"]}
    many = {name: list(data[name]) for name in form.field_map["many"]}
    return scalars, many, data.get(form.field_map["image"])
