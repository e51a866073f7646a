import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontline.settings")

application = get_wsgi_application()
# What loading made (Django, the apps, the gazetteer's modules) lives as long as the
# process: frozen, it is left out of the collector's full passes, each of which otherwise
# walked it all and held one request up by tens of milliseconds.
gc.freeze()
