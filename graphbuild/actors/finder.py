"""Mention detection and linking over one parsed Doc: the passes, in order.

Each pass is a function over the shared ``DocState`` (``state``); order matters and
goes from the most certain evidence to the least:

1. knowledge-base names (people, countries, organisations, demonyms, capitals and
   seats of government), checked against the NER where a name is ambiguous
   (``kbnames``); a KB body's name that only ends a longer official name ("the Russian
   Security Council") gives way to the body that leads it (``national_bodies``), and
   names inside the title of a work are dropped (``works``: "his book The Russia Trap");
2. people: KB names, then NER PERSON spans (a full name from the KB, or a short
   form of a full name in the same article, or a new person), each with the title
   chain in front of it ("Ukrainian Foreign Ministry spokesman") giving role and
   affiliation (``people``, ``spans``, ``roles``);
3. titles without a name ("the U.S. president", resolved by the article's date),
   before their demonym or country could be read as a group (``roles``);
4. actor coding: nationality + role ("Israeli troops", "a Kenyan court") as the
   country with a sector, civilians as nationals, media as nothing (``coding``, and
   its rule families ``phrases``, ``hyphens``, ``descent``, ``groups``, ``media``,
   ``leaders``, ``role_of_place``);
5. countries and organisations by name, alias or metonym ("Beijing has billed"),
   or as a place ("arrived in Moscow") (``bodies``);
6. organisations the NER finds that the KB does not know (``orgs``), then
   affiliations to them (``roles``);
7. bare roles ("police", "the army") of the one country their context names: a place
   in the phrase or clause, the dateline, or the article's only country (``context``);
   then polities the NER finds that the KB does not know, where they act ("the
   Confederacy seceded": ``polities``), after the bare roles so that an unknown polity
   never becomes the country of "the government" or "the army";
8. coreference (``coref``, ``descriptions``); then people in office get their
   sector (``leaders``).
"""

from __future__ import annotations

from .bodies import find_bodies
from .coding import code_roles
from .context import resolve_bare_roles
from .coref import resolve_coreference
from .kb import KnowledgeBase
from .kbnames import find_names
from .leaders import code_people
from .national_bodies import find_national_bodies
from .orgs import find_new_organisations
from .people import find_people
from .polities import find_new_polities
from .roles import late_affiliations, resolve_role_phrases
from .state import DocActors, DocState
from .works import find_work_titles

__all__ = ["DocActors", "find_actors"]


def find_actors(
    doc, kb: KnowledgeBase, date: str | None = None, place: str | None = None
) -> DocActors:
    """The geopolitical actors a parsed Doc mentions, linked to the knowledge base where
    possible, with every mention's character and token offsets. ``place`` is the
    article's dateline place ("NAIROBI"), when known: bare roles ("police") may be its."""
    state = DocState(doc, kb, date)
    standalone = find_national_bodies(state, find_work_titles(state, find_names(state)))
    find_people(state, standalone)
    resolve_role_phrases(state)
    code_roles(state, standalone)
    find_bodies(state, standalone)
    find_new_organisations(state)
    late_affiliations(state)
    resolve_bare_roles(state, place)
    find_new_polities(state)
    resolve_coreference(state)
    code_people(state)
    return state.result()
