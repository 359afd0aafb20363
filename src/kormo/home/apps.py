"""Django app configuration of the home page (templates only; no models)."""

from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "kormo.home"
    label = "home"
    verbose_name = "Home page"
