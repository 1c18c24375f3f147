"""First contact with an ambiguous name: "Which of these are you?"

    (unlinked user; display name proposes people who have no link and are not admins:
     several, or one by a weak match such as a first name)
        -> "Which of these are you?"  [Chris Lyons] [Chris Smith] [None of these]
             a name -> linked, if the display name still proposes that person (the service
                       checks again), "Thanks, ..."
             None   -> the not-linked message; the secretariat is told how to link them
"""

from __future__ import annotations

import asyncio

from botbuilder.dialogs import ComponentDialog, WaterfallDialog, WaterfallStepContext
from botbuilder.dialogs.choices import Choice, ListStyle
from botbuilder.dialogs.prompts import ChoicePrompt, PromptOptions
from botbuilder.schema import Activity

from board.errors import ClerkError
from board.model import TeamsUser
from board.services import Clerk
from bot.replies import PICK_A_NAME, WHICH_ARE_YOU, linked, not_linked

CHOOSE_PERSON = "choose_person"
NONE_OF_THESE = "None of these"


class ChoosePersonDialog(ComponentDialog):
    def __init__(self, clerk: Clerk) -> None:
        super().__init__(CHOOSE_PERSON)
        self.clerk = clerk
        prompt = ChoicePrompt("choice", default_locale="en-us")
        prompt.style = ListStyle.hero_card
        self.add_dialog(prompt)
        self.add_dialog(WaterfallDialog("steps", [self.ask, self.link]))
        self.initial_dialog_id = "steps"

    async def ask(self, step: WaterfallStepContext):
        names = [c["name"] for c in step.options["candidates"]] + [NONE_OF_THESE]
        return await step.prompt(
            "choice",
            PromptOptions(
                prompt=Activity(type="message", text=WHICH_ARE_YOU),
                retry_prompt=Activity(type="message", text=PICK_A_NAME),
                choices=[Choice(name) for name in names],
            ),
        )

    async def link(self, step: WaterfallStepContext):
        o = step.options
        chosen = step.result.value
        user = TeamsUser(o["aad"], o["display_name"], o.get("tenant"))
        if chosen == NONE_OF_THESE:
            await asyncio.to_thread(self.clerk.report_unmatched, user)
            await step.context.send_activity(not_linked(o["display_name"]).text)
            return await step.end_dialog()
        person_id = next(c["id"] for c in o["candidates"] if c["name"] == chosen)
        try:
            person = await asyncio.to_thread(self.clerk.claim_by_display_name, person_id, user)
        except ClerkError as error:
            await step.context.send_activity(str(error))
            return await step.end_dialog()
        await step.context.send_activity(linked(person.name) + " Type **help** to begin.")
        return await step.end_dialog()
