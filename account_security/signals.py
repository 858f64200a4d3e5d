"""Receivers of account security (imported once by core's app config)."""

from django.contrib.auth.signals import user_logged_in

from account_security.session import note_login

user_logged_in.connect(note_login, dispatch_uid="account_security.note_login")
