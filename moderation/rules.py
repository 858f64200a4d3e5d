"""What a moderated model declares (pure: no Django models), so moderating a new kind of content is a declaration.

A model is moderated when it has ``moderation_rules`` and the two methods the service calls:
``moderation_recipient()`` (the account emailed about it) and ``moderation_email_context()`` (the emails' context).
``moderation/service.py`` does the rest: the workflow, the promised due date, the received and decision emails.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModerationRules:
    # "profile" or "report": email templates are <kind>_received / _approved / _rejected, keys <kind>-received:…
    kind: str
    decision_business_days: int
    # Row fields set back at each submission besides the dates (a report's earlier withdrawal and reason).
    reset_on_submit: tuple[tuple[str, object], ...] = ()

    @property
    def received_template(self) -> str:
        return f"{self.kind}_received"

    def decision_template(self, *, approved: bool) -> str:
        return f"{self.kind}_approved" if approved else f"{self.kind}_rejected"


def is_moderated(model) -> bool:
    return isinstance(getattr(model, "moderation_rules", None), ModerationRules)
