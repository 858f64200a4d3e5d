from portal.models.pages import ContactSettings, ContentPage, HomePage, InitialContentRecord
from portal.models.taxonomy import Province, SdgGoal, Sector

__all__ = ["ContactSettings", "ContentPage", "HomePage", "InitialContentRecord", "Province", "SdgGoal", "Sector"]
