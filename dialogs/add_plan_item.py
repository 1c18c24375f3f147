"""Adding a forward plan item step by step ("add to forward plan").

    add to forward plan [TITLE]
        -> (no title) "What should go on the forward plan?"   -> TITLE
        -> (no month) "For which meeting? A month, e.g. March" -> MONTH (re-asked until valid)
        -> "Added to the forward plan for March 2024: TITLE."
    At any prompt: "cancel", "stop", "help" or a new command leaves (``dialogs.leaving``),
    so "cancel" never becomes a title and a wrong month never traps the user.
"""

from __future__ import annotations

import asyncio

from botbuilder.dialogs import ComponentDialog, WaterfallDialog, WaterfallStepContext
from botbuilder.dialogs.prompts import PromptOptions, PromptValidatorContext, TextPrompt
from botbuilder.schema import Activity

from board.errors import ClerkError
from bot import replies
from bot.commands import Commands
from dialogs.caller import caller_of

ADD_PLAN_ITEM = "add_plan_item"


def _ask(text: str, retry: str | None = None) -> PromptOptions:
    return PromptOptions(
        prompt=Activity(type="message", text=text),
        retry_prompt=Activity(type="message", text=retry) if retry else None,
    )


class AddPlanItemDialog(ComponentDialog):
    def __init__(self, commands: Commands) -> None:
        super().__init__(ADD_PLAN_ITEM)
        self.commands = commands
        self.add_dialog(TextPrompt("title", self._title_ok))
        self.add_dialog(TextPrompt("month", self._month_ok))
        self.add_dialog(WaterfallDialog("steps", [self.title, self.month, self.add]))
        self.initial_dialog_id = "steps"

    async def title(self, step: WaterfallStepContext):
        if step.options.get("title"):
            return await step.next(step.options["title"])
        return await step.prompt("title", _ask(replies.ASK_PLAN_TITLE, replies.RETRY_PLAN_TITLE))

    async def month(self, step: WaterfallStepContext):
        step.values["title"] = step.result
        if step.options.get("month"):
            return await step.next(step.options["month"])
        return await step.prompt("month", _ask(replies.ASK_PLAN_MONTH, replies.RETRY_PLAN_MONTH))

    async def add(self, step: WaterfallStepContext):
        caller = await caller_of(step.context, self.commands.clerk)
        reply = await asyncio.to_thread(
            self.commands.add_plan_now, step.values["title"], step.result, caller
        )
        await step.context.send_activity(reply.text)
        return await step.end_dialog()

    @staticmethod
    async def _title_ok(prompt: PromptValidatorContext) -> bool:
        return bool(prompt.recognized.succeeded and prompt.recognized.value.strip())

    async def _month_ok(self, prompt: PromptValidatorContext) -> bool:
        if not prompt.recognized.succeeded:
            return False
        try:
            self.commands.clerk.month(prompt.recognized.value)
        except ClerkError:
            return False
        return True
