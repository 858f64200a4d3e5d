"""/funders/<slug>/: a published funder's own page (the directory itself is the Wagtail page /funders/)."""

from django.urls import path

from funding import views

app_name = "funders"

urlpatterns = [path("funders/<slug:slug>/", views.funder_detail, name="detail")]
