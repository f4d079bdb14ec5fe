"""Repair for a counted object the parser took for a prepositional phrase: 'detained up to
40 Eritrean refugees', 'kidnapped up to 16 Russian advisers' parsed with 'up' as a particle
of the verb and 'to' as the preposition of the object."""

from __future__ import annotations

from ..syntax import children, dep


def counted_object(verb) -> list:
    """The nominal after 'up to' + a number, hung on the verb as a to-phrase."""
    doc = verb.doc
    found = []
    for nominal in children(verb, "obl"):
        cases = [c for c in nominal.children if dep(c) == "case" and c.lower_ == "to"]
        if not cases or not any(dep(c) == "nummod" for c in nominal.children):
            continue
        before = doc[cases[0].i - 1]
        if before.lower_ == "up" and before.head.i == verb.i and cases[0].i > verb.i:
            found.append(nominal)
    return found
