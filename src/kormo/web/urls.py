"""URLs of the web layer: start page, login/logout, language switch, fonts."""

from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.i18n import set_language

from kormo.web import fonts, views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("fonts/<str:name>", fonts.font, name="font"),
]
