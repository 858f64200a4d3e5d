from portal.models.cache import PublicCacheGeneration
from portal.models.directory import (
    AssessorIndexPage,
    CreatorIndexPage,
    DirectoryIndexPage,
    ReportIndexPage,
)
from portal.models.funding import Funder, FunderKind
from portal.models.funding_pages import FunderIndexPage
from portal.models.impact_data import ImpactDataIndexPage
from portal.models.pages import ContactSettings, ContentPage, HomePage, InitialContentRecord

__all__ = [
    "AssessorIndexPage",
    "ContactSettings",
    "ContentPage",
    "CreatorIndexPage",
    "DirectoryIndexPage",
    "Funder",
    "FunderIndexPage",
    "FunderKind",
    "HomePage",
    "ImpactDataIndexPage",
    "InitialContentRecord",
    "PublicCacheGeneration",
    "ReportIndexPage",
]
