"""Polities the knowledge base does not know, where they act.

The KB holds the states, territories and past states that news names most (with the
de facto states Somaliland, Abkhazia, Transnistria as countries), and its places
(``places.csv``) are always places of their country. Other names the NER tags GPE are
left alone, because most are places: "in Moravia", "the Texas coast", "Springfield,
Illinois". But a polity the KB lacks also acts: a breakaway or past state ("the
Confederacy seceded", "the Union blockaded the ports"), a sub-national government ("the
State of Texas sued", "Catalonia's government"). Such a name becomes an actor of type
``Country`` (the KB's type for every self-governing polity it holds, sovereign or not;
docs/actors.md, "Unknown polities") with a slug id (``country:confederacy``), like the
new organisations of ``orgs``, only where the sentence shows it acting:

- the subject of a verb of a state's or polity's own acts (``state_verbs``,
  ``polity_verbs``: "seceded", "sued", "declared"; not "Texas borders Mexico", "Moravia
  has hills", "the Louvre reopened"), or the agent of a passive ("blockaded by the
  Union");
- the owner of a role ("the Confederacy's army", "Catalonia's government": an
  ``agent`` mention over the whole phrase, with the role's sector);
- the object of a state's act ("recognised Somaliland"; ``state_verbs``);
- a counterpart: "war with the Union", "talks between X and Y" (``counterpart_heads``
  before ``counterpart_prepositions``), "rebelled against the Union".

"the State of X", "the Republic of X" (``polity_words`` + "of" + a name, whatever label
the NER gave it) names the polity itself and needs no act, only not to be a location.

Never: a name after a locative preposition ("in", "to", "from", ...: it is the object of
that preposition, not of one of the above), a modifier of a noun ("the Texas coast"), a
dateline ("AUSTIN, Texas -"), a name inside a longer name, a name in capitals, names of
seas or laws, or words that are no names alone ("State", "Government").
"""

from __future__ import annotations

from ..records import Actor
from .names import actor_id, fold
from .phrases import chain_end, find_role
from .state import POSSESSIVE, DocState

DATELINE_MARKS = ("-", "\u2013", "\u2014", "--", ":")
PASSIVE_MARKS = ("auxpass", "nsubjpass", "aux:pass", "nsubj:pass")
SPEAKS_FOR = ("of", "for")


def find_new_polities(state: DocState) -> None:
    """NER places the KB does not know, as new country actors where they act (after the
    bare roles, so that an unknown polity is never the country of "the government")."""
    doc = state.doc
    for start, end in _candidates(state):
        if start >= end or not state.is_free(start, end) or _not_a_polity(state, start, end):
            continue
        lead = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start
        if not state.is_free(lead, start) or _inside_longer_name(state, lead, end):
            continue
        if _dateline(state, start, end) or _kb_name_left_undecided(state, start, end):
            continue
        acting = _acting(state, start, end)
        if acting is None:
            continue
        name = state.span_text(start, end)
        new_id = actor_id(name, "Country")
        if new_id in state.kb.actors or _misspelt_country(state, name):
            continue
        if new_id not in state.new_actors:
            state.new_actors[new_id] = Actor(id=new_id, name=name, type="Country")
        how, sector, mention_end = acting[:3]
        first = acting[3] if len(acting) > 3 else lead
        state.add_mention(new_id, first, mention_end, how, sector=sector)


def _kb_name_left_undecided(state: DocState, start: int, end: int) -> bool:
    """A KB name pass 1 left out on purpose ("Georgia" in an American article, or in one
    that does not say which Georgia): no new polity of the same name either."""
    return any(state.match_at[i] is not None for i in range(start, end))


def _candidates(state: DocState) -> list[tuple[int, int]]:
    """NER places, and names of the form "State of X", "Republic of X" whatever the NER
    called them; "the" and a possessive trimmed, "the State of" joined to "Texas"."""
    doc, lex = state.doc, state.lex
    spans = []
    for ent in doc.ents:
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ == "the":
            start += 1
        while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
            end -= 1
        if start >= end:
            continue
        if ent.label_ != "GPE" and not _polity_of(state, start, end):
            continue
        if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].text in lex.polity_words:
            start -= 2  # "the State of Texas": the polity, not the place inside it
        spans.append((start, end))
    return spans


