from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ControlConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "control"
    verbose_name = _("Control of places")

    def ready(self):
        # updates never imports control: control fills in the hooks updates asks.
        from . import hooks, signals  # noqa: F401  (signals: registered on import)

        hooks.register()
