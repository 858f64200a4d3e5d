import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

LOCAL_ADMIN_EMAIL = "admin@impact-partnership.local"


class Command(BaseCommand):
    help = "Create a local superuser once and print its generated password; later runs change nothing."

    def add_arguments(self, parser):
        parser.add_argument("--email", default=LOCAL_ADMIN_EMAIL)

    def handle(self, *args, email: str, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("An admin account already exists (its password was printed when it was created;")
            self.stdout.write("reset it with: .venv/bin/python manage.py changepassword <email>).")
            return
        password = secrets.token_urlsafe(16)
        User.objects.create_superuser(email=email, password=password)
        self.stdout.write(self.style.SUCCESS("Local admin account created — shown once, keep it:"))
        self.stdout.write(f"  email:    {email}")
        self.stdout.write(f"  password: {password}")
        self.stdout.write(
            "At the first sign-in (/admin/) you set up two-step sign-in: scan the QR code with an authenticator app"
            " and keep the ten recovery codes it shows once."
        )
