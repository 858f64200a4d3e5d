from creators.models.profiles import ImpactAssessorProfile, ImpactCreatorProfile, ProfileBase
from creators.models.records import ConsentRecord, ConsultationRequest, ImageUploadAttempt, PasswordResetRequest
from creators.models.sessions import UserSession
from creators.models.throttle import RateLimitBucket
from creators.models.user import User, UserManager

__all__ = [
    "ConsentRecord",
    "ConsultationRequest",
    "ImageUploadAttempt",
    "ImpactAssessorProfile",
    "ImpactCreatorProfile",
    "PasswordResetRequest",
    "ProfileBase",
    "RateLimitBucket",
    "User",
    "UserManager",
    "UserSession",
]
