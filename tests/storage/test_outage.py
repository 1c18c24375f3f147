"""PostgreSQL going away mid-conversation: a clear error, no partial write, and recovery."""

from urllib.parse import urlsplit, urlunsplit

import pytest
from sqlalchemy import event, func, select

from board.errors import Unavailable
from board.model import Actor
from storage.models import ActionEvent
from storage.wiring import open_app
from tests.builders import add_action, add_people
from tests.storage.proxy import CuttableProxy


@pytest.fixture
def outage(postgres_url, app):
    if postgres_url is None:
        pytest.skip("an outage of a server database; run with CLERK_TEST_DATABASE=postgresql://...")
    parts = urlsplit(postgres_url)
    proxy = CuttableProxy(parts.port or 5432)
    netloc = (
        f"{parts.username}@127.0.0.1:{proxy.port}" if parts.username else f"127.0.0.1:{proxy.port}"
    )
    through_proxy = open_app(urlunsplit(parts._replace(netloc=netloc)), admins=[])
    add_people(app, "Jade Hodgson")
    add_action(app, "share the app with schools", ["Jade Hodgson"])
    yield proxy, through_proxy
    proxy.close()
    through_proxy.db.dispose()


def closed_events(app) -> int:
    with app.uow() as repo:
        return repo.session.scalar(
            select(func.count(ActionEvent.id)).where(ActionEvent.kind == "closed")
        )


def test_database_down_gives_a_clear_message_and_recovers(outage, app):
    proxy, clerk_app = outage
    jade = Actor.of(clerk_app.clerk.resolve_person("Jade Hodgson"), "chat")
    proxy.cut()
    with pytest.raises(Unavailable) as error:
        clerk_app.clerk.close_action(1, jade)
    assert str(error.value) == "I can't reach the board's records right now, nothing was changed."
    with pytest.raises(Unavailable):
        clerk_app.clerk.actions(owner="Jade Hodgson")
    proxy.restore()
    assert [a.number for a in clerk_app.clerk.actions(owner="Jade Hodgson")] == [1]
    clerk_app.clerk.close_action(1, jade)
    assert closed_events(app) == 1


def test_connection_lost_mid_write_leaves_nothing_behind(outage, app):
    proxy, clerk_app = outage
    jade = Actor.of(clerk_app.clerk.resolve_person("Jade Hodgson"), "chat")

    def cut_before_the_event(conn, cursor, statement, *args):
        if statement.startswith("INSERT INTO action_events"):
            proxy.cut()

    event.listen(clerk_app.db.engine, "before_cursor_execute", cut_before_the_event)
    with pytest.raises(Unavailable):
        clerk_app.clerk.close_action(1, jade, "sent")
    event.remove(clerk_app.db.engine, "before_cursor_execute", cut_before_the_event)
    proxy.restore()
    # The status update that had already run was rolled back with the transaction.
    assert app.clerk.action(1).status == "open"
    assert closed_events(app) == 0
    clerk_app.clerk.close_action(1, jade, "sent")
    assert closed_events(app) == 1


@pytest.mark.parametrize("idle_ping", [True, False])
def test_connections_dropped_while_idle_are_replaced_unnoticed(outage, app, monkeypatch,
                                                                idle_ping):
    """The server (or a firewall) drops pooled connections while Clerk is quiet: the next
    message still works, because a connection idle for a while is checked before use."""
    proxy, clerk_app = outage
    assert [a.number for a in clerk_app.clerk.actions(owner="Jade Hodgson")] == [1]
    proxy.cut()  # every pooled connection through the proxy is now dead
    proxy.restore()
    monkeypatch.setattr("storage.db.PING_AFTER_IDLE", 0.0 if idle_ping else 3600.0)
    if idle_ping:
        assert [a.number for a in clerk_app.clerk.actions(owner="Jade Hodgson")] == [1]
    else:  # without the check, the first message after the drop fails
        with pytest.raises(Unavailable):
            clerk_app.clerk.actions(owner="Jade Hodgson")
