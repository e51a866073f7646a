from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UpdatesConfig(AppConfig):
    name = "updates"
    verbose_name = _("Front-line updates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import counts

        counts.connect()
