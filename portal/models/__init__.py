from portal.models.directory import AssessorIndexPage, CreatorIndexPage, ReportIndexPage
from portal.models.pages import ContactSettings, ContentPage, HomePage, InitialContentRecord

__all__ = [
    "AssessorIndexPage",
    "ContactSettings",
    "ContentPage",
    "CreatorIndexPage",
    "HomePage",
    "InitialContentRecord",
    "ReportIndexPage",
]
