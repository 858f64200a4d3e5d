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
from portal.models.taxonomy import (
    IndicatorSource,
    Province,
    SdgGoal,
    SdgIndicator,
    SdgTarget,
    Sector,
    ThaiTextSource,
    Theme,
)

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
    "IndicatorSource",
    "InitialContentRecord",
    "Province",
    "PublicCacheGeneration",
    "ReportIndexPage",
    "SdgGoal",
    "SdgIndicator",
    "SdgTarget",
    "Sector",
    "ThaiTextSource",
    "Theme",
]
