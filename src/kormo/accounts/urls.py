"""Password change (logged in) and reset by an e-mailed link (logged out)."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from kormo.accounts.forms import ResetForm

T = "accounts/"

urlpatterns = [
    path("password/change/", auth_views.PasswordChangeView.as_view(
        template_name=T + "password_change.html",
        success_url=reverse_lazy("password_change_done")), name="password_change"),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(
        template_name=T + "password_done.html"), name="password_change_done"),
    path("password/reset/", auth_views.PasswordResetView.as_view(
        template_name=T + "password_reset.html", form_class=ResetForm,
        email_template_name=T + "reset_email.txt", subject_template_name=T + "reset_subject.txt",
        success_url=reverse_lazy("password_reset_done")), name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name=T + "password_reset_sent.html"), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name=T + "password_set.html",
        success_url=reverse_lazy("password_reset_complete")), name="password_reset_confirm"),
    path("password/reset/done/", auth_views.PasswordResetCompleteView.as_view(
        template_name=T + "password_done.html"), name="password_reset_complete"),
]
