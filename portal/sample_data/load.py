"""Load the fictional sample portal (``site/content/sample_data.json``) through the project's real services.

Each sample organisation or assessor registers (``registration_create``), confirms its address
(``registration_verify``, which submits it into moderation) and is approved by the sample moderator through the
workflow task, exactly as the admin's "approve" does: revisions, workflow history, the outbox emails, the search
index, the image moved from the private to the public media folder and the public caches all follow. Reports go
through the wizard's draft service step by step, ``report_submit`` (results frozen) and the same approval.

Wagtail's own workflow emails are off for profiles and reports, and the moderators are not told of the sample
requests (``moderator_requests_unannounced``): the sample moderator approves each at once.

Idempotent: an account whose address exists, a report whose owner already has one with the same title and a
funder whose slug exists are skipped, and each account with its reports is loaded in one transaction, so an
interrupted run leaves nothing half made.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.test.utils import override_settings
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.users.models import UserProfile

from creators.images import validate_and_reencode_image
from creators.models import User
from creators.private_media import UPLOAD_COLLECTION, image_file_names
from creators.services.registration import AccountData, registration_create
from creators.services.verification import registration_verify, verification_token
from funding.models import Funder
from media_store.areas import PRIVATE, PUBLIC, erase
from moderation.staff_notifications import moderator_requests_unannounced
from portal.initial_content import CONTENT_DIR
from portal.models import InitialContentRecord
from portal.sample_data.logos import initials_image, initials_of
from reports.models import ImpactReport, ReportInput, ReportOutcome, ReportStakeholder
from reports.selectors import working_copy
from reports.services.drafts import report_create, report_save_draft
from reports.services.submission import WIZARD_STEPS, report_submit
from taxonomy.models import Province, SdgGoal, SdgIndicator, Sector, Theme

SAMPLE_FILE = CONTENT_DIR / "sample_data.json"
SAMPLE_EMAIL_DOMAIN = "sample.invalid"  # reserved: mail to it can never reach anyone
MODERATOR_EMAIL = f"sample-moderator@{SAMPLE_EMAIL_DOMAIN}"
MODERATOR_RECORD = "sample-data:moderator"
COLLECTION_RECORD = "sample-data:collection"
SOURCE = "sample-data"  # the "network" the registrations come from; its limits are off while loading


class SampleDataRefused(Exception):
    """Sample data is not allowed with these settings (production): nothing was created."""


@dataclass
class SampleLoad:
    accounts: int = 0
    reports: int = 0
    funders: int = 0

    @property
    def created(self) -> int:
        return self.accounts + self.reports + self.funders


def refusal_message() -> str:
    return _(
        "Sample data is never loaded with these settings (SAMPLE_DATA_ALLOWED is off, as in production). "
        "Use the development settings: make demo."
    )


def _discard_image_files(user: User) -> None:
    erase(image_file_names(get_image_model().objects.filter(uploaded_by_user=user)), areas=(PRIVATE, PUBLIC))


def read_sample(path: Path = SAMPLE_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


class SampleLoader:
    def __init__(self, data: dict):
        self.data = data
        self.result = SampleLoad()
        self.sectors = {s.slug: s for s in Sector.objects.all()}
        self.provinces = {p.slug: p for p in Province.objects.all()}
        self.themes = {t.slug: t for t in Theme.objects.all()}
        self.goals = {g.number: g for g in SdgGoal.objects.all()}
        self.indicators = {i.code: i for i in SdgIndicator.objects.all()}

    def run(self) -> SampleLoad:
        # Dozens of registrations from one machine, and requests approved at once: no limit, nobody to tell.
        with (
            moderator_requests_unannounced(),
            override_settings(REGISTRATIONS_PER_IP_PER_HOUR=0, REGISTRATIONS_PER_IP_PER_DAY=0),
        ):
            self.moderator = self._moderator()
            self._remember_upload_collection()
            self.assessors = {spec["key"]: self._account("assessor", spec) for spec in self.data["assessors"]}
            reports_by_creator: dict[str, list] = {}
            for entry in self.data["reports"]:
                reports_by_creator.setdefault(entry[0], []).append(entry)
            for spec in self.data["creators"]:
                self._account("creator", spec, reports=reports_by_creator.get(spec["key"], []))
            for spec in self.data["funders"]:
                self._funder(spec)
        return self.result

    # --- the sample moderator and the upload collection -------------------------------------------------

    @transaction.atomic
    def _moderator(self) -> User:
        record = InitialContentRecord.objects.filter(key=MODERATOR_RECORD).first()
        user = User.objects.filter(pk=record.object_id).first() if record else None
        if user is not None:
            return user
        user = User.objects.create_user(email=MODERATOR_EMAIL, password=None, is_staff=True)  # nobody logs in
        user.groups.add(Group.objects.get(name="Moderators"))
        profile = UserProfile.get_for_user(user)
        profile.submitted_notifications = profile.approved_notifications = profile.rejected_notifications = False
        profile.save()
        InitialContentRecord.objects.update_or_create(key=MODERATOR_RECORD, defaults={"object_id": user.pk})
        return user

    def _remember_upload_collection(self) -> None:
        """The first registrant's upload creates the collection; removal deletes it only if we made it."""
        if Collection.objects.filter(name=UPLOAD_COLLECTION).exists():
            return
        collection = Collection.get_first_root_node().add_child(name=UPLOAD_COLLECTION)
        InitialContentRecord.objects.get_or_create(key=COLLECTION_RECORD, defaults={"object_id": collection.pk})

    # --- accounts ------------------------------------------------------------------------------------------

    def _account(self, kind: str, spec: dict, reports: list | None = None):
        email = f"sample-{spec['key']}@{SAMPLE_EMAIL_DOMAIN}"
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None:
            profile = existing.profile
            if kind == "creator" and profile is not None and profile.live:
                with transaction.atomic():
                    for entry in reports or []:
                        self._report(existing, entry)
            return profile
        with transaction.atomic():
            created = registration_create(data=self._account_data(kind, spec, email), source=SOURCE)
            user = created.user
            try:
                registration_verify(token=verification_token(user=user))  # confirms and submits for moderation
                self._approve(user.profile)
                user = User.objects.get(pk=user.pk)  # its profile as approved (live)
                for entry in reports or []:
                    self._report(user, entry)
            except BaseException:
                _discard_image_files(user)  # the rows roll back with the transaction, files don't
                raise
            self.result.accounts += 1
        return user.profile

    def _account_data(self, kind: str, spec: dict, email: str) -> AccountData:
        if kind == "creator":
            fields = {
                "name_th": spec["name_th"],
                "name_en": spec["name_en"],
                "organisation_type": self.sectors[spec["sector"]],
                "registration_number": "",
                "province": self.provinces[spec["province"]],
                "address": "",
                "website": "",
                "description": spec["description"],
                "contact_name": spec["name_th"],
                "contact_phone": "",
                "contact_email": "",
                "publish_contact": False,
            }
            many = {
                "sdg_goals": [self.goals[n] for n in spec["sdgs"]],
                "themes": [self.themes[t] for t in spec["themes"]],
            }
            initials = initials_of(spec["name_en"])
        else:
            fields = {
                "name": spec["name"],
                "qualifications": spec["qualifications"],
                "biography": spec["biography"],
                "contact_phone": "",
                "contact_email": "",
                "publish_contact": False,
            }
            many = {
                "expertise_sectors": [self.sectors[s] for s in spec["sectors"]],
                "provinces_served": [self.provinces[p] for p in spec["provinces"]],
            }
            initials = spec["initials"]
        image = validate_and_reencode_image(
            initials_image(initials=initials, colour=spec["colour"], name=f"{spec['key']}.png")
        )
        return AccountData(
            kind=kind,
            email=email,
            password=None,  # sample accounts cannot log in
            language="th",
            profile_fields={**fields, "is_sample": True},
            many_to_many=many,
            image=image,
            privacy_version=settings.PRIVACY_NOTICE_VERSION,
        )

    def _approve(self, obj) -> None:
        """What the admin's workflow "approve" action does, through the same (race-safe) task code path."""
        obj.refresh_from_db()
        task_state = obj.current_workflow_state.current_task_state
        task_state.task.specific.on_action(task_state, self.moderator, "approve")

    # --- reports -------------------------------------------------------------------------------------------

    def _report(self, owner: User, entry: list) -> None:
        _creator, archetype_key, province_slug, quantity_scale, input_scale, assessor_key = entry
        archetype = self.data["archetypes"][archetype_key]
        province = self.provinces[province_slug]
        title_th = archetype["title_th"].format(place=f"จังหวัด{province.name_th}")
        if ImpactReport.objects.filter(owner=owner, title_th=title_th).exists():
            return
        report = report_create(user=owner)
        draft = working_copy(report)
        draft.is_sample = True
        draft.title_th = title_th
        draft.title_en = archetype["title_en"].format(place_en=f"{province.name_en} Province")
        draft.summary = archetype["summary"]
        draft.sector = self.sectors[archetype["sector"]]
        draft.sdg_targets = archetype["targets"]
        draft.period_start, draft.period_end = date(2024, 1, 1), date(2024, 12, 31)
        draft.location = f"จังหวัด{province.name_th}"
        assessor = self.assessors.get(assessor_key) if assessor_key else None
        draft.prepared_by = assessor if assessor is not None and assessor.live else None
        draft.provinces = [province]
        draft.sdg_goals = [self.goals[n] for n in archetype["sdgs"]]
        draft.themes = [self.themes[t] for t in archetype["themes"]]
        draft = report_save_draft(report=draft, user=owner, step=1)
        # Steps 2 to 5 (the calculation) in one saved draft: a revision per step would only cost time.
        scales = Decimal(str(quantity_scale)), Decimal(str(input_scale))
        for fill in (self._stakeholders_and_inputs, self._outcomes, self._valuation, self._adjustments):
            fill(draft, archetype, *scales)
        draft = report_save_draft(report=draft, user=owner, step=WIZARD_STEPS)
        report_submit(report=ImpactReport.objects.get(pk=report.pk), user=owner)
        self._approve(ImpactReport.objects.get(pk=report.pk))
        self.result.reports += 1

    @staticmethod
    def _stakeholders_and_inputs(draft, archetype: dict, _quantity_scale: Decimal, input_scale: Decimal) -> None:
        draft.stakeholders = [
            ReportStakeholder(name=name, description=description, sort_order=position)
            for position, (name, description) in enumerate(archetype["stakeholders"])
        ]
        draft.inputs = [
            ReportInput(
                description=description,
                stakeholder=stakeholder,
                amount=(Decimal(amount) * input_scale).quantize(Decimal("1")),
                kind=kind,
                sort_order=position,
            )
            for position, (description, stakeholder, amount, kind) in enumerate(archetype["inputs"])
        ]

    def _outcomes(self, draft, archetype: dict, quantity_scale: Decimal, _input_scale: Decimal) -> None:
        draft.outcomes = [
            ReportOutcome(
                stakeholder=row[0],
                outcome=row[1],
                indicator=row[2],
                sdg_indicator=self.indicators[row[3]],
                indicator_source=f"ตัวชี้วัด SDG ระดับโลก {row[3]}",
                quantity=(Decimal(row[4]) * quantity_scale).quantize(Decimal("1")),
                unit=row[5],
                sort_order=position,
            )
            for position, row in enumerate(archetype["outcomes"])
        ]

    @staticmethod
    def _valuation(draft, archetype: dict, _quantity_scale: Decimal, _input_scale: Decimal) -> None:
        outcomes = list(draft.outcomes.all())
        for outcome, row in zip(outcomes, archetype["outcomes"], strict=True):
            outcome.financial_proxy = Decimal(row[6])
            outcome.proxy_description, outcome.proxy_source = row[7], row[8]
        draft.outcomes = outcomes

    @staticmethod
    def _adjustments(draft, archetype: dict, _quantity_scale: Decimal, _input_scale: Decimal) -> None:
        outcomes = list(draft.outcomes.all())
        for outcome, row in zip(outcomes, archetype["outcomes"], strict=True):
            outcome.deadweight, outcome.attribution, outcome.displacement, outcome.drop_off = (
                Decimal(str(value)) for value in row[9:13]
            )
            outcome.duration_years = row[13]
        draft.outcomes = outcomes

    # --- funders -------------------------------------------------------------------------------------------

    @transaction.atomic
    def _funder(self, spec: dict) -> None:
        if Funder.objects.filter(slug=spec["slug"]).exists():
            return
        funder = Funder(
            slug=spec["slug"],
            kind=spec["kind"],
            name_th=spec["name_th"],
            name_en=spec["name_en"],
            description_th=spec["description_th"],
            description_en=spec["description_en"],
            ticket_min=Decimal(spec["ticket_min"]),
            ticket_max=Decimal(spec["ticket_max"]),
            is_sample=True,
            live=False,
        )
        funder.focus_themes = [self.themes[t] for t in spec["focus_themes"]]
        funder.focus_sdgs = [self.goals[n] for n in spec["focus_sdgs"]]
        funder.focus_sectors = [self.sectors[s] for s in spec["focus_sectors"]]
        funder.full_clean()
        funder.save()
        # As load_initial_content publishes the shipped funders: a revision, then publish it.
        funder.save_revision(log_action=True).publish()
        self.result.funders += 1


def sample_data_load(*, data: dict | None = None) -> SampleLoad:
    """Create what is missing of the sample portal; refused (SampleDataRefused) unless SAMPLE_DATA_ALLOWED."""
    if not getattr(settings, "SAMPLE_DATA_ALLOWED", False):
        raise SampleDataRefused(refusal_message())
    return SampleLoader(data if data is not None else read_sample()).run()
