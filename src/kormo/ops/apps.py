from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "kormo.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        from kormo.ops import checks  # noqa: F401  (registers the deployment checks)
