"""E-mail of notices through the database task queue and a real SMTP server (aiosmtpd).

A server that accepts connections and never answers stands for a hung mail relay: queuing a
notice does not touch it, the worker's attempt times out and is scheduled again, and once a
real server answers, the next run of the worker sends the message."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from kormo.audit.models import NoticeKind
from kormo.audit.services import notice_send
from kormo.ops.models import MailDelivery, MailStatus


class HungServer:
    """Accepts TCP connections and never says a word."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.accepted: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def close(self) -> None:
        for c in self.accepted:
            c.close()
        self.sock.close()


class Inbox(Sink):
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def hung() -> Iterator[HungServer]:
    server = HungServer()
    yield server
    server.close()


@pytest.fixture
def smtp_queue(settings: pytest.FixtureRequest, hung: HungServer) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", hung.port
    settings.EMAIL_TIMEOUT = 1
    settings.KORMO_MAIL_RETRY_SECONDS = 3  # longer than one batch of timed-out attempts


def _work() -> None:
    call_command("db_worker", batch=True, startup_delay=False, interval=0.1, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_hung_mail_server_never_blocks_and_the_worker_retries_until_sent(
        smtp_queue: None, hung: HungServer, settings: pytest.FixtureRequest) -> None:
    users = [get_user_model().objects.create_user(f"head{i}", email=f"head{i}@example.gov.bd")
             for i in range(2)]
    with transaction.atomic():  # as a service does: the notice and its e-mails commit together
        notices = notice_send(recipients=users, kind=NoticeKind.REPORT_ACCEPTED,
                              text_bn="প্রতিবেদন গৃহীত", text_en="report accepted", url="/x/")
    # Nothing touched the mail server: the action only queued one e-mail per person.
    time.sleep(0.2)
    assert hung.accepted == []
    rows = list(MailDelivery.objects.order_by("to"))
    assert [(r.to, r.notice_id, r.status) for r in rows] == [
        ("head0@example.gov.bd", notices[0].pk, MailStatus.QUEUED),
        ("head1@example.gov.bd", notices[1].pk, MailStatus.QUEUED)]

    _work()  # the relay hangs: each attempt times out, is recorded and scheduled again
    assert len(hung.accepted) == 2
    for row in MailDelivery.objects.all():
        assert (row.status, row.attempts) == (MailStatus.QUEUED, 1)
        assert "timed out" in row.last_error.lower() and row.next_attempt_at is not None

    inbox = Inbox()
    with socket.socket() as probe:  # a free port for the real server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_PORT = port
        deadline = time.monotonic() + 30
        while (MailDelivery.objects.filter(status=MailStatus.QUEUED).exists()
               and time.monotonic() < deadline):
            time.sleep(0.5)  # the retries are due 3 s after each failure
            _work()
    finally:
        controller.stop()
    sent = {r.to: r for r in MailDelivery.objects.all()}
    assert all(r.status == MailStatus.SENT and r.attempts == 2 and r.sent_at for r in
               sent.values())
    # One message per person, each to one address only.
    assert sorted(to for to, _ in inbox.messages) == [["head0@example.gov.bd"],
                                                      ["head1@example.gov.bd"]]
    assert all("report accepted" in body.decode() for _, body in inbox.messages)


@pytest.mark.django_db(transaction=True)
def test_an_e_mail_is_given_up_after_the_last_attempt_and_shown_as_failed(
        smtp_queue: None, settings: pytest.FixtureRequest) -> None:
    settings.KORMO_MAIL_ATTEMPTS = 2
    user = get_user_model().objects.create_user("head", email="head@example.gov.bd")
    with transaction.atomic():
        notice_send(recipients=[user], kind=NoticeKind.REPORT_ACCEPTED, text_bn="ক",
                    text_en="a")
    _work()
    time.sleep(3.2)
    _work()
    row = MailDelivery.objects.get()
    assert (row.status, row.attempts) == (MailStatus.FAILED, 2)
    # The administrators' list shows it with its error.
    admin = get_user_model().objects.create_superuser("demo", password="x")
    from django.test import Client

    client = Client()
    client.force_login(admin)
    page = client.get("/admin/ops/maildelivery/?status=failed").content.decode()
    assert "head@example.gov.bd" in page and "timed out" in page.lower()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_queues_no_e_mail(smtp_queue: None) -> None:
    user = get_user_model().objects.create_user("head", email="head@example.gov.bd")
    with pytest.raises(RuntimeError), transaction.atomic():
        notice_send(recipients=[user], kind=NoticeKind.REPORT_ACCEPTED, text_bn="ক",
                    text_en="a")
        raise RuntimeError("the change failed")
    from django_tasks_db.models import DBTaskResult

    assert not MailDelivery.objects.exists() and not DBTaskResult.objects.exists()
