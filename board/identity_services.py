"""The services that say who someone is: identify a Teams user, link and unlink identities,
record emails, give and take admin rights. Part of ``Clerk`` (see ``board/identity.py`` for
the rules); every change is an identity event and a notice for the secretariat."""

from __future__ import annotations

from typing import Any

from board.errors import Candidate, Conflict, InvalidInput, PermissionDenied
from board.identity import (
    ADMIN_KINDS,
    CONFIDENT,
    Ambiguous,
    Identity,
    Known,
    Unknown,
    event_notice,
    link_notice,
    may_propose,
    proposal_name,
    require_secretariat,
    unmatched_notice,
)
from board.model import Actor, IdentityEventView, PersonView, TeamsUser

EMAIL_SHAPE = "@"


class IdentityServices:
    """Mixed into ``Clerk``, which provides ``uow``, ``_resolve`` and the seed list."""

    uow: Any
    _seed_admins: list[str]

    # the permission rule --------------------------------------------------------------
    def is_admin(self, person: PersonView | None) -> bool:
        """The one rule for "is secretariat": the person's admin flag in the database."""
        return person is not None and person.is_admin

    # identify -------------------------------------------------------------------------
    def person_for_identity(self, aad_object_id: str) -> PersonView | None:
        with self.uow(read=True) as repo:
            return repo.person_by_identity(aad_object_id)

    def identify(self, user: TeamsUser) -> Identity:
        """The person a Teams user is: their link; else a verified roster email; else a
        display-name proposal (see ``board/identity.py``). An unmatched user is reported
        to the secretariat once."""
        known = self.person_for_identity(user.aad_object_id)
        if known is not None:
            return Known(known)
        with self.uow() as repo:
            verified = repo.person_by_email(user.roster_emails)
            if verified is not None:
                actor = Actor(None, user.display_name or user.aad_object_id, "roster")
                return Known(self._link(repo, verified, user, actor), newly_linked=True)
            people, offered, confident = self._proposed(repo, user)
            if confident and repo.claim_identity(offered[0].id, user.aad_object_id):
                person = repo.person(offered[0].id)
                self._audit_link(repo, person, None, user, self._display_actor(user))
                return Known(person, newly_linked=True)
            if offered:
                return Ambiguous(tuple(Candidate(p.id, p.name) for p in offered))
            taken = [p for p in people if not may_propose(p)]
            repo.add_notice(f"unmatched:{user.aad_object_id}", unmatched_notice(user, taken))
            return Unknown()

    def report_unmatched(self, user: TeamsUser) -> None:
        """Tell the secretariat about a member who said none of the proposed people is them."""
        with self.uow() as repo:
            repo.add_notice(f"unmatched:{user.aad_object_id}", unmatched_notice(user, None))

    def claim_by_display_name(self, person_id: int, user: TeamsUser) -> PersonView:
        """"Which of these are you?" answered: link only someone the display name proposes
        (checked again here: the dialog's answer is the user's word)."""
        with self.uow() as repo:
            _, offered, _ = self._proposed(repo, user)
            if person_id not in {p.id for p in offered}:
                raise PermissionDenied("I can't link you to that person; the secretariat can.")
            if not repo.claim_identity(person_id, user.aad_object_id):
                raise Conflict("That person was linked meanwhile; the secretariat can help.")
            person = repo.person(person_id)
            self._audit_link(repo, person, None, user, self._display_actor(user))
            return person

    @staticmethod
    def _proposed(repo, user: TeamsUser) -> tuple[list[PersonView], list[PersonView], bool]:
        """(everyone the display name matches, those it may propose, whether it names the
        one proposed person confidently enough to link without asking)."""
        try:
            match = repo.name_index().match(proposal_name(user))
        except InvalidInput:  # no display name
            return [], [], False
        people = [repo.person(p.id) for p in match.people]
        offered = [p for p in people if may_propose(p)]
        return people, offered, len(people) == 1 and bool(offered) and match.score >= CONFIDENT

    @staticmethod
    def _display_actor(user: TeamsUser) -> Actor:
        return Actor(None, user.display_name or user.aad_object_id, "display name")

    # the secretariat's changes --------------------------------------------------------
    def link_identity(self, person_id: int, aad_object_id: str, actor: Actor,
                      tenant: str | None = None) -> PersonView:
        """Link (or relink) a person to a Teams identity: the secretariat only."""
        require_secretariat(self.is_admin(actor.person), actor,
                            "link people to their Teams accounts")
        aad = aad_object_id.strip()
        if not aad:
            raise InvalidInput("A Teams identity (AAD object id) is needed to link a person.")
        with self.uow() as repo:
            return self._link(repo, repo.person(person_id), TeamsUser(aad, tenant=tenant), actor)

    def unlink_identity(self, name: str, actor: Actor) -> PersonView:
        require_secretariat(self.is_admin(actor.person), actor, "unlink people")
        with self.uow() as repo:
            person = self._resolve(repo, name)
            if person.aad_object_id is None:
                raise Conflict(f"{person.name} is not linked to a Teams user.")
            repo.unlink_identity(person.id)
            self._event(repo, person, "unlinked", actor, old=person.aad_object_id)
            return repo.person(person.id)

    def record_email(self, name: str, email: str, actor: Actor) -> PersonView:
        """The address the secretariat knows for a person: the verified way to link them."""
        require_secretariat(self.is_admin(actor.person), actor, "record people's emails")
        email = email.strip().strip("<>")
        if EMAIL_SHAPE not in email or " " in email:
            raise InvalidInput(f'"{email}" is not an email address.')
        with self.uow() as repo:
            person = self._resolve(repo, name)
            repo.set_email(person.id, email)
            self._event(repo, person, "email", actor, old=person.email, new=email)
            return repo.person(person.id)

    def set_admin(self, name: str, value: bool, actor: Actor) -> PersonView:
        require_secretariat(self.is_admin(actor.person), actor, "change who is an admin")
        with self.uow() as repo:
            person = self._resolve(repo, name)
            if person.is_admin == value:
                state = "already" if value else "not"
                raise Conflict(f"{person.name} is {state} an admin; nothing was changed.")
            if not value and actor.person is not None and actor.person.id == person.id:
                raise Conflict("You can't remove yourself as an admin; ask another admin.")
            repo.set_admin(person.id, value)
            self._event(repo, person, "admin" if value else "not admin", actor,
                        old="no" if value else "yes", new="yes" if value else "no")
            return repo.person(person.id)

    def seed_admins(self) -> list[PersonView]:
        """CLERK_ADMINS only seeds the admin flag: each named person nobody has yet made or
        unmade an admin becomes one (audited). Runs when Clerk opens and after ingestion."""
        if not self._seed_admins:
            return []
        with self.uow(read=True) as repo:  # opening Clerk writes only when there is work
            if not self._unseeded(repo):
                return []
        seeded = []
        actor = Actor(None, "CLERK_ADMINS", "setting")
        with self.uow() as repo:
            for person in self._unseeded(repo):
                repo.set_admin(person.id, True)
                self._event(repo, person, "admin", actor, old="no", new="yes")
                seeded.append(repo.person(person.id))
        return seeded

    def _unseeded(self, repo) -> list[PersonView]:
        """The people CLERK_ADMINS names whom nobody has yet made or unmade an admin."""
        index, found = repo.name_index(), []
        for name in self._seed_admins:
            match = index.match(name).unique
            person = repo.person(match.id) if match else None
            if person and not person.is_admin and not repo.has_identity_event(person.id,
                                                                               ADMIN_KINDS):
                found.append(person)
        return found

    def identity_audit(self, name: str | None = None) -> list[IdentityEventView]:
        with self.uow(read=True) as repo:
            person_id = self._resolve(repo, name).id if name else None
            return repo.identity_events(person_id)

    # audit ----------------------------------------------------------------------------
    def _link(self, repo, person: PersonView, user: TeamsUser, actor: Actor) -> PersonView:
        aad = user.aad_object_id
        holder = repo.person_by_identity(aad)
        if holder is not None and holder.id == person.id:
            return person
        if holder is not None:  # one Teams identity belongs to one person
            repo.unlink_identity(holder.id)
            self._event(repo, holder, "unlinked", actor, old=aad, tenant=user.tenant)
        repo.link_identity(person.id, aad)
        self._audit_link(repo, person, person.aad_object_id, user, actor)
        return repo.person(person.id)

    def _audit_link(self, repo, person: PersonView, old: str | None, user: TeamsUser,
                    actor: Actor) -> None:
        event = repo.add_identity_event(
            person.id, "linked", actor=actor.label, source=actor.source,
            actor_person_id=actor.person.id if actor.person else None, old=old,
            new=user.aad_object_id, tenant=user.tenant)
        shown = user if user.display_name else None
        repo.add_notice(f"identity:{event}",
                        link_notice(person, user.aad_object_id, actor, actor.source, old, shown))

    def _event(self, repo, person: PersonView, kind: str, actor: Actor, *,
               old: str | None = None, new: str | None = None, tenant: str | None = None) -> None:
        event = repo.add_identity_event(
            person.id, kind, actor=actor.label, source=actor.source,
            actor_person_id=actor.person.id if actor.person else None, old=old, new=new,
            tenant=tenant)
        repo.add_notice(f"identity:{event}", event_notice(IdentityEventView(
            person.name, kind, actor.label, actor.source, None, old, new, tenant)))
