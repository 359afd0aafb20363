"""WSGI entry point (gunicorn, and runserver): refuses the demo secret key with debug off."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kormo.project.settings")
application = get_wsgi_application()

from kormo.ops.startup import refuse_demo_key  # noqa: E402  (needs the settings loaded)

refuse_demo_key()
