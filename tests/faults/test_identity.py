"""Identity takeover by display name (issue 13, finding 1): a display name never replaces a
link and never claims an admin; a verified roster email may; the secretariat is told."""

from __future__ import annotations

import logging

import pytest
from aiohttp.test_utils import TestClient, TestServer

from board.errors import PermissionDenied
from board.model import Actor, TeamsUser
from bot.app import create_app
from bot.config import Settings
from storage.outbox import Outbox
from tests.faults.conftest import activity, texts

ATTACKS = ["Jade Hodgson [EXT]", "jade hodgson", "Jade Hodgsen", "J Hodgson", "Hodgson, Jade",
           "Cllr Jade Hodgson (LBBD)", "Jade Hodgson - LBBD", "Chris", "Chris Lyons"]


def _from(name: str, aad: str) -> dict:
    return {"id": f"29:{aad}", "name": name, "aadObjectId": aad}


async def _say(http, connector, name: str, aad: str, text: str) -> str:
    sent = activity(text=text, serviceUrl=connector.url, deliveryMode="expectReplies",
                    conversation={"id": f"a:{aad}", "conversationType": "personal"})
    sent["from"] = _from(name, aad)
    response = await http.post("/api/messages", json=sent)
    assert response.status == 200, await response.text()
    return texts(await response.json())


@pytest.fixture
async def http(board):
    client = TestClient(TestServer(create_app(board, Settings(reminder_interval=0)),
                                   host="127.0.0.1"))
    async with client:
        yield client


@pytest.mark.parametrize("name", ATTACKS)
async def test_a_display_name_takes_over_no_link_and_no_admin(board, connector, http, name):
    clerk = board.clerk
    chris = clerk.resolve_person("Chris Lyons")
    clerk.link_identity(chris.id, "aad-chris-real", Actor.command_line())
    await _say(http, connector, "Jade Hodgson", "aad-jade", "help")  # the real Jade's chat
    await _say(http, connector, "Chris Lyons", "aad-chris-real", "help")

    seen = await _say(http, connector, name, "aad-attacker", "export actions as csv")
    assert "I'll know you as" not in seen and "/files/" not in seen
    if "Which of these are you?" in seen:  # only people with no link and no admin rights
        assert "[Jade Hodgson]" not in seen and "[Chris Lyons]" not in seen
        seen = await _say(http, connector, name, "aad-attacker", "Chris Lyons")
        seen += await _say(http, connector, name, "aad-attacker", "Jade Hodgson")
        assert "I'll know you as" not in seen
    assert clerk.person_for_identity("aad-attacker") is None
    assert clerk.person_for_identity("aad-jade").name == "Jade Hodgson"
    assert clerk.person_for_identity("aad-chris-real").name == "Chris Lyons"
    assert clerk.is_admin(clerk.resolve_person("Jade Hodgson"))
    # The real users' reminders still go to the real users' chats.
    jade, chris = clerk.resolve_person("Jade Hodgson"), clerk.resolve_person("Chris Lyons")
    chats = Outbox(board.db).personal_references([jade.id, chris.id])
    assert chats[jade.id]["conversation"]["id"] == "a:aad-jade"
    assert chats[chris.id]["conversation"]["id"] == "a:aad-chris-real"
    # The real Jade is still herself.
    assert "Your open actions (2)" in await _say(http, connector, "Jade Hodgson", "aad-jade",
                                                 "my actions")


async def test_a_forged_choice_cannot_claim_someone_not_proposed(board):
    """The choose-person dialog's answer is checked again by the service."""
    clerk = board.clerk
    for target in ("Jade Hodgson", "Chris Lyons"):
        with pytest.raises(PermissionDenied):
            clerk.claim_by_display_name(clerk.resolve_person(target).id,
                                        TeamsUser("aad-attacker", "Sam Patel"))
    assert clerk.person_for_identity("aad-attacker") is None


async def test_the_secretariat_is_told_about_a_member_it_could_not_link(board, connector, http):
    await _say(http, connector, "Jade Hodgson [EXT]", "aad-attacker", "my actions")
    jade = board.clerk.resolve_person("Jade Hodgson")
    notices = [text for _, text in Outbox(board.db).pending_notices(jade.id)]
    (told,) = [n for n in notices if "aad-attacker" in n]
    assert 'Teams user "Jade Hodgson EXT" (id aad-attacker' in told
    assert "matches Jade Hodgson, who is an admin or already linked" in told
    assert "link aad-attacker to NAME" in told
    # A display name is anyone's typing: shown to the secretariat without live markdown.
    await _say(http, connector, "[Board papers](https://evil.example/login)", "aad-phish", "hi")
    (told,) = [text for _, text in Outbox(board.db).pending_notices(jade.id)
               if "aad-phish" in text]
    assert "](" not in told and "https://" not in told and "Board papers" in told


async def test_a_verified_roster_email_links_and_relinks_and_is_audited(board, connector, http):
    clerk = board.clerk
    clerk.record_email("Jade Hodgson", "Jade.Hodgson@council.example", Actor.command_line())
    # Someone else, with her name but their own address: nothing.
    connector.members["29:aad-other"] = {"id": "29:aad-other", "name": "Jade Hodgson",
                                         "email": "jade@evil.example",
                                         "userPrincipalName": "jade@evil.example"}
    await _say(http, connector, "Jade Hodgson", "aad-other", "my actions")
    assert clerk.person_for_identity("aad-other") is None
    # Jade on a new Teams account: the roster gives the address the secretariat recorded.
    connector.members["29:aad-jade-new"] = {"id": "29:aad-jade-new", "name": "Jade H",
                                            "email": None,
                                            "userPrincipalName": "jade.hodgson@council.example"}
    seen = await _say(http, connector, "Jade H", "aad-jade-new", "my actions")
    assert "I'll know you as Jade Hodgson" in seen and "Your open actions (2)" in seen
    assert clerk.person_for_identity("aad-jade-new").name == "Jade Hodgson"
    assert clerk.person_for_identity("aad-jade") is None
    (relink,) = [e for e in clerk.identity_audit("Jade Hodgson")
                 if e.kind == "linked" and e.new == "aad-jade-new"]
    assert (relink.old, relink.source, relink.actor) == ("aad-jade", "roster", "Jade H")
    jade = clerk.resolve_person("Jade Hodgson")
    assert any("linked to Jade Hodgson by the email Teams gives for them" in text
               and "replaces their earlier link to Teams user aad-jade" in text
               for _, text in Outbox(board.db).pending_notices(jade.id))


def test_an_app_id_without_a_tenant_allow_list_warns_loudly(board, caplog):
    with caplog.at_level(logging.WARNING):
        create_app(board, Settings(APP_ID="app", APP_PASSWORD="x", reminder_interval=0))
    assert "CLERK_ALLOWED_TENANTS is empty" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        create_app(board, Settings(APP_ID="app", APP_PASSWORD="x", reminder_interval=0,
                                   allowed_tenants=frozenset({"t"})))
    assert "CLERK_ALLOWED_TENANTS" not in caplog.text
