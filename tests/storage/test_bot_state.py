"""SqlStorage keeps botbuilder's Storage contract: the shared cases also run on MemoryStorage."""

from __future__ import annotations

import asyncio

import pytest
from botbuilder.core import ConversationState, MemoryStorage, MessageFactory, StoreItem, TurnContext
from botbuilder.core.adapters import TestAdapter
from botbuilder.dialogs import DialogSet, DialogTurnStatus
from botbuilder.dialogs.prompts import PromptOptions, TextPrompt
from botbuilder.schema import Activity, ActivityTypes, ChannelAccount, ConversationAccount
from sqlalchemy import event, insert

from storage.bot_state import SqlStorage, StateConflict
from storage.db import Database
from storage.models import BotState

NESTED = {"count": 3, "draft": {"title": "Budget", "owners": ["Jade", "Sam"], "due": None}}


@pytest.fixture(params=["sql", "memory"])
def storage(request):
    """(storage, the exception it raises on a stale e_tag)"""
    if request.param == "memory":
        return MemoryStorage(), KeyError
    return SqlStorage(request.getfixturevalue("app").db), StateConflict


@pytest.fixture
def second_db(app):
    """The same database opened again, as a second bot process would."""
    db = Database(app.db.url, migrate=False)
    yield db
    db.dispose()


def plain(item: dict) -> dict:
    return {k: v for k, v in item.items() if k != "e_tag"}


async def versioned(store, key: str, value: dict) -> dict:
    """Store value so that it carries a real e_tag and return it as read. (MemoryStorage only
    starts versioning an item once it has been written with an e_tag.)"""
    for _ in range(2):
        await store.write({key: {**value, "e_tag": "*"}})
    return (await store.read([key]))[key]


# The contract, on both storages -------------------------------------------------------------
async def test_reading_missing_keys_gives_nothing(storage):
    store, _ = storage
    assert await store.read(["nobody"]) == {}
    assert await store.read([]) == {}


async def test_write_then_read_round_trips_nested_values(storage):
    store, _ = storage
    await store.write({"a": dict(NESTED), "b": {"x": 1}})
    found = await store.read(["a", "b", "missing"])
    assert sorted(found) == ["a", "b"]
    assert plain(found["a"]) == NESTED and plain(found["b"]) == {"x": 1}


async def test_a_stale_e_tag_is_refused_and_changes_nothing(storage):
    store, conflict = storage
    first = await versioned(store, "k", {"v": 1})
    await store.write({"k": {"v": 2, "e_tag": first["e_tag"]}})
    with pytest.raises(conflict):
        await store.write({"k": {"v": "stale", "e_tag": first["e_tag"]}})
    assert plain((await store.read(["k"]))["k"]) == {"v": 2}


async def test_star_and_no_e_tag_overwrite(storage):
    store, _ = storage
    await versioned(store, "k", {"v": 1})
    await store.write({"k": {"v": 2, "e_tag": "*"}})
    assert plain((await store.read(["k"]))["k"]) == {"v": 2}
    await store.write({"k": {"v": 3}})
    assert plain((await store.read(["k"]))["k"]) == {"v": 3}


async def test_delete_removes_and_missing_keys_are_fine(storage):
    store, _ = storage
    await store.write({"a": {"v": 1}, "b": {"v": 2}})
    await store.delete(["a", "never-stored"])
    assert list(await store.read(["a", "b"])) == ["b"]


async def test_conversation_state_persists_a_property_across_turns(storage):
    store, _ = storage
    assert await count_turn(ConversationState(store)) == 1
    assert await count_turn(ConversationState(store)) == 2


# SqlStorage specifics -----------------------------------------------------------------------
async def test_e_tag_is_a_string_that_changes_on_every_write(app):
    store = SqlStorage(app.db)
    seen = set()
    for value in ({"v": 1}, {"v": 2, "e_tag": "*"}, {"v": 3}):
        await store.write({"k": value})
        e_tag = (await store.read(["k"]))["k"]["e_tag"]
        assert isinstance(e_tag, str) and e_tag not in seen
        seen.add(e_tag)


async def test_a_store_item_is_stored_as_its_public_fields(app):
    store = SqlStorage(app.db)
    item = StoreItem(name="Jade", tags=["chair"], _cache="not stored")
    await store.write({"k": item})
    found = (await store.read(["k"]))["k"]
    assert found == {"name": "Jade", "tags": ["chair"], "e_tag": item.e_tag}
    with pytest.raises(StateConflict, match="'k'"):
        await store.write({"k": StoreItem(name="Sam", e_tag="999")})


async def test_two_processes_see_each_other_and_a_stale_write_is_refused(app, second_db):
    one, two = SqlStorage(app.db), SqlStorage(second_db)
    await one.write({"k": {"v": 1}})
    mine, theirs = (await one.read(["k"]))["k"], (await two.read(["k"]))["k"]
    assert mine == theirs
    await one.write({"k": {**mine, "v": 2}})
    with pytest.raises(StateConflict):
        await two.write({"k": {**theirs, "v": "lost update"}})
    assert plain((await two.read(["k"]))["k"]) == {"v": 2}


