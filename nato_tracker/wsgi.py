import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nato_tracker.settings")
# The web server cancels a statement that would outlast gunicorn's worker timeout;
# management commands (migrate, restore, a long import) have no limit unless it is set.
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "20")
application = get_wsgi_application()
