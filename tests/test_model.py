"""graphbuild's own English pipeline: it loads offline, reads the seed article
right, and the recipe that trains it converts the treebanks faithfully."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from graphbuild.nlp import DEFAULT_MODEL_DIR, ModelError, load_pipeline
from graphbuild.nlp.labels import EntityLabelMapper, add_label_mapping, label_mapping
from graphbuild.nlp.names import complete_person_names

REPO = Path(__file__).resolve().parent.parent
SEED = next((REPO / "seeds").glob("*.txt"))

needs_model = pytest.mark.skipif(
    not (DEFAULT_MODEL_DIR / "config.cfg").exists(), reason="the trained pipeline is not built"
)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def seed_doc(nlp):
    return nlp(SEED.read_text(encoding="utf-8"))


def _ents(doc, label):
    return {ent.text for ent in doc.ents if ent.label_ == label}


# --- the shipped pipeline ---------------------------------------------------


@needs_model
def test_shipped_pipeline_loads_without_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network use during model loading")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    nlp = spacy.load(DEFAULT_MODEL_DIR)
    for component in ("tok2vec", "tagger", "morphologizer", "parser", "lemmatizer", "ner"):
        assert component in nlp.pipe_names
    assert {"PERSON", "ORG", "GPE", "LOC"} <= set(nlp.get_pipe("ner").labels)
    assert nlp("Putin spoke.")[0].lemma_ == "Putin"


@needs_model
def test_meta_names_data_licences_hashes_and_held_out_scores():
    meta = json.loads((DEFAULT_MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["license"] == "CC BY-SA 4.0"
    assert any("GUM" in source["name"] for source in meta["sources"])
    assert any("EWT" in source["name"] for source in meta["sources"])
    info = meta["graphbuild"]
    assert len(info["config_sha256"]) == 64 and len(info["data_sha256"]) == 64
    scores = info["scores_heldout"]
    assert 0.5 < scores["dep_las"] <= 1 and 0.5 < scores["pos_acc"] <= 1
    readme = (DEFAULT_MODEL_DIR / "README.md").read_text(encoding="utf-8")
    assert f"{100 * scores['dep_las']:.1f}" in readme
    size = sum(f.stat().st_size for f in DEFAULT_MODEL_DIR.rglob("*") if f.is_file())
    assert size < 50 * 1024 * 1024


@needs_model
@pytest.mark.parametrize(
    "name", ["Xi Jinping", "Vladimir Putin", "Volodymyr Zelensky", "Antony Blinken"]
)
def test_seed_leaders_are_persons(seed_doc, name):
    assert name in _ents(seed_doc, "PERSON")


@needs_model
@pytest.mark.parametrize("name", ["Moscow", "Ukraine", "Russia"])
def test_seed_places_are_gpe(seed_doc, name):
    assert name in _ents(seed_doc, "GPE")


@needs_model
def test_subject_object_and_possessor_of_praised(nlp):
    doc = nlp("Putin praised Xi's leadership.")
    praised = next(t for t in doc if t.text == "praised")
    subjects = [c.text for c in praised.children if c.dep_ == "nsubj"]
    objects = [c for c in praised.children if c.dep_ == "obj"]
    assert subjects == ["Putin"]
    assert [o.text for o in objects] == ["leadership"]
    assert [c.text for c in objects[0].children if c.dep_ == "nmod:poss"] == ["Xi"]
    assert praised.lemma_ == "praise" and praised.tag_ == "VBD" and praised.pos_ == "VERB"


@needs_model
def test_passive_subject_and_sentences(nlp):
    doc = nlp("The treaty was signed by Germany. France rejected it.")
    signed = next(t for t in doc if t.text == "signed")
    assert [c.text for c in signed.children if c.dep_ == "nsubj:pass"] == ["treaty"]
    assert len(list(doc.sents)) == 2


# --- loading other pipelines and their labels -------------------------------


def test_missing_model_is_a_one_line_model_error(tmp_path):
    with pytest.raises(ModelError) as info:
        load_pipeline(str(tmp_path / "no-such-model"))
    assert "no-such-model" in str(info.value) and "\n" not in str(info.value)


def test_broken_model_folder_is_a_model_error(tmp_path):
    (tmp_path / "config.cfg").write_text('[nlp]\nlang = "en"\npipeline = ["nope"]\n')
    (tmp_path / "meta.json").write_text("{}")
    with pytest.raises(ModelError):
        load_pipeline(str(tmp_path))


def test_label_mapping_for_conll_style_and_verbose_labels():
    # CoNLL/WikiNER style: no GPE label, so LOC names countries and cities
    assert label_mapping(("PER", "ORG", "LOC", "MISC")) == {"PER": "PERSON", "LOC": "GPE"}
    assert label_mapping(("PERSON", "ORGANIZATION", "LOCATION", "GPE")) == {
        "ORGANIZATION": "ORG",
        "LOCATION": "LOC",
    }
    assert label_mapping(("PERSON", "NORP", "ORG", "GPE", "LOC", "DATE")) == {}


def test_label_mapper_component_relabels_a_foreign_pipeline():
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    for label in ("PER", "ORG", "LOC"):
        ner.add_label(label)
    assert add_label_mapping(nlp) == {"PER": "PERSON", "LOC": "GPE"}
    assert nlp.pipe_names == ["ner", "graphbuild_entity_labels"]
    doc = nlp.make_doc("Olaf Scholz visited Kyiv")
    doc.ents = [Span(doc, 0, 2, label="PER"), Span(doc, 3, 4, label="LOC")]
    doc = nlp.get_pipe("graphbuild_entity_labels")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Olaf Scholz", "PERSON"), ("Kyiv", "GPE")]


def test_label_mapper_leaves_unknown_labels():
    doc = Doc(spacy.blank("en").vocab, words=["Monday", "Paris"])
    doc.ents = [Span(doc, 0, 1, label="DATE"), Span(doc, 1, 2, label="LOC")]
    EntityLabelMapper({"LOC": "GPE"})(doc)
    assert [e.label_ for e in doc.ents] == ["DATE", "GPE"]


def _parsed(words, heads, deps, pos, ents):
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def test_person_name_completion_follows_the_name_relation():
    doc = _parsed(
        ["Chinese", "leader", "Xi", "Jinping", "arrived", "in", "Moscow"],
        [1, 3, 3, 4, 4, 6, 4],
        ["amod", "nmod:desc", "compound", "nsubj", "ROOT", "case", "obl"],
        ["ADJ", "NOUN", "PROPN", "PROPN", "VERB", "ADP", "PROPN"],
        [(0, 1, "NORP"), (2, 3, "PERSON"), (6, 7, "GPE")],
    )
    complete_person_names(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Chinese", "NORP"),
        ("Xi Jinping", "PERSON"),
        ("Moscow", "GPE"),
    ]


def test_person_name_completion_does_not_swallow_other_words():
    # "Putin Moscow" (no name relation) and an entity next door stay as they are
    doc = _parsed(
        ["Putin", "Kremlin", "aides", "met", "Xi", "Beijing"],
        [2, 2, 3, 3, 3, 3],
        ["compound", "compound", "nsubj", "ROOT", "obj", "obl"],
        ["PROPN", "PROPN", "NOUN", "VERB", "PROPN", "PROPN"],
        [(0, 1, "PERSON"), (1, 2, "ORG"), (4, 5, "PERSON")],
    )
    complete_person_names(doc)
    assert [e.text for e in doc.ents] == ["Putin", "Kremlin", "Xi"]


# --- the training recipe ------------------------------------------------------

CONLLU = """# newdoc id = GUM_news_example
# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity
# sent_id = GUM_news_example-1
# text = critics of U.S. President Donald Trump's policies
1	critics	critic	NOUN	NNS	Number=Plur	0	root	0:root	Entity=(1-person-new-nnnnn-cf8-1-sgl
2	of	of	ADP	IN	_	8	case	8:case	_
3	U.S.	U.S.	PROPN	NNP	Number=Sing	4	compound	4:compound	Entity=(2-person-new-ssnsn-cf5-1,2,3,4-coref-Donald_Trump(3-place-giv:act-snsns-cf2-1-coref-United_States)
4	President	President	PROPN	NNP	Number=Sing	5	nmod:desc	5:nmod:desc	_
5	Donald	Donald	PROPN	NNP	Number=Sing	8	nmod:poss	8:nmod:poss	_
6-7	Trump's	_	_	_	_	_	_	_	_
6	Trump	Trump	PROPN	NNP	Number=Sing	5	flat	5:flat	_
7	's	's	PART	POS	_	5	case	5:case	Entity=2)
8	policies	policy	NOUN	NNS	Number=Plur	1	nmod	1:nmod	Entity=1)

