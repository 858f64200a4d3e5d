from django.urls import path

from assurance import views

app_name = "assurance"
urlpatterns = [
    path("accounts/assurance/", views.dashboard, name="dashboard"),
    path("accounts/assurance/<int:pk>/", views.engagement, name="engagement"),
    path("accounts/reports/<int:pk>/assurance/invite/", views.invite, name="invite"),
]
