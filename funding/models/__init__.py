from funding.models.funders import Funder, FunderKind
from funding.models.pages import FunderIndexPage

__all__ = ["Funder", "FunderIndexPage", "FunderKind"]
