"""The review card for uploaded minutes: what Clerk read, ways to fix it, Publish and Discard.

Every button is an ``Action.Execute`` with the verb ``draft`` and data naming the draft, the
version of it the card shows, the change (``op``) and the item; inputs are named per item
(``owners_3``), since a button sends every input of the card. Built from ``DraftView``.
"""

from __future__ import annotations

from bot.cards import MAX_ROWS, Card, capital, card, facts, heading, line
from bot.markdown import md
from minutes.review import DraftAction, DraftView

VERB = "draft"


def _button(title: str, draft: DraftView, op: str, item: int | None = None,
            style: str | None = None) -> dict:
    data = {"verb": VERB, "draft": draft.id, "version": draft.version, "op": op}
    if item is not None:
        data["item"] = item
    button = {"type": "Action.Execute", "title": title, "verb": VERB, "data": data}
    if style:
        button["style"] = style
    return button


def _show(title: str, body: list[dict], actions: list[dict]) -> dict:
    return {"type": "Action.ShowCard", "title": title,
            "card": {"type": "AdaptiveCard", "body": body, "actions": actions}}


def _owners(action: DraftAction) -> str:
    if not action.owners:
        return "⚠ no owner named"
    parts = []
    for owner in action.owners:
        if owner.person:
            parts.append(md(owner.person) if owner.person == owner.written
                         else f"{md(owner.written)} → {md(owner.person)}")
        elif owner.problem:
            parts.append(f"⚠ {md(owner.written)} ({md(owner.problem)})")
        else:
            parts.append(md(owner.written))  # a role, such as "Board members"
    return "Owners: " + "; ".join(parts)


def _action(draft: DraftView, action: DraftAction) -> dict:
    i = action.index
    status = "" if action.status == "open" else " ✓ completed"
    due = f" · due {action.due:%d %b %Y}" if action.due else ""
    items = [line(f"**{i + 1}.** {md(capital(action.text))}{status}"),
             line(_owners(action) + due, subtle=True,
                  color="Warning" if "⚠" in _owners(action) else None)]
    if not action.new:
        items.append(line("Already on the action log: publishing records it as seen.",
                          subtle=True))
    if action.doubtful:
        items.append(line(f"⚠ Not sure this is an action. The minutes say: “{md(action.quote)}”",
                          color="Warning"))
    written = ", ".join(o.person or o.written for o in action.owners)
    fix = _show("Fix", [
        {"type": "Input.Text", "id": f"owners_{i}", "label": "Owners (comma-separated)",
         "value": written},
        {"type": "Input.Text", "id": f"text_{i}", "label": "Text", "value": action.text,
         "isMultiline": True},
        {"type": "Input.ChoiceSet", "id": f"status_{i}", "label": "Status",
         "value": action.status, "choices": [{"title": "Open", "value": "open"},
                                             {"title": "Completed", "value": "completed"}]},
    ], [_button("Save owners", draft, "owners", i), _button("Save text", draft, "text", i),
        _button("Save status", draft, "status", i)])
    items.append({"type": "ActionSet",
                  "actions": [fix, _button("Drop", draft, "drop", i, "destructive")]})
    return {"type": "Container", "separator": True, "items": items}


def review_card(draft: DraftView, notice: str | None = None) -> Card:
    when = f"{draft.meeting_date:%A %d %B %Y}" if draft.meeting_date else "⚠ not found"
    nxt = f"{draft.next_meeting:%A %d %B %Y}" if draft.next_meeting else "not given"
    body: list[dict] = [heading(f"Review the minutes: {md(draft.file_name)}")]
    if notice:  # already markdown-safe
        body.append(line(notice, color="Attention" if notice.startswith("⚠") else "Good"))
    body += [
        line("Nothing is on the record until you press **Publish**.", subtle=True),
        facts([("Meeting", when), ("Next meeting", nxt)]),
    ]
    if draft.duplicate:
        body.append(line("⚠ These exact minutes were loaded already: publishing changes "
                         "nothing.", color="Warning"))
    body.append({"type": "ActionSet", "actions": [_show("Change the meeting date", [
        {"type": "Input.Date", "id": "date",
         "value": draft.meeting_date.isoformat() if draft.meeting_date else ""}],
        [_button("Save date", draft, "date")])]})
    body.append(line(f"**Actions ({len(draft.actions)})**"))
    body.extend(_action(draft, a) for a in draft.actions[:MAX_ROWS])
    if len(draft.actions) > MAX_ROWS:
        body.append(line(f"…and {len(draft.actions) - MAX_ROWS} more (fix them after "
                         "publishing, in chat).", subtle=True))
    body.append({"type": "ActionSet", "actions": [_show("Add a missed action", [
        {"type": "Input.Text", "id": "owners_new", "label": "Owners (comma-separated)"},
        {"type": "Input.Text", "id": "text_new", "label": "Text", "isMultiline": True}],
        [_button("Add", draft, "add")])]})
    if draft.closes:
        body.append(line(f"**Actions these minutes complete ({len(draft.closes)})**"))
        body.extend(line(f"{number}. {md(capital(text))}: open → completed")
                    for number, text in draft.closes[:MAX_ROWS])
    if draft.plan:
        body.append(line(f"**Forward plan ({len(draft.plan)})**"))
        body.extend(line(f"• {md(month)}: {md(title)}" + (f" — lead: {md(lead)}" if lead else ""))
                    for month, title, lead in draft.plan[:MAX_ROWS])
    if draft.warnings:
        body.append(line(f"**Warnings ({len(draft.warnings)})**"))
        body.extend(line(f"⚠ {md(w)}", subtle=True) for w in draft.warnings[:MAX_ROWS])
    body.append({"type": "Input.Toggle", "id": "notify", "value": "true",
                 "title": "Tell the owners of new actions in their personal chat with Clerk",
                 "valueOn": "true", "valueOff": "false"})
    actions = [_button("Publish", draft, "publish", style="positive"),
               _button("Discard", draft, "discard", style="destructive")]
    return card(body, actions, fallback=f"Review the minutes: {md(draft.file_name)}")


def finished_card(title: str, lines: list[str]) -> Card:
    """The card that replaces a published or discarded review: no buttons left (``lines``
    already markdown-safe)."""
    return card([heading(title), *(line(text) for text in lines)], fallback=title)
