from reports.models.report import (
    DiscountConvention,
    ImpactReport,
    InputKind,
    ReportInput,
    ReportOutcome,
    ReportStakeholder,
)

__all__ = ["DiscountConvention", "ImpactReport", "InputKind", "ReportInput", "ReportOutcome", "ReportStakeholder"]
