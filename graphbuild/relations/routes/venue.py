"""The venue route: a meeting held in the country of one side is a visit by the other.

"Blinken held talks in Nairobi with President Ruto": Ruto is Kenya's, so Blinken visits
Kenya (CAMEO 042) besides meeting Ruto. A meeting in a third country ("Russian and
Ukrainian negotiators met in Istanbul") is no visit to or by the host: the text does not
say Turkey hosted it (CAMEO 044, meet at a third location), so nothing is added.
"""

from __future__ import annotations

from ..arguments import ArgActor
from ..candidate import Candidate
from ..lexicon import Entry
from ..syntax import prepositional

# meeting kinds whose place says who travelled; a call has no venue, a visit has its own
VENUE_KINDS = frozenset({"MEETS", "NEGOTIATES"})
VENUE_PREPOSITIONS = frozenset({"in", "at"})


class VenueRoute:
    """Visits implied by where a meeting took place."""

    def _venue_visits(self, entry: Entry, trigger, chain, pairs, base: float, hosts) -> None:
        if entry.kind not in VENUE_KINDS or not pairs:
            return
        # "met Xi in Moscow" parsed with the place on the partner's name: its phrases count too
        sides = [trigger.doc[arg.token] for pair in pairs for arg in pair]
        hosts_found = self._venue_countries([trigger, *chain, *sides])
        if not hosts_found:
            return
        visit = self._visit_entry()
        if visit is None:
            return
        for host in hosts_found:
            for a, b in pairs:
                for guest, local in ((a, b), (b, a)):
                    if self._home(local.actor_id) == host.actor_id and self._home(
                        guest.actor_id
                    ) not in (host.actor_id, None):
                        self.candidates.append(
                            Candidate(guest, host, visit, trigger, base, list(chain), list(hosts))
                        )

    def _venue_countries(self, heads) -> list[ArgActor]:
        found: list[ArgActor] = []
        seen: set[str] = set()
        for head in heads:
            for prep, place in prepositional(head):
                if prep not in VENUE_PREPOSITIONS:
                    continue
                for mention in self.index.mentions(place):
                    actor = self.index.actor(mention.actor_id)
                    if (
                        mention.how == "place"
                        and actor is not None
                        and actor.type == "Country"
                        and actor.id not in seen
                    ):
                        seen.add(actor.id)
                        found.append(ArgActor(actor.id, "place", "venue", place.i))
        return found

    def _home(self, actor_id: str) -> str | None:
        actor = self.index.actor(actor_id)
        if actor is None:
            return None
        return actor.id if actor.type == "Country" else actor.country_id

    def _visit_entry(self) -> Entry | None:
        return next((e for e in self.lex.entries if e.kind == "VISITS"), None)
