"""An admin closing someone else's action confirms first.

    close action N (caller is admin, not an owner)
        -> "Close action N for <owners>?"  [Yes] [No]
             Yes -> closed, "Done: ..."     No -> "OK, action N stays open."
"""

from __future__ import annotations

import asyncio

from botbuilder.dialogs import ComponentDialog, WaterfallDialog, WaterfallStepContext
from botbuilder.dialogs.prompts import ConfirmPrompt, PromptOptions
from botbuilder.schema import Activity

from bot import replies
from bot.commands import Commands
from dialogs.caller import caller_of

CONFIRM_CLOSE = "confirm_close"


class ConfirmCloseDialog(ComponentDialog):
    def __init__(self, commands: Commands) -> None:
        super().__init__(CONFIRM_CLOSE)
        self.commands = commands
        self.add_dialog(ConfirmPrompt("confirm", default_locale="en-us"))
        self.add_dialog(WaterfallDialog("steps", [self.ask, self.act]))
        self.initial_dialog_id = "steps"

    async def ask(self, step: WaterfallStepContext):
        o = step.options
        question = replies.confirm_close_for(o["number"], o["text"], o["owners"])
        return await step.prompt("confirm", PromptOptions(prompt=Activity(type="message",
                                                                          text=question)))

    async def act(self, step: WaterfallStepContext):
        o = step.options
        if step.result:
            caller = await caller_of(step.context, self.commands.clerk)
            reply = await asyncio.to_thread(self.commands.close_now, o["number"], caller, o["note"])
            await step.context.send_activity(reply.text)
        else:
            await step.context.send_activity(replies.stays_open(o["number"]))
        return await step.end_dialog()
