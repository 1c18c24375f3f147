"""The secretariat's corrections in chat: a router ``Match`` and the caller in, a ``Reply`` out.

Each command calls one ``Corrections`` service and answers with its ``board.wording``
sentence, the same the command line prints; a refusal is the service's one sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from board import wording
from board.corrections import Corrections, split_owners
from board.errors import AmbiguousName
from board.model import Actor, PersonView
from bot.markdown import md
from bot.replies import Reply
from bot.router import Match

Handler = Callable[[Match, PersonView], Reply]


def _asking_for_full_names(handler: Handler) -> Handler:
    """A name that could be several people: ask for the full name (the general answer's
    "actions for ..." buttons would not make this correction)."""

    def run(match: Match, caller: PersonView) -> Reply:
        try:
            return handler(match, caller)
        except AmbiguousName as error:
            return Reply(md(error))

    return run


class CorrectionCommands:
    def __init__(self, corrections: Corrections) -> None:
        self.corrections = corrections

    def table(self) -> dict[str, Handler]:
        return {name: _asking_for_full_names(handler) for name, handler in {
            "action_add": self.add,
            "action_edit": self.edit,
            "action_assign": self.assign,
            "action_add_owner": self.add_owner,
            "action_remove_owner": self.remove_owner,
            "action_withdraw": self.withdraw,
            "action_merge": self.merge,
            "plan_remove": self.plan_remove,
            "plan_rename": self.plan_rename,
            "plan_move": self.plan_move,
            "meeting_set": self.meeting_set,
            "meeting_cancel": self.meeting_cancel,
        }.items()}

    @staticmethod
    def _actor(caller: PersonView) -> Actor:
        return Actor.of(caller, "chat")

    def add(self, match: Match, caller: PersonView) -> Reply:
        done = self.corrections.add_action(split_owners(match.args["owners"]),
                                           match.args["text"], self._actor(caller))
        return Reply(wording.added(done, md))

    def edit(self, match: Match, caller: PersonView) -> Reply:
        done = self.corrections.edit_text(int(match.args["number"]), match.args["text"],
                                          self._actor(caller))
        return Reply(wording.edited(done, md))

    def assign(self, match: Match, caller: PersonView) -> Reply:
        done = self.corrections.assign(int(match.args["number"]),
                                       split_owners(match.args["owners"]), self._actor(caller))
        return Reply(wording.owners_changed(done, md))

    def add_owner(self, match: Match, caller: PersonView) -> Reply:
        done = self.corrections.add_owner(int(match.args["number"]), match.args["name"],
                                          self._actor(caller))
        return Reply(wording.owners_changed(done, md))

    def remove_owner(self, match: Match, caller: PersonView) -> Reply:
        done = self.corrections.remove_owner(int(match.args["number"]), match.args["name"],
                                             self._actor(caller))
        return Reply(wording.owners_changed(done, md))

    def withdraw(self, match: Match, caller: PersonView) -> Reply:
        done = self.corrections.withdraw(int(match.args["number"]), match.args.get("note"),
                                         self._actor(caller))
        return Reply(wording.withdrawn(done, md))

    def merge(self, match: Match, caller: PersonView) -> Reply:
        number = int(match.args["number"])
        done = self.corrections.merge(number, int(match.args["into"]), self._actor(caller))
        return Reply(wording.merged(number, done, md))

    def plan_remove(self, match: Match, caller: PersonView) -> Reply:
        item = self.corrections.remove_plan_item(match.args["title"], match.args.get("month"),
                                                 self._actor(caller))
        return Reply(wording.plan_removed(item, md))

    def plan_rename(self, match: Match, caller: PersonView) -> Reply:
        before, after = self.corrections.rename_plan_item(
            match.args["title"], match.args.get("month"), match.args["new"], self._actor(caller))
        return Reply(wording.plan_renamed(before.title, after, md))

    def plan_move(self, match: Match, caller: PersonView) -> Reply:
        before, item = self.corrections.move_plan_item(
            match.args["title"], match.args.get("month"), match.args["to"], self._actor(caller))
        return Reply(wording.plan_moved(before.month, item, md))

    def meeting_set(self, match: Match, caller: PersonView) -> Reply:
        meeting = self.corrections.set_next_meeting(match.args["when"], self._actor(caller))
        return Reply(wording.meeting_set(meeting))

    def meeting_cancel(self, match: Match, caller: PersonView) -> Reply:
        meeting = self.corrections.cancel_next_meeting(self._actor(caller))
        return Reply(wording.meeting_cancelled(meeting))
