from portal.models.directory import AssessorIndexPage, CreatorIndexPage, DirectoryIndexPage, ReportIndexPage
from portal.models.pages import ContactSettings, ContentPage, HomePage, InitialContentRecord
from portal.models.taxonomy import Province, SdgGoal, Sector

__all__ = [
    "AssessorIndexPage",
    "ContactSettings",
    "ContentPage",
    "CreatorIndexPage",
    "DirectoryIndexPage",
    "HomePage",
    "InitialContentRecord",
    "Province",
    "ReportIndexPage",
    "SdgGoal",
    "Sector",
]
