"""Public pages of approved organisations, in the ``creators`` URL namespace (joined in config/urls.py)."""

from django.urls import path

from portal import consultation_views as consultation
from portal import profile_views as public

urlpatterns = [
    path("creators/<slug:slug>/", public.creator_detail, name="creator_detail"),
    path("assessors/<slug:slug>/", public.assessor_detail, name="assessor_detail"),
    path(
        "creators/<slug:slug>/consult/",
        consultation.consultation_request,
        {"kind": "creator"},
        name="creator_consult",
    ),
    path(
        "assessors/<slug:slug>/consult/",
        consultation.consultation_request,
        {"kind": "assessor"},
        name="assessor_consult",
    ),
]
