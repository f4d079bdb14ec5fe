"""Conservative in-article coreference: a wrong link is worse than none.

- "he"/"she" (and his, her, him, himself...) to a compatible person in the same
  sentence or the one before, preferring the subject when several fit (the article's
  main person, the subject of its first sentence, when the pronoun's own sentence names
  no one and reports someone else's view of him: "Critics said he had never ..."); an object
  pronoun never takes the subject of its own verb (nor a subject coordinated with it);
- "its"/"itself" to the nearest country or organisation in the same sentence (a
  singular body such as "the Russian Defence Ministry" counts; places, names that
  only modify a noun ("a Security Council resolution") and names inside a relative
  clause the pronoun is not in do not); "the text itself" is emphatic, not a link;
- "it" as a subject to a country or organisation that is a subject earlier in the
  sentence, else the subject of the sentence before ("China's Foreign Ministry said
  ... and it summoned"); never to the place a locative relative clause it is the subject
  of modifies ("China, where it has formed ...", "the country in which they operate");
- "they"/"their"/"them" likewise, to a plural group ("the G7 leaders") or to
  coordinated bodies ("Japan and South Korea"), one Mention per actor;
- "the two", "the two leaders", "both men" to the two people last named ("the two
  countries", "both governments" to the last two countries, not counting the
  subject's own); "both sides", "the two parties" to the pair the article's lead
  sets against each other, else a pair just coordinated as subjects;
- definite descriptions and titles (``descriptions``): "the alliance", "the bloc",
  "the general", "the president", "his Russian counterpart".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .descriptions import counterpart, definite_description
from .locative_clause import locative_clause_place, place_tokens

if TYPE_CHECKING:
    from ..records import Mention
    from .state import DocState

SUBJECT_DEPS = ("nsubj", "nsubjpass", "nsubj:pass")
BODY_TYPES = ("Country", "Organization", "ArmedGroup")
BODY_HOWS = ("name", "alias", "metonym", "pronoun", "coref")
REFLEXIVE = ("himself", "herself")
OBJECT_FORMS = ("him", "her")
PLURAL_PRONOUNS = ("they", "their", "them", "themselves", "theirs")
PAIR_WINDOW_SENTENCES = 3
SIDE_NOUNS = ("sides", "parties")
EXPLETIVE_HEADS = {
    "be",
    "seem",
    "appear",
    "take",
    "matter",
    "happen",
    "remain",
    "mean",
    "look",
    "rain",
    "become",
    "follow",
    "come",
    "go",
}


def _sentence_ids(doc) -> list[int]:
    """Sentence number of every token; a verb-less fragment the parser cut off the front
    of a sentence ("Russia | on Friday vetoed ...") counts as part of the next one."""
    ids = [0] * len(doc)
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return ids
    number = 0
    sents = list(doc.sents)
    for k, sent in enumerate(sents):
        for i in range(sent.start, sent.end):
            ids[i] = number
        fragment = not any(t.pos_ in ("VERB", "AUX") for t in sent) and not any(
            t.text in (".", "!", "?") or "\n" in t.text for t in sent
        )
        if not (fragment and k + 1 < len(sents)):
            number += 1
    return ids


def resolve_coreference(state: DocState) -> None:
    doc, lex = state.doc, state.lex
    sentence = _sentence_ids(doc)
    i = 0
    while i < len(doc):
        token = doc[i]
        low = token.lower_
        step = 1
        if state.taken[i]:
            pass
        elif low in ("the", "both"):
            step = _pair(state, i, sentence) or definite_description(state, i, sentence) or 1
        elif low in lex.masculine_pronouns:
            _person_pronoun(state, token, "m", sentence)
        elif low in lex.feminine_pronouns:
            _person_pronoun(state, token, "f", sentence)
        elif low in lex.body_pronouns:
            _body_pronoun(state, token, sentence)
        elif low == "it":
            _subject_pronoun(state, token, sentence, plural=False)
        elif low in PLURAL_PRONOUNS:
            _subject_pronoun(state, token, sentence, plural=True)
        elif low in ("counterpart", "counterparts"):
            counterpart(state, i)
        i += step


def _type(state: DocState, mention: Mention) -> str:
    return state.actor(mention.actor_id).type


def _root(state: DocState, mention: Mention):
    """The syntactic head of the mention's span (its last token when unparsed); for a
    country in "Sudan's army" or "China's Foreign Ministry", the noun it owns."""
    span = state.doc[mention.token_start : mention.token_end]
    if not state.doc.has_annotation("DEP"):
        return span[-1]
    root = span.root
    if root.dep_ in ("nmod:poss", "poss") and root.head.lower_ in state.lex.group_nouns:
        if _type(state, mention) in BODY_TYPES:
            return root.head
    return root


COORDINATION = ("conj", "flat", "flat:name")


def _first_conjunct(token):
    """Up through coordination, and through names a conjunct hangs off ("Joe [Biden] and
    Emmanuel Macron": the parser attaches "Emmanuel" to "Biden")."""
    while token.dep_ in COORDINATION and token.head.i != token.i:
        token = token.head
    return token


def is_subject(token) -> bool:
    """A subject, or a conjunct of one ("Ivanov and Fischer backed him")."""
    return _first_conjunct(token).dep_ in SUBJECT_DEPS


def _governor(token):
    return _first_conjunct(token).head


def _compatible(state: DocState, actor_id: str, gender: str) -> bool:
    known = state.kb.gender.get(actor_id) or state.gender.get(actor_id)
    return known is None or known == gender


def _ancestors(token):
    node = token
    while node.head.i != node.i:
        node = node.head
        yield node


def _subject_of(state: DocState, mention: Mention, node) -> bool:
    """The mention is the subject (or a coordinated subject) of ``node``."""
    root = _first_conjunct(_root(state, mention))
    return root.dep_ in SUBJECT_DEPS and root.head.i == node.i


def _clause_subject(state: DocState, token, pool: list[Mention]) -> list[Mention]:
    """The candidates that are the subject of the nearest clause above ``token`` that has
    one among them ("Erdogan said he believed ... and that he would discuss ...")."""
    for node in _ancestors(token):
        found = [m for m in pool if _subject_of(state, m, node)]
        if found:
            return found
    return []


def _binding_domain_subjects(state: DocState, token, pool: list[Mention]) -> set[str]:
    """Actors an object pronoun cannot be: the subjects of the clauses up to and including
    the first one with a subject of its own ("he looked forward to working with him")."""
    excluded: set[str] = set()
    for node in _ancestors(token):
        found = [m for m in pool if _subject_of(state, m, node)]
        excluded |= {m.actor_id for m in found}
        own = [c for c in node.children if c.dep_ in SUBJECT_DEPS and c.i < token.i]
        if own:
            break
    return excluded


def _object_of_judgement(state: DocState, token, pool: list[Mention]) -> str | None:
    """ "congratulated Lula on his election", "thanked X for her support": a possessive in
    such a phrase belongs to the verb's object."""
    phrase = token.head
    if phrase.dep_ not in ("obl", "nmod") or not any(
        c.lower_ in ("on", "for", "over", "of", "about") for c in phrase.children
    ):
        return None
    verb = phrase.head
    objects = {c.i for c in verb.children if c.dep_ in ("obj", "iobj")}
    if verb.dep_ in ("obj", "iobj"):
        objects.add(verb.i)  # "congratulated [Lula on his election]"
    found = [m for m in pool if _root(state, m).i in objects]
    return found[-1].actor_id if found else None


def _person_pronoun(state: DocState, token, gender: str, sentence: list[int]) -> None:
    here = sentence[token.i]
    parsed = state.doc.has_annotation("DEP")
    candidates = [
        m
        for m in state.mentions
        if m.token_end <= token.i
        and sentence[m.token_end - 1] >= here - 1
        and m.how != "place"
        and _type(state, m) == "Person"
        and _compatible(state, m.actor_id, gender)
        and not _lone_opener(state, m)
    ]
    low = token.lower_
    possessive = token.dep_ in ("poss", "nmod:poss") or low in ("his", "hers")
    is_object = low in OBJECT_FORMS and not possessive
    if low in REFLEXIVE:
        candidates = _clause_subject(state, token, candidates) if parsed else []
    elif is_object and parsed:  # "Xi met Putin and praised him": him is not the subject of praised
        excluded = _binding_domain_subjects(state, token, candidates)
        candidates = [m for m in candidates if m.actor_id not in excluded]
    same = [m for m in candidates if sentence[m.token_end - 1] == here]
    pool = same or candidates
    actors = {m.actor_id for m in pool}
    lead = None
    if not same and not is_object and low not in REFLEXIVE and _under_other_subject(token):
        lead = _lead_person(state, sentence)
        if lead is not None and not _compatible(state, lead, gender):
            lead = None
        if lead not in actors and not _named_again(state, lead, token, sentence):
            lead = None
    if lead is not None and (len(actors) > 1 or lead not in actors):
        chosen = lead  # an obituary's "he" two sentences on is its subject, not a condoler
    elif len(actors) == 1:
        chosen = actors.pop()
    elif not parsed:
        return
    else:
        chosen = _object_of_judgement(state, token, pool) if possessive else None
        if chosen is None:
            subjects = _clause_subject(state, token, pool)
            if not subjects:
                subjects = [m for m in pool if is_subject(_root(state, m))]
            if not subjects:
                return
            chosen = max(subjects, key=lambda m: m.token_start).actor_id
    state.add_mention(chosen, token.i, token.i + 1, "pronoun")


def _lone_opener(state: DocState, mention: Mention) -> bool:
    """A one-word name the KB does not know, opening its sentence, that the article never
    comes back to: its capital says nothing, and the NER's PERSON there is as often an
    abstract noun or a title ("Chaos, he writes, governs ..."): no pronoun's antecedent."""
    if mention.how != "name" or mention.actor_id not in state.new_actors:
        return False
    if mention.token_end - mention.token_start != 1:
        return False
    token = state.doc[mention.token_start]
    return token.is_sent_start and sum(t.text == token.text for t in state.doc) == 1


def _lead_person(state: DocState, sentence: list[int]) -> str | None:
    """The article's main person: the one its first sentence opens with as its subject
    (or its root, where a long relative clause made the parser hang the verb on the name)."""
    if not state.doc.has_annotation("DEP"):
        return None
    first = min(
        (m for m in state.mentions if m.token_start is not None),
        key=lambda m: m.token_start,
        default=None,
    )
    if first is None or sentence[first.token_start] > 0 or first.how not in ("name", "alias"):
        return None
    root = _root(state, first)
    if _type(state, first) == "Person" and (is_subject(root) or root.dep_ == "ROOT"):
        return first.actor_id
    return None


def _under_other_subject(token) -> bool:
    """The pronoun is in a clause that another subject governs ("Critics said he had
    never been held to account"): the sentence is about someone else's view of him, so
    the previous sentence's subject is no better a guess than the article's person."""
    for node in _ancestors(token):
        if any(
            c.dep_ in SUBJECT_DEPS and c.i < token.i and c.pos_ != "PRON" for c in node.children
        ):
            return True
    return False


def _named_again(state: DocState, person: str, token, sentence: list[int]) -> bool:
    """The person's surname stands in the sentence before the pronoun, even where the NER
    took it for something else ("calling Kissinger 'an old friend'", tagged ORG)."""
    if person is None:
        return False
    name = state.actor(person).name.split()
    if len(name) < 2:
        return False
    before = sentence[token.i] - 1
    return any(sentence[t.i] == before and t.text == name[-1] for t in state.doc[: token.i])


def _is_body_mention(state: DocState, m: Mention, plural: bool = False) -> bool:
    """A country or organisation acting as itself: by name, metonym or an earlier
    pronoun of the same number, or a group mention whose head noun has that number."""
    if _type(state, m) not in BODY_TYPES:
        return False
    if m.how in ("group", "agent"):
        tag = _root(state, m).tag_
        return tag in ("NNS", "NNPS") if plural else tag in ("NN", "NNP")
    if m.how == "pronoun":
        return (m.text.lower() in PLURAL_PRONOUNS) == plural
    if m.how == "coref" and state.doc[m.token_end - 1].tag_ in ("NNS", "NNPS"):
        return plural  # "the paramilitaries"
    return not plural and m.how in BODY_HOWS


def _in_relative_clause(token) -> bool:
    return any(node.dep_ in ("acl:relcl", "relcl") for node in [token, *_ancestors(token)])


def _body_candidates(state: DocState, token, sentence: list[int], plural: bool) -> list[Mention]:
    doc = state.doc
    here = sentence[token.i]
    parsed = doc.has_annotation("DEP")
    found = []
    for m in state.mentions:
        if m.token_end > token.i or sentence[m.token_end - 1] != here:
            continue
        if not _is_body_mention(state, m, plural):
            continue
        root = _root(state, m)
        before = doc[m.token_start - 1] if m.token_start > 0 else None
        if before is not None and before.lower_ in ("in", "into", "within", "inside"):
            continue  # "lay in the alliance": a container, not an agent
        if parsed and m.how not in ("pronoun",):
            if (
                root.dep_ == "compound"
                and root.head.i > root.i
                and before is not None
                and before.pos_ in ("DET", "ADJ", "NOUN", "NUM")
            ):
                continue  # "a draft Security Council resolution"
            if _in_relative_clause(root) and any(t.text == "," for t in doc[m.token_end : token.i]):
                continue  # "the deal that had allowed Ukraine ..., saying its demands"
        found.append(m)
    return found


def _body_pronoun(state: DocState, token, sentence: list[int]) -> None:
    doc = state.doc
    if token.lower_ == "itself" and token.i > 0 and doc[token.i - 1].pos_ in ("NOUN", "PROPN"):
        return  # "the text itself": emphatic, about the text
    candidates = _body_candidates(state, token, sentence, plural=False)
    if not candidates:
        return
    nearest = max(candidates, key=lambda m: m.token_start)
    between = doc[nearest.token_end : token.i]
    if any(t.tag_ == "NN" and t.dep_ in SUBJECT_DEPS for t in between):
        return  # "Russia's plan and its ..."-style readings are too uncertain
    state.add_mention(nearest.actor_id, token.i, token.i + 1, "pronoun")


def _subject_pronoun(state: DocState, token, sentence: list[int], plural: bool) -> None:
    """ "it" / "they" / "their": the body (or bodies) that is the subject of a clause above
    the pronoun in the same sentence, else the subject of the previous sentence."""
    if not state.doc.has_annotation("DEP"):
        return
    if not plural:
        if token.dep_ not in SUBJECT_DEPS:
            return
        head = token.head
        if head.lemma_ in EXPLETIVE_HEADS or any(
            c.dep_ == "cop" or c.lemma_ == "be" for c in head.children if c.i > token.i
        ):
            return  # "it was the first time", "it seems"
    place = _locative_place(state, token)
    pool = _body_candidates(state, token, sentence, plural)
    if plural:
        pool += _coordinated_subjects(state, token, sentence[token.i], sentence)
    pool = [m for m in pool if m.actor_id not in place]
    chosen, blocked = _nearest_subject(state, token, pool)
    if not chosen and not blocked:
        chosen = _previous_subjects(state, token, sentence, plural)
    chosen = [m for m in chosen if m.actor_id not in place]
    if not chosen:
        return
    actors = list(dict.fromkeys(m.actor_id for m in chosen))
    if not plural and len(actors) != 1:
        return
    if plural and len(actors) == 1 and not _is_body_mention(state, chosen[0], plural=True):
        return  # "they" for one country: only with a plural group or coordinated bodies
    for actor in actors:
        state.add_mention(actor, token.i, token.i + 1, "pronoun")


def _locative_place(state: DocState, token) -> set[str]:
    """Actors the pronoun cannot be because it is the subject of a locative relative
    clause about them ("China, where it has formed a partnership": not China)."""
    place = locative_clause_place(token)
    if place is None:
        return set()
    where = place_tokens(place)
    return {
        m.actor_id
        for m in state.mentions
        if m.token_start is not None and any(m.token_start <= i < m.token_end for i in where)
    }


def _nearest_subject(state: DocState, token, pool: list[Mention]) -> tuple[list[Mention], bool]:
    """The subject of the nearest clause above the pronoun that has one: the candidates
    there, or ([], True) when that subject is no actor ("both sides believed they",
    "Fernandez said it opened")."""
    for node in _ancestors(token):
        subjects = [
            c
            for c in node.children
            if c.dep_ in SUBJECT_DEPS and c.i < token.i and not c.is_space and c.i != token.i
        ]
        if not subjects:
            continue
        found = [m for m in pool if _subject_of(state, m, node)]
        if found:
            return found, False
        return [], True
    return [], False


def _coordinated_subjects(state: DocState, token, here: int, sentence) -> list[Mention]:
    """Bodies coordinated as subjects earlier in the sentence: "Japan and South Korea said
    they..."; both, as one plural antecedent."""
    found = [
        m
        for m in state.mentions
        if m.token_end <= token.i
        and sentence[m.token_end - 1] == here
        and _is_body_mention(state, m)
        and is_subject(_root(state, m))
    ]
    if not any(_root(state, m).dep_ == "conj" for m in found):
        return []
    return found


def _previous_subjects(state: DocState, token, sentence: list[int], plural: bool) -> list[Mention]:
    """The subject of the previous sentence's main clause, if a body of the right number
    (coordinated bodies count as plural)."""
    here = sentence[token.i]
    if here == 0:
        return []
    found = []
    for m in state.mentions:
        if sentence[m.token_end - 1] != here - 1 or m.how == "place":
            continue
        root = _root(state, m)
        if not is_subject(root):
            continue
        governor = _governor(root)
        if governor.dep_ != "ROOT" and governor.head.i != governor.i:
            continue  # the subject of the sentence's main clause only
        found.append(m)
    if not found:
        return []
    first = min(found, key=lambda m: m.token_start)
    group = [m for m in found if _governor(_root(state, m)).i == _governor(_root(state, first)).i]
    if plural:
        if len({m.actor_id for m in group}) > 1 and all(_is_body_mention(state, m) for m in group):
            return group
        return [first] if _is_body_mention(state, first, plural=True) else []
    return [first] if len(group) == 1 and _is_body_mention(state, first) else []


def _pair(state: DocState, i: int, sentence: list[int]) -> int | None:
    """'the two (leaders)' / 'both leaders': one mention per actor of the last two named."""
    doc, lex = state.doc, state.lex
    if doc[i].lower_ == "the":
        if i + 1 >= len(doc) or doc[i + 1].lower_ != "two":
            return None
        noun_at = i + 2
    else:
        noun_at = i + 1
    noun = doc[noun_at].lower_ if noun_at < len(doc) else ""
    if noun in lex.pair_nouns:
        kind, end = "Person", noun_at + 1
    elif noun in lex.pair_country_nouns:
        kind, end = "Country", noun_at + 1
    elif noun in SIDE_NOUNS:
        return _sides(state, i, noun_at + 1, sentence)
    elif doc[i].lower_ == "the" and (
        noun_at >= len(doc) or doc[noun_at].pos_ not in ("NOUN", "PROPN", "NUM", "ADJ")
    ):
        kind, end = "Person", noun_at
    else:
        return None
    if not state.is_free(i, end):
        return None
    here = sentence[i]
    own = _subject_phrase(state, i)
    chosen: list[str] = []
    for mention in sorted(state.mentions, key=lambda m: -m.token_start):
        if mention.token_end > i or sentence[mention.token_end - 1] < here - PAIR_WINDOW_SENTENCES:
            continue
        if own is not None and own[0] <= mention.token_start < own[1]:
            continue  # "French President Emmanuel Macron thanked both governments"
        if _type(state, mention) == kind and mention.actor_id not in chosen:
            chosen.append(mention.actor_id)
            if len(chosen) == 2:
                break
    if len(chosen) != 2:
        return None
    for actor in reversed(chosen):
        state.add_mention(actor, i, end, "coref")
    return end - i


def _subject_phrase(state: DocState, i: int) -> tuple[int, int] | None:
    """Token range of the subject of the verb that governs the phrase at ``i``."""
    doc = state.doc
    if not doc.has_annotation("DEP"):
        return None
    node = doc[i]
    while node.head.i != node.i and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS and not c.is_space]
    if not subjects:
        return None
    return min(c.left_edge.i for c in subjects), max(c.right_edge.i for c in subjects) + 1


