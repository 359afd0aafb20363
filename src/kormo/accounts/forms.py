"""The reset form sends its link through the task queue, like every e-mail of Kormo."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from kormo.ops.mail import mail_queue


class ResetForm(PasswordResetForm):
    def send_mail(self, subject_template_name: str, email_template_name: str,
                  context: dict[str, Any], from_email: str | None, to_email: str,
                  html_email_template_name: str | None = None) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        mail_queue([(to_email, None)], subject=subject, body=body)
