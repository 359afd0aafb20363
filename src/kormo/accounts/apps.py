from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kormo.accounts"
    label = "kormo_accounts"
    verbose_name = "Accounts"