# sent_id = GUM_news_example-2
# text = The President met Muslims in the Pacific Ocean.
1	The	the	DET	DT	_	2	det	2:det	Entity=(4-person-giv-ssnsn-cf1-2-coref-Donald_Trump
2	President	President	PROPN	NNP	Number=Sing	3	nsubj	3:nsubj	Entity=4)
3	met	meet	VERB	VBD	_	0	root	0:root	_
4	Muslims	Muslim	PROPN	NNPS	Number=Plur	3	obj	3:obj	Entity=(5-person-new-nnnnn-cf6-1-sgl)
5	in	in	ADP	IN	_	8	case	8:case	_
6	the	the	DET	DT	_	8	det	8:det	Entity=(6-place-new-nnnnn-cf2-3-sgl-Pacific_Ocean
7	Pacific	Pacific	PROPN	NNP	Number=Sing	8	compound	8:compound	_
8	Ocean	Ocean	PROPN	NNP	Number=Sing	3	obl	3:obl	Entity=6)|SpaceAfter=No
9	.	.	PUNCT	.	_	3	punct	3:punct	_

"""


@pytest.fixture()
def gum_sentences(tmp_path):
    from training.conllu import read_documents

    path = tmp_path / "GUM_news_example.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    [document] = list(read_documents(path))
    return document.sentences


def _span_texts(words, spans):
    return [(" ".join(w.form for w in words[s:e]), label) for s, e, label in spans]


def test_conllu_reader_expands_multiword_tokens(gum_sentences):
    words = gum_sentences[0].words
    assert [w.form for w in words][4:7] == ["Donald", "Trump", "'s"]
    assert [w.space_after for w in words][4:7] == [True, False, True]
    assert words[4].head == 8 and words[4].deprel == "nmod:poss"


def test_gum_names_drop_titles_and_keep_inner_places(gum_sentences):
    from training.entities import named_entities

    first, second = gum_sentences
    assert _span_texts(first.words, named_entities(first.words)) == [
        ("U.S.", "GPE"),
        ("Donald Trump", "PERSON"),
    ]
    # a bare title is no name; a plural group is NORP; seas and oceans are LOC
    assert _span_texts(second.words, named_entities(second.words)) == [
        ("Muslims", "NORP"),
        ("Pacific Ocean", "LOC"),
    ]


def test_docs_without_entity_layer_leave_ner_missing(gum_sentences):
    from training.convert import _to_doc

    vocab = spacy.blank("en").vocab
    unannotated = _to_doc(vocab, gum_sentences, None)
    assert {t.ent_iob_ for t in unannotated} == {""}  # missing, not "O"
    annotated = _to_doc(vocab, gum_sentences, [[(4, 6, "PERSON")], []])
    assert [e.text for e in annotated.ents] == ["Donald Trump"]
    assert annotated[0].ent_iob_ == "O"
    assert annotated.text.startswith("critics of U.S. President Donald Trump's policies The")
    assert [t.dep_ for t in annotated if t.head == t] == ["ROOT", "ROOT"]


def test_title_insertion_keeps_trees_well_formed(gum_sentences):
    import random

    from training.augment import insert_titles

    rng = random.Random(3)
    words = gum_sentences[0].words
    spans = [(4, 6, "PERSON")]
    for _ in range(20):
        new_words, new_spans = insert_titles(words, spans, rng, rate=1.0)
        assert sum(1 for w in new_words if w.head == 0) == 1
        assert all(0 <= w.head <= len(new_words) for w in new_words)
        for index in range(len(new_words)):  # every word reaches the root without a cycle
            seen, node = set(), index + 1
            while node and node not in seen:
                seen.add(node)
                node = new_words[node - 1].head
            assert node == 0
        person = [(s, e) for s, e, label in new_spans if label == "PERSON"]
        assert [" ".join(w.form for w in new_words[s:e]) for s, e in person] == ["Donald Trump"]


def test_name_substitution_draws_knowledge_base_names_of_the_same_length(gum_sentences):
    import random

    from training.augment import substitute_names
    from training.kb_names import kb_names

    names = kb_names()
    assert {"ECOWAS", "SADC", "IAEA"} <= set(names["ORG"])  # acronyms unseen in GUM
    assert "Bola Tinubu" in names["PERSON"] and "Tinubu" in names["PERSON"]
    assert "Abuja" in names["GPE"]
    assert not any(n.startswith("~") or "," in n for pool in names.values() for n in pool)

    words = gum_sentences[0].words

    def share_from_kb(kb_share: float) -> float:
        rng = random.Random(0)
        drawn = []
        for _ in range(300):
            new_words = substitute_names(
                words, [(4, 6, "PERSON")], rng, rate=1.0, kb_share=kb_share
            )
            assert len(new_words) == len(words)
            assert [w.head for w in new_words] == [w.head for w in words]  # gold tree untouched
            drawn.append(" ".join(w.form for w in new_words[4:6]))
        return sum(name in names["PERSON"] for name in drawn) / len(drawn)

    # the shipped recipe (share 0) draws generic names only; --kb-names 0.4 about two in five
    assert share_from_kb(0.0) < 0.05
    assert 0.25 < share_from_kb(0.4) < 0.55


def test_person_only_knowledge_base_share_leaves_other_labels_generic(gum_sentences):
    import random

    from training.augment import substitute_names
    from training.kb_names import kb_names

    names = kb_names()
    words = gum_sentences[0].words
    rng = random.Random(1)
    persons, places = [], []
    for _ in range(300):
        new_words = substitute_names(
            words, [(2, 3, "GPE"), (4, 6, "PERSON")], rng, rate=1.0, person_kb_share=0.3
        )
        assert [w.head for w in new_words] == [w.head for w in words]
        persons.append(" ".join(w.form for w in new_words[4:6]))
        places.append(new_words[2].form)
    assert 0.15 < sum(name in names["PERSON"] for name in persons) / len(persons) < 0.45
    generic_places = substitute_names(
        words, [(2, 3, "GPE")], random.Random(1), rate=1.0, person_kb_share=0.0
    )[2].form
    assert places[0] == generic_places  # the place pool is the generic one, untouched


# --- Universal NER on the EWT trees ---------------------------------------------

EWT_CONLLU = """# newdoc id = example-doc
# sent_id = example-doc-0001
# text = Maria Lopez left Acme Corp in Millbrook, TX for Texas and the Mississippi River with Canadian friends
1	Maria	Maria	PROPN	NNP	Number=Sing	3	nsubj	3:nsubj	_
2	Lopez	Lopez	PROPN	NNP	Number=Sing	1	flat	1:flat	_
3	left	leave	VERB	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	0	root	0:root	_
4	Acme	Acme	PROPN	NNP	Number=Sing	5	compound	5:compound	_
5	Corp	Corp	PROPN	NNP	Number=Sing	3	obj	3:obj	_
6	in	in	ADP	IN	_	7	case	7:case	_
7	Millbrook	Millbrook	PROPN	NNP	Number=Sing	3	obl	3:obl	SpaceAfter=No
8	,	,	PUNCT	,	_	9	punct	9:punct	_
9	TX	TX	PROPN	NNP	Number=Sing	7	appos	7:appos	_
10	for	for	ADP	IN	_	11	case	11:case	_
11	Texas	Texas	PROPN	NNP	Number=Sing	3	obl	3:obl	_
12	and	and	CCONJ	CC	_	15	cc	15:cc	_
13	the	the	DET	DT	_	15	det	15:det	_
14	Mississippi	Mississippi	PROPN	NNP	Number=Sing	15	compound	15:compound	_
15	River	River	PROPN	NNP	Number=Sing	11	conj	11:conj	_
16	with	with	ADP	IN	_	18	case	18:case	_
17	Canadian	Canadian	ADJ	JJ	Degree=Pos	18	amod	18:amod	_
18	friends	friend	NOUN	NNS	Number=Plur	3	obl	3:obl	_