def _sides(state: DocState, i: int, end: int, sentence: list[int]) -> int | None:
    """'both sides', 'the two parties': the pair the lead sentence sets against each other
    ("A and B signed", "between A and B"), else a pair coordinated as subjects earlier in
    the same sentence."""
    if not state.is_free(i, end) or not state.doc.has_annotation("DEP"):
        return None
    pair = _coordinated_pair(state, 0, i, sentence) or _coordinated_pair(
        state, sentence[i], i, sentence
    )
    if pair is None:
        return None
    for actor in reversed(pair):
        state.add_mention(actor, i, end, "coref")
    return end - i


def _coordinated_pair(state: DocState, number: int, before: int, sentence) -> list[str] | None:
    """Two bodies coordinated as subjects, or after "between", in sentence ``number``."""
    bodies = [
        m
        for m in state.mentions
        if m.token_end <= before
        and sentence[m.token_end - 1] == number
        and _type(state, m) in BODY_TYPES
        and m.how not in ("place",)
    ]
    doc = state.doc
    for m in bodies:
        root = _root(state, m)
        if root.dep_ == "conj":
            first = next((b for b in bodies if _root(state, b).i == root.head.i), None)
        elif root.dep_ in SUBJECT_DEPS:  # "A and B signed", parsed as two subjects
            first = next(
                (
                    b
                    for b in bodies
                    if b.token_end <= m.token_start
                    and _root(state, b).dep_ in SUBJECT_DEPS
                    and _root(state, b).head.i == root.head.i
                    and any(t.lower_ == "and" for t in doc[b.token_end : m.token_start])
                ),
                None,
            )
        else:
            continue
        if first is None or first.actor_id == m.actor_id:
            continue
        head = _root(state, first)
        between = head.left_edge.i > 0 and doc[head.left_edge.i - 1].lower_ == "between"
        if is_subject(head) or between:
            return [first.actor_id, m.actor_id]
    return _linear_pair(state, bodies)


def _linear_pair(state: DocState, bodies: list[Mention]) -> list[str] | None:
    """ "Sudan's army and the Rapid Support Forces signed ...", "between Israel and Hamas"
    read off the words when the parse is no help: two bodies joined by "and" that open
    the sentence or follow "between"."""
    doc, lex = state.doc, state.lex
    ordered = sorted(bodies, key=lambda m: m.token_start)
    for first, second in zip(ordered, ordered[1:], strict=False):
        if first.actor_id == second.actor_id:
            continue
        gap = doc[first.token_end : second.token_start]
        if len(gap) > 5 or "and" not in [t.lower_ for t in gap]:
            continue
        if not all(
            t.text in ("'s", "\u2019s")
            or t.lower_ in ("and", "the", "a")
            or t.lower_ in lex.group_nouns
            or (t.is_lower and t.pos_ in ("ADJ", "NOUN"))
            for t in gap
        ):
            continue  # "Sudan's army and the paramilitary", not a clause in between
        start = first.token_start
        before = doc[start - 1].lower_ if start > 0 else ""
        opening = start == doc[start].sent.start or before == "between"
        if opening:
            return [first.actor_id, second.actor_id]
    return None
