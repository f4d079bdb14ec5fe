"""A country and a word joined in one token: "U.S.-led troops", "U.N.-backed".

The tokenizer keeps abbreviations whole, so "U.S.-led" is one token that no name match
covers. A ``leading_words`` word ("-led", "-run") makes the country the actor of the
role after it; a ``patron_words`` word ("-backed") keeps it a plain demonym, a patron
and not the actor. (Hyphens split into tokens, "Saudi-led forces", are read by the
role phrase itself: ``phrases.chain_end``.)
"""

from __future__ import annotations

from .phrases import apply_modifiers, chain_end, find_role, left_edge
from .state import HYPHENS, DocState


def code_hyphenated_tokens(state: DocState) -> None:
    """A country joined to a word in one token ("U.S.-led", "U.N.-backed"): the tokenizer
    keeps abbreviations whole. With a ``leading_words`` word and a role after ("U.S.-led
    troops") it is that country's agent; otherwise the country as a demonym only."""
    doc, kb = state.doc, state.kb
    for token in doc:
        text = token.text
        cut = max(text.rfind(h) for h in HYPHENS)
        if cut <= 0 or cut == len(text) - 1 or state.taken[token.i]:
            continue
        left, right = text[:cut], text[cut + 1 :]
        if not right.islower():
            continue  # "Russia-Ukraine", "Guinea-Bissau": two names, not a modifier
        ids = {
            e.actor_id
            for e in kb.surfaces.get(left, ())
            if e.how in ("name", "alias", "demonym") and not e.needs_ner
        }
        if len(ids) != 1:
            continue
        actor_id_ = next(iter(ids))
        if right in kb.roles.leading_words and kb.actors[actor_id_].type == "Country":
            end = chain_end(state, token.i + 1)
            role = find_role(state, token.i + 1, end)
            if role is not None and role.how == "agent":
                edge = left_edge(state, token.i)
                role = apply_modifiers(state, list(doc[token.i + 1 : role.start]), role)
                state.add_mention(actor_id_, edge, role.end, "agent", sector=role.sector)
                continue
        if right in kb.roles.patron_words:
            state.add_mention(actor_id_, token.i, token.i + 1, "demonym")