async def test_of_two_simultaneous_writes_with_one_e_tag_exactly_one_wins(app, second_db):
    one, two = SqlStorage(app.db), SqlStorage(second_db)
    await one.write({"k": {"v": 0}})
    e_tag = (await one.read(["k"]))["k"]["e_tag"]
    results = await asyncio.gather(
        *(store.write({"k": {"v": n, "e_tag": e_tag}}) for n, store in ((1, one), (2, two))),
        return_exceptions=True,
    )
    assert sorted(type(r).__name__ for r in results) == ["NoneType", "StateConflict"]
    assert plain((await one.read(["k"]))["k"]) == {"v": 1 if results[0] is None else 2}


@pytest.mark.parametrize("e_tag", ["1", None])
async def test_a_row_inserted_by_another_process_meanwhile(app, second_db, e_tag):
    """The insert race: an expected e_tag is a conflict, no e_tag retries as an update."""
    if app.db.url.startswith("sqlite"):
        pytest.skip("SQLite's BEGIN IMMEDIATE serialises writers; the race needs PostgreSQL")

    raced: list[str] = []

    def insert_first(conn, cursor, statement, *args):
        if statement.startswith("INSERT INTO bot_state") and not raced:
            raced.append(statement)
            with second_db.engine.begin() as other:
                other.execute(insert(BotState.__table__).values(key="k", data={"v": 0}, etag=1))

    event.listen(app.db.engine, "before_cursor_execute", insert_first)
    store = SqlStorage(app.db)
    try:
        if e_tag is None:
            await store.write({"k": {"v": 1}})
            assert (await store.read(["k"]))["k"] == {"v": 1, "e_tag": "2"}
        else:
            with pytest.raises(StateConflict):
                await store.write({"k": {"v": 1, "e_tag": e_tag}})
            assert (await store.read(["k"]))["k"] == {"v": 0, "e_tag": "1"}
    finally:
        event.remove(app.db.engine, "before_cursor_execute", insert_first)
    assert raced


# Through botbuilder's ConversationState ------------------------------------------------------
ADAPTER = TestAdapter()


def message(text: str = "hi") -> TurnContext:
    return TurnContext(ADAPTER, Activity(
        type=ActivityTypes.message, text=text, channel_id="test", id="1",
        conversation=ConversationAccount(id="board-chat"),
        from_property=ChannelAccount(id="jade"), recipient=ChannelAccount(id="clerk"),
    ))


async def count_turn(state: ConversationState, context: TurnContext | None = None) -> int:
    """One turn that increments a counter in conversation state and saves it."""
    context = context or message()
    count = state.create_property("count")
    await count.set(context, await count.get(context, lambda: 0) + 1)
    await state.save_changes(context)
    return await count.get(context)


async def test_conversation_state_across_two_processes(app, second_db):
    one, two = ConversationState(SqlStorage(app.db)), ConversationState(SqlStorage(second_db))
    assert [await count_turn(s) for s in (one, two, one, two)] == [1, 2, 3, 4]


async def test_two_overlapping_turns_cannot_overwrite_each_other(app, second_db):
    one, two = ConversationState(SqlStorage(app.db)), ConversationState(SqlStorage(second_db))
    await count_turn(one)
    first, second = message(), message()
    await one.load(first)
    await two.load(second)
    assert await count_turn(one, first) == 2
    with pytest.raises(StateConflict):
        await count_turn(two, second)
    assert await count_turn(one) == 3


async def test_saving_twice_in_one_turn_is_not_a_conflict(app):
    state = ConversationState(SqlStorage(app.db))
    await count_turn(state)  # stored now, so the next turn's state carries an e_tag
    context = message()
    assert await count_turn(state, context) == 2
    assert await count_turn(state, context) == 3


async def test_a_dialog_prompt_continues_in_another_process(app, second_db):
    """Dialog state holds objects (DialogState, PromptOptions), not plain dicts."""

    def bot(db: Database):
        state = ConversationState(SqlStorage(db))
        dialogs = DialogSet(state.create_property("dialog_state"))
        dialogs.add(TextPrompt("name"))

        async def logic(context: TurnContext) -> None:
            dialog = await dialogs.create_context(context)
            result = await dialog.continue_dialog()
            if result.status == DialogTurnStatus.Empty:
                await dialog.prompt("name", PromptOptions(prompt=MessageFactory.text("Name?")))
            elif result.status == DialogTurnStatus.Complete:
                await context.send_activity(f"Thanks, {result.result}")
            await state.save_changes(context)

        return TestAdapter(logic)

    await bot(app.db).test("add a plan item", "Name?")
    await bot(second_db).test("Budget review", "Thanks, Budget review")
