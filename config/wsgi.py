import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

# Every web process (gunicorn worker, or the master with --preload; runserver) loads the Thai search dictionary
# before its first request, instead of the first concurrent Thai searches waiting ~1 s for it.
from search.thai import preload_dictionary  # noqa: E402

preload_dictionary()
