from importlib import import_module
from pathlib import Path

from django.apps import AppConfig, apps
from django.utils.module_loading import module_has_submodule

PROJECT_ROOT = Path(__file__).resolve().parent.parent
START_UP_MODULES = ("checks", "signals")


class CoreConfig(AppConfig):
    """The ground floor has no models; as an app it wires the project apps' start-up modules in one place."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        # Like Django's admin.py and Wagtail's wagtail_hooks.py: each project app's checks.py registers its system
        # checks and its signals.py connects its receivers once every model is loaded, so no app imports them in
        # ready(). Third-party apps wire themselves.
        for app_config in apps.get_app_configs():
            if Path(app_config.path).parent != PROJECT_ROOT:  # a project app, not one installed in .venv
                continue
            for name in START_UP_MODULES:
                if module_has_submodule(app_config.module, name):
                    import_module(f"{app_config.name}.{name}")