"""

EWT_IOB2 = """# sent_id = example-doc-0001
# text = Maria Lopez left Acme Corp in Millbrook, TX for Texas and the Mississippi River with Canadian friends
1	Maria	B-PER	-	-
2	Lopez	I-PER	-	-
3	left	O	-	-
4	Acme	B-ORG	-	-
5	Corp	I-ORG	-	-
6	in	O	-	-
7	Millbrook	B-LOC	-	-
8	,	O	-	-
9	TX	B-LOC	-	-
10	for	O	-	-
11	Texas	B-LOC	-	-
12	and	O	-	-
13	the	O	-	-
14	Mississippi	B-LOC	-	-
15	River	I-LOC	-	-
16	with	O	-	-
17	Canadian	O	-	-
18	friends	O	-	-

"""


@pytest.fixture()
def ewt_sentence(tmp_path):
    from training.conllu import read_documents
    from training.uner import read_iob2

    (tmp_path / "ewt.conllu").write_text(EWT_CONLLU, encoding="utf-8")
    (tmp_path / "ewt.iob2").write_text(EWT_IOB2, encoding="utf-8")
    [document] = list(read_documents(tmp_path / "ewt.conllu"))
    [sentence] = document.sentences
    return sentence, read_iob2(tmp_path / "ewt.iob2")[sentence.sent_id]


def test_uner_loc_becomes_gpe_or_loc_only_where_decided(ewt_sentence):
    from training.uner import uner_entities

    sentence, tags = ewt_sentence
    spans = uner_entities(sentence.words, tags)
    assert _span_texts(sentence.words, spans) == [
        ("Maria Lopez", "PERSON"),
        ("Acme Corp", "ORG"),
        ("Millbrook", "GPE"),  # a town named by its state: "<LOC>, TX"
        ("TX", "GPE"),
        ("Texas", "GPE"),  # in the gazetteer
        ("Mississippi River", "LOC"),  # a natural feature by the GUM rules
        ("Canadian", "NORP"),  # UNER leaves nationalities out; silver NORP as for GUM
    ]
    # a LOC that neither the gazetteer nor a rule decides is left missing, not guessed
    alone = [(form, "B-LOC" if form == "Millbrook" else "O") for form, _ in tags]
    assert (6, 7, None) in uner_entities(sentence.words, alone)


def test_uner_spans_join_the_tree_as_missing_where_undecided(ewt_sentence):
    from training.convert import _to_doc
    from training.uner import uner_entities

    sentence, tags = ewt_sentence
    alone = [(form, "B-LOC" if form == "Millbrook" else tag) for form, tag in tags]
    alone[8] = ("TX", "O")
    doc = _to_doc(spacy.blank("en").vocab, [sentence], [uner_entities(sentence.words, alone)])
    assert doc[6].text == "Millbrook" and doc[6].ent_iob_ == ""  # missing
    assert doc[2].ent_iob_ == "O"  # a plain word is annotated "outside"
    assert [(e.text, e.label_) for e in doc.ents][:2] == [
        ("Maria Lopez", "PERSON"),
        ("Acme Corp", "ORG"),
    ]
    # tokens that do not match the tree's words leave the whole sentence missing
    assert uner_entities(sentence.words, tags[:-1]) is None


def test_uner_augmented_copy_swaps_names_and_keeps_missing_missing(ewt_sentence):
    import random

    from training.convert import _augmented_copy, _to_doc
    from training.uner import uner_entities

    sentence, tags = ewt_sentence
    alone = [(form, "B-LOC" if form == "Millbrook" else tag) for form, tag in tags]
    alone[8] = ("TX", "O")
    spans = uner_entities(sentence.words, alone)
    vocab = spacy.blank("en").vocab
    swapped = 0
    for seed in range(10):
        copies, copy_spans = _augmented_copy(
            [sentence, sentence], [spans, None], random.Random(seed), person_kb_share=0.3
        )
        assert copies[1] is sentence and copy_spans[1] is None  # no NER stays no NER
        doc = _to_doc(vocab, copies, copy_spans)
        first = doc[: len(copies[0].words)]
        assert "Millbrook" in first.text  # an undecided place is neither swapped nor labelled
        assert [t.ent_iob_ for t in first if t.text == "Millbrook"] == [""]
        assert {t.ent_iob_ for t in doc[len(copies[0].words) :]} == {""}
        persons = [e.text for e in doc.ents if e.label_ == "PERSON"]
        assert len(persons) == 1 and len(persons[0].split()) == 2
        swapped += persons[0] != "Maria Lopez"
    assert swapped >= 5


def test_iob_spans_reads_stray_inside_tags_as_new_spans():
    from training.uner import iob_spans

    assert iob_spans(["B-PER", "I-PER", "O", "I-ORG", "B-LOC", "B-LOC"]) == [
        (0, 2, "PER"),
        (3, 4, "ORG"),
        (4, 5, "LOC"),
        (5, 6, "LOC"),
    ]


def test_uner_test_split_is_a_fixed_fifth_of_documents():
    from training.convert import uner_test_document

    ids = [f"weblog-{n:05d}" for n in range(2000)]
    held = [i for i in ids if uner_test_document(i)]
    assert 0.15 < len(held) / len(ids) < 0.25
    assert held == [i for i in ids if uner_test_document(i)]  # same ids every run


def test_bootstrap_interval_brackets_the_score_and_pairs_documents():
    from training.evaluate import _scores, _summed, bootstrap

    labels = ("PERSON", "ORG")
    per_doc = [
        {"PERSON": [3, 1, 1], "ORG": [1, 2, 0]},
        {"PERSON": [5, 0, 2], "ORG": [0, 1, 3]},
        {"PERSON": [1, 1, 0], "ORG": [2, 0, 1]},
        {"PERSON": [4, 2, 1], "ORG": [1, 1, 1]},
    ]
    point = _scores(_summed(per_doc, labels))["micro"]["f"]
    result = bootstrap(per_doc, labels, baseline=per_doc, samples=300)
    low, high = result["f_interval"]["micro"]
    assert low < point < high
    assert result["difference_interval"]["micro"] == [0.0, 0.0]  # a model against itself
    better = [{k: [tp + fn, fp, 0] for k, (tp, fp, fn) in d.items()} for d in per_doc]
    assert (
        bootstrap(better, labels, baseline=per_doc, samples=300)["difference_interval"]["micro"][0]
        > 0
    )
