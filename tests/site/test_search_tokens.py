"""One tokenizer in Python (generator/search/tokens.py) and JavaScript (static/search-engine.js)."""

from __future__ import annotations

from generator.search.index import FieldTerms
from generator.search.tokens import (
    MAX_TERM,
    index_terms,
    stem,
    term_set,
    terms_from_text,
    terms_to_text,
    tokenize,
)
from tests.conftest import CORPUS, SEEDS
from tests.site.board import need
from tests.site.search_index import run_node

TRICKY = [
    "Café naïve İstanbul ZÜRICH São Paulo Ångström",
    "C++ / C# / node.js / e-mail / under_score / 10,000 € / $95k–$125k",
    "ﬁnance ① ½ Ⅻ ＡＢＣ ㎒",  # compatibility characters: NFKD
    "Σίσυφος ΟΔΟΣ straße ǅemal Москва 東京 서울 مرحبا १२३",
    "emoji 🚀 and ZWJ 👩‍💻 and soft\u00adhyphen and tab\tnewline\n",
    "a" * 60 + " " + "é" * 50,
    "",
]


def test_python_tokenizer() -> None:
    assert tokenize(TRICKY[0]) == ["cafe", "naive", "istanbul", "zurich", "sao", "paulo", "angstrom"]
    assert tokenize(TRICKY[1]) == [
        *["c++", "c#", "node.js", "e", "mail", "under", "score", "10", "000", "95k", "125k"]
    ]
    assert tokenize("C#/.NET, ASP.NET (.NET Core) F# 3+ years, 2# e.g. Vue.js.") == [
        *["c#", ".net", "asp.net", ".net", "core", "f#", "3", "years", "2", "e.g", "vue.js"]
    ]
    assert tokenize("Network net") == ["network", "net"]
    assert tokenize("ﬁnance ½") == ["finance", "1", "2"]
    assert tokenize("a" * 60) == ["a" * MAX_TERM]
    assert terms_from_text(terms_to_text({"b", "a"})) == ["a", "b"] and terms_from_text("") == []


def test_index_terms_add_parts_and_joined_forms() -> None:
    assert index_terms("ASP.NET front-end x86-64") == {
        *["asp.net", "asp", "net", ".net", "front", "end", "frontend", "front-end", "x86", "64"]
    }
    assert ".net" not in index_terms("Network and net")


def test_light_stems_for_english_and_german() -> None:
    same = [
        ["engineer", "engineers", "engineering", "engineered"],
        ["company", "companies"],
        ["service", "services"],
        ["kubernetes", "kubernets"],
        ["process", "processes"],
        ["entwickler", "entwicklerin", "entwicklerinnen", "entwicklern"],
        ["anforderung", "anforderungen"],
        ["kenntnis", "kenntnisse", "kenntnissen"],
        ["kunde", "kunden"],
    ]
    for words in same:
        assert len({stem(w) for w in words}) == 1, words
    for word in ("status", "analysis", "c++", "node.js", "sales", "data", "go"):
        assert stem(word) == word or stem(word) + "s" == word, word
    assert stem("engineer") != stem("engine")


def test_javascript_stems_and_index_terms_as_python() -> None:
    words = [w for text in TRICKY for w in tokenize(text)] + ["companies", "entwicklerinnen", "processes"]
    assert run_node("stem", words) == [stem(w) for w in words]
    texts = [*TRICKY, "ASP.NET front-end x86-64 e-mail co-op a-b-c", *_corpus_texts()]
    assert run_node("terms", texts) == [sorted(index_terms(t)) for t in texts]


def test_field_terms_are_term_sets_remembered_per_text() -> None:
    fields = FieldTerms()
    for _ in range(2):  # made, then remembered
        for i in range(len(TRICKY)):
            texts = TRICKY[i:] + TRICKY[:i]
            assert fields(texts) == term_set(texts)
    first = fields([TRICKY[0]])
    first.add("changed")  # each answer is a fresh set: changing one changes no memo
    assert fields([TRICKY[0]]) == term_set([TRICKY[0]])


def _corpus_texts() -> list[str]:
    need(f"the corpus at {CORPUS}", CORPUS.is_dir())
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix not in (".tsv",))
    files += sorted(SEEDS.glob("0*"))
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in files]
    assert len(texts) > 100
    return texts


def test_javascript_tokenizes_the_corpus_exactly_as_python() -> None:
    texts = [*TRICKY, *_corpus_texts()]
    in_js = run_node("tokenize", texts)
    pairs = zip(texts, map(tokenize, texts), in_js, strict=True)
    mismatches = [(text[:60], py, js) for text, py, js in pairs if py != js]
    assert not mismatches, mismatches[:3]
