"""/funders/<slug>/: a published funder's own page (the directory itself is the Wagtail page /funders/)."""

from django.urls import path

from portal import funding_views

app_name = "funders"

urlpatterns = [path("funders/<slug:slug>/", funding_views.funder_detail, name="detail")]
