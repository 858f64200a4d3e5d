"""Pages in the ``creators`` URL namespace that gather more than creators (joined in config/urls.py): the
registrant's dashboard and the public pages of approved organisations, which show their reports."""

from django.urls import path

from portal import consultation_views as consultation
from portal import dashboard_views
from portal import profile_views as public

urlpatterns = [
    path("accounts/", dashboard_views.dashboard, name="dashboard"),
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
