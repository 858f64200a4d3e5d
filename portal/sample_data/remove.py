"""Erase everything ``sample_data_load`` created, for real, and nothing else.

Sample accounts go through ``account_erase`` (the PDPA erasure: profile, reports, revisions, workflow history,
audit log, outbox emails and their task rows, images and renditions, search entries), sample funders lose their
revisions, audit entries and search entries, then the sample moderator is erased the same way. The upload
collection goes only if the loader created it and nothing is left in it. Then, as the daily purge does, the
development copies of the sample emails (``var/emails/``) go and SQLite's free space is reclaimed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from creators.models import User
from funding.models import Funder
from outbox.mail_copies import erase_mail_copies
from portal.models import InitialContentRecord
from portal.sample_data.load import COLLECTION_RECORD, MODERATOR_RECORD, SAMPLE_EMAIL_DOMAIN
from privacy.deletion_traces import erase_object_history, public_caches_changed
from privacy.erasure import account_erase
from privacy.storage import reclaim_erased_space


@dataclass
class SampleRemoval:
    accounts: int = 0
    funders: int = 0


def sample_users():
    return User.objects.filter(Q(creator_profile__is_sample=True) | Q(assessor_profile__is_sample=True))


def sample_data_remove() -> SampleRemoval:
    result = _remove_rows()
    if result.accounts or result.funders:
        # After the commit, as the purge does: no sample word left in the SQLite file or in var/emails/ copies.
        erase_mail_copies(needles=[f"@{SAMPLE_EMAIL_DOMAIN}"])
        reclaim_erased_space()
    return result


@transaction.atomic
def _remove_rows() -> SampleRemoval:
    result = SampleRemoval()
    # Creators first: their reports name sample assessors (prepared_by), which then go with nothing pointing at them.
    for user in sample_users().order_by("-creator_profile__pk", "pk"):
        account_erase(user=user)
        result.accounts += 1
    for funder in Funder.objects.filter(is_sample=True):
        erase_object_history(funder)
        funder.delete()
        result.funders += 1
    moderator = InitialContentRecord.objects.filter(key=MODERATOR_RECORD).first()
    if moderator is not None:
        user = User.objects.filter(pk=moderator.object_id).first()
        if user is not None:
            account_erase(user=user)
        moderator.delete()
    collection_record = InitialContentRecord.objects.filter(key=COLLECTION_RECORD).first()
    if collection_record is not None:
        collection = Collection.objects.filter(pk=collection_record.object_id).first()
        in_use = collection is not None and (
            get_image_model().objects.filter(collection=collection).exists()
            or get_document_model().objects.filter(collection=collection).exists()
        )
        if collection is not None and not in_use and collection.is_leaf():
            collection.delete()
        collection_record.delete()
    if result.accounts or result.funders:
        public_caches_changed()
    return result