def _polity_of(state: DocState, start: int, end: int) -> bool:
    """ "State of Texas", "Republic of Ruritania": a polity word, "of", a name."""
    doc = state.doc
    return (
        end - start >= 3
        and doc[start].text in state.lex.polity_words
        and doc[start + 1].lower_ == "of"
        and doc[start + 2].pos_ == "PROPN"
    )


def _misspelt_country(state: DocState, name: str) -> bool:
    """ "Ethopia", "Afganistan", "Quatar": one letter from a known country's name is a
    typing slip, not a new polity (no actor: which country is meant is the KB's call)."""
    if len(name) < 5:
        return False
    low = fold(name)
    for actor in state.kb.actors.values():
        if actor.type != "Country":
            continue
        for known in (actor.name, *actor.aliases):
            if abs(len(known) - len(name)) <= 1 and _one_edit(low, fold(known)):
                return True
    return False


def _one_edit(a: str, b: str) -> bool:
    """Two different spellings one insertion, deletion, substitution or swap apart."""
    if a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (
            i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        )
    return a[i:] == b[i + 1 :]


def _not_a_polity(state: DocState, start: int, end: int) -> bool:
    """Seas, laws, events; words that are no names alone; names in capitals."""
    doc, lex = state.doc, state.lex
    tokens = doc[start:end]
    if not any(t.pos_ == "PROPN" for t in tokens):
        return True
    if state.has_place_or_thing_word(start, end):
        return True  # "Gulf of Aden", "Texas Act"
    if any(t.text in lex.org_words and t.text not in lex.polity_words for t in tokens):
        return True  # "the United States Court of Appeals", "Senate Democrats": a body
    if state.span_text(start, end) in lex.not_names or state.is_media_name(start, end):
        return True
    if all(t.is_upper for t in tokens if t.is_alpha) and sum(len(t) for t in tokens) > 3:
        return True  # "TEXAS": a dateline or a heading
    return all(
        t.lower_ in lex.role_nouns or t.lower_ in lex.title_words or t.is_punct for t in tokens
    )


def _inside_longer_name(state: DocState, lead: int, end: int) -> bool:
    """ "University of Texas", "Texas Rangers": a capitalised word joins the name on
    either side (or "of" + a name in front)."""
    doc = state.doc

    def capitalised(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].is_alpha and doc[i].text[:1].isupper()

    if lead > 0 and capitalised(lead - 1) and doc[lead - 1].pos_ == "PROPN":
        return True
    if lead > 1 and doc[lead - 1].lower_ == "of" and capitalised(lead - 2):
        return True  # "the Supreme Court of the State of Hawaii" ("State of" is joined)
    return capitalised(end) and doc[end].pos_ in ("PROPN", "NOUN")


def _dateline(state: DocState, start: int, end: int) -> bool:
    """ "AUSTIN, Texas -": a place at the head of a sentence, before a dash or colon."""
    doc = state.doc
    sent = doc[start].sent
    if start - sent.start > 4:
        return False
    k = end
    while k < len(doc) and k - end < 3 and doc[k].text == ",":
        k += 1
    return k < len(doc) and doc[k].text in DATELINE_MARKS


def _span_root(state: DocState, start: int, end: int):
    for token in state.doc[start:end]:
        if token.head.i < start or token.head.i >= end or token.head.i == token.i:
            return token
    return state.doc[end - 1]


def _preposition(root) -> tuple[str, object] | None:
    """The preposition a noun hangs on and the word it governs, in either scheme: UD
    ("collapsed" <-obl- "Ruritania" -case-> "between") or ClearNLP ("between" -pobj->)."""
    if root.dep_ == "pobj" and root.head.i != root.i:
        return root.head.lower_, root.head.head
    if root.dep_ in ("nmod", "obl", "obl:agent"):
        for child in root.children:
            if child.dep_ == "case" and child.pos_ == "ADP":
                return child.lower_, root.head
    return None


