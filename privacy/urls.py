"""A registrant's PDPA requests, in the ``creators`` URL namespace (joined in config/urls.py)."""

from django.urls import path

from privacy import views

urlpatterns = [
    path("accounts/delete/", views.delete_account, name="delete_account"),
    path("accounts/my-data/", views.download_my_data, name="download_my_data"),
]
