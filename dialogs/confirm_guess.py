"""A change read from a message with a typo is confirmed before it is made.

    "clsoe action 4"  (router: close, guessed)
        -> 'Did you mean "close action 4"? Nothing is changed until you say yes.' [Yes] [No]
             Yes -> the command runs as if typed      No -> "OK, nothing was changed."
"""

from __future__ import annotations

import asyncio

from botbuilder.dialogs import ComponentDialog, WaterfallDialog, WaterfallStepContext
from botbuilder.dialogs.prompts import ConfirmPrompt, PromptOptions
from botbuilder.schema import Activity

from bot import replies
from bot.commands import CONFIRM_GUESS, Commands, StartDialog
from bot.router import Match
from dialogs.caller import caller_of


class ConfirmGuessDialog(ComponentDialog):
    def __init__(self, commands: Commands) -> None:
        super().__init__(CONFIRM_GUESS)
        self.commands = commands
        self.add_dialog(ConfirmPrompt("confirm", default_locale="en-us"))
        self.add_dialog(WaterfallDialog("steps", [self.ask, self.act]))
        self.initial_dialog_id = "steps"

    async def ask(self, step: WaterfallStepContext):
        question = Activity(type="message", text=step.options["question"])
        return await step.prompt("confirm", PromptOptions(prompt=question))

    async def act(self, step: WaterfallStepContext):
        if not step.result:
            await step.context.send_activity(replies.guess_declined())
            return await step.end_dialog()
        caller = await caller_of(step.context, self.commands.clerk)
        match = Match(step.options["command"], dict(step.options["args"]))
        outcome = await asyncio.to_thread(self.commands.run, match, caller)
        if isinstance(outcome, StartDialog):
            return await step.replace_dialog(outcome.dialog, outcome.options)
        await step.context.send_activity(outcome.text)
        return await step.end_dialog()