def _capitalised(tokens) -> bool:
    """A role word written with a capital inside a sentence belongs to a longer name
    ("King Arthur's Court", "the Supreme Court of the State of Hawaii")."""
    return any(t.text[:1].isupper() and not t.is_sent_start for t in tokens)


def _act_verb(state: DocState, verb) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in state.lex.state_verbs or lemma in state.lex.polity_verbs


def _passive(verb) -> bool:
    return any(c.dep_ in PASSIVE_MARKS for c in verb.children)


def _acting(state: DocState, start: int, end: int) -> tuple | None:
    """(how, sector, mention end[, mention start]) where the name acts in its sentence,
    else None. "the State of X" names the polity itself, so it needs no act, only not to
    be a location ("in the State of Texas") or a modifier."""
    root = _span_root(state, start, end)
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "the Union and the Confederacy fought": the first conjunct's
    found = _acts(state, root, start, end)
    if found is not None or not _polity_of(state, start, end):
        return found
    if root.dep_ in ("compound", "amod"):
        return None
    prep = _preposition(root)
    if prep is not None and prep[0] in state.lex.place_prepositions:
        return None
    return ("name", None, end)  # "disappointed for Houston and the State of Texas"


def _acts(state: DocState, root, start: int, end: int) -> tuple | None:
    doc, lex = state.doc, state.lex
    dep, head = root.dep_, root.head
    if dep == "nsubj" and head.pos_ == "VERB":
        if _act_verb(state, head):
            return ("name", None, end)  # "the Confederacy seceded", "Texas sued"
        return None  # "Texas borders Mexico", "Moravia has hills", "the Louvre reopened"
    if dep in ("poss", "nmod:poss") and end < len(doc) and doc[end].text in POSSESSIVE:
        run_end = chain_end(state, end + 1)
        role = find_role(state, end + 1, run_end) if run_end > end + 1 else None
        if role is not None and role.how == "agent" and not _capitalised(doc[end + 1 : role.end]):
            return ("agent", role.sector, role.end)  # "the Confederacy's army" MIL
        return None  # "Moravia's hills"
    if dep in ("dobj", "obj") and head.pos_ == "VERB" and head.lemma_.lower() in lex.state_verbs:
        return ("name", None, end)  # "recognised Ruritania"
    found = _preposition(root)
    if found is None:
        return None
    prep, governor = found
    if prep == "by" and governor.pos_ == "VERB" and _passive(governor):
        # "blockaded by the Union"; not "bordered by Edgewater"
        return ("name", None, end) if _act_verb(state, governor) else None
    if prep in lex.opposed_prepositions:
        return ("name", None, end)  # "rebelled against the Union"
    if prep in lex.counterpart_prepositions and _counterpart_of(state, governor):
        return ("name", None, end)  # "war with the Union", "held talks with Quebec"
    if prep in SPEAKS_FOR and governor.i < start:
        return _role_of(state, governor, prep, start, end)
    return None


def _counterpart_of(state: DocState, governor) -> bool:
    """ "war with", "talks between", "negotiated with", or a verb whose object is such a
    noun ("held talks with", "signed a treaty with": UD hangs the phrase on the verb)."""
    heads = state.lex.counterpart_heads
    if governor.lemma_.lower() in heads:
        return True
    return governor.pos_ == "VERB" and any(
        c.dep_ in ("obj", "dobj") and c.lemma_.lower() in heads for c in governor.children
    )


def _role_of(state: DocState, governor, prep: str, start: int, end: int) -> tuple | None:
    """ "the army of the Confederacy" (an agent mention over the phrase, with the role's
    sector), "a spokesman for Ruritania"; not "citizens of San Francisco" (people of a
    place, not its government) nor "the editor of ..."."""
    doc = state.doc
    role = find_role(state, governor.i, governor.i + 1, legacy_ok=False)
    if role is None:
        speaks = prep == "for" and governor.lower_ in state.lex.role_nouns
        return ("name", None, end) if speaks else None
    if role.how != "agent" or _capitalised([governor]):
        return None  # "Supreme Court of the State of X": a longer name
    first = governor.i - 1 if governor.i > 0 and doc[governor.i - 1].lower_ == "the" else governor.i
    if not state.is_free(first, start):
        return None
    return ("agent", role.sector, end, first)
