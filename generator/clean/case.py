"""Sentence case for postings that arrived all lower case.

The word lists are plain data: extend `KNOWN_TERMS` (always written this way) or
`CONTEXT_TERMS` (also ordinary English words, so only written this way next to
another known term: "kafka, spark, storm and cassandra", not "react quickly").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

MIN_LETTERS = 200

KNOWN_TERMS: tuple[str, ...] = (
    # languages, frameworks, tools
    "Java", "JavaScript", "TypeScript", "Python", "Scala", "Kotlin", "Ruby on Rails",
    "PHP", "Perl", "Haskell", "Erlang", "Elixir", "Clojure", "Golang", "C++", "C#",
    ".NET", "ASP.NET", "Node.js", "Vue.js", "Next.js", "Angular", "jQuery", "Django",
    "Flask", "FastAPI", "Laravel", "Symfony", "Kafka", "Cassandra", "Apache", "Hadoop",
    "Kubernetes", "Docker", "Linux", "Unix", "Terraform", "Ansible", "Jenkins",
    "GitHub", "GitLab", "Git", "PostgreSQL", "Postgres", "MySQL", "MongoDB", "Redis",
    "Elasticsearch", "DynamoDB", "BigQuery", "Snowflake", "Airflow", "TensorFlow",
    "PyTorch", "GraphQL", "NoSQL", "SQL", "HTML", "HTML5", "CSS", "CSS3", "JSON",
    "XML", "YAML", "REST", "RESTful", "API", "APIs", "SDK", "SDKs", "iOS", "Android",
    "macOS", "WordPress", "Photoshop", "Figma", "Salesforce", "Heroku",
    # clouds and companies
    "AWS", "GCP", "Azure", "Google", "Microsoft", "Amazon", "Apple", "Facebook",
    "LinkedIn", "Forbes", "Fortune",
    # acronyms
    "IoT", "AI", "ML", "UI", "UX", "QA", "CI/CD", "CI", "CD", "SaaS", "PaaS", "IaaS",
    "CRM", "ERP", "SRE", "DevOps", "TDD", "OOP", "HTTP", "HTTPS", "TCP/IP", "PhD",
    "Ph.D.", "BS", "BSc", "MS", "MSc", "BA", "MBA", "CS", "CEO", "CTO", "CFO", "VP",
    "B2B", "B2C", "GDPR", "SLA", "KPI", "KPIs", "OKR", "OKRs", "ETL", "NLP", "LLM",
    "LLMs", "GPU", "CPU", "FAANG",
    # places and languages
    "USA", "U.S.", "UK", "EU", "EMEA", "APAC", "LATAM", "Europe", "America",
    "North America", "South America", "Asia", "Africa", "Australia", "Canada",
    "Israel", "Tel Aviv", "London", "Berlin", "Paris", "New York", "San Francisco",
    "California", "Texas", "Germany", "France", "Spain", "India", "Brazil", "Mexico",
    "English", "German", "French", "Spanish", "Portuguese", "Italian", "Dutch",
    "Hebrew", "Chinese", "Japanese",
    # calendar ("may" is left out on purpose)
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "June", "July", "August", "September",
    "October", "November", "December",
    # "us" is the pronoun unless the context says otherwise
    "US-based", "US citizen", "US citizens", "US citizenship", "US only",
    "US residents", "US time zones", "US hours",
)

CONTEXT_TERMS: tuple[str, ...] = (
    "Go", "Spark", "Storm", "React", "Rails", "Ruby", "Rust", "Swift", "Flink",
    "Hive", "Pig", "Express", "Spring", "Ember", "Backbone", "Chef", "Puppet",
    "Excel", "Word", "Sketch", "Node", "Elm", "Dart", "Julia", "Crystal", "Windows", "Meta",
)

_NO_SENTENCE_END = ("e.g.", "i.e.", "vs.", "cf.", "approx.", "incl.", "etc.)", "no.")

# Code spans, link targets, autolinks and tags: the matches of
# r"`[^`\n]*`|\]\([^)\s]*\)|<[^>\s]+>" (see `_markup_spans`).
_MARKUP_START = re.compile(r"[`<]|\]\(")
_CODE_SPAN = re.compile(r"`[^`\n]*+`")
_LINK_TARGET = re.compile(r"\]\([^)\s]*+\)")
_ANGLED = re.compile(r"<[^>\s]++>")
_ANGLED_STOP = re.compile(r"[>\s]")
_TARGET_STOP = re.compile(r"[)\s]")
# Tried only at token starts (the look-behind): a 100,000-character token stays linear.
_TOKEN = re.compile(r"(?<![^\s()<>\[\]\"'`])[^\s()<>\[\]\"'`]*[.@:][^\s()<>\[\]\"'`]*")
_ADDRESS = re.compile(
    r"(?:https?|ftp|mailto):\S|www\.\S|[^@]+@[\w-]+\.\w"
    r"|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|co|dev|ai|app|edu|gov|de|uk|il)\b",
    re.IGNORECASE,
)
_BOUNDARY_BEFORE = r"(?<![\w.@#+-])"
_BOUNDARY_AFTER = r"(?![\w#+]|\.\w|-\w)"
_WORD_I = re.compile(r"(?<![\w'’./-])i(?=(?:['’](?:m|ve|d|ll))?(?![\w'’/-]|\.\w))")
_SENTENCE = re.compile(
    r"(?:(?<=[.!?])[\"'”’)\]]?[ \t]+|(?:^|(?<=\n))[ \t]*(?:(?:[*+-]|\d{1,9}[.)]|#{1,6}|>)[ \t]+)?)"
    r"[\"'“‘(\[*_]*([a-z])",
)
_LABEL = re.compile(r"^[ \t]*([a-z][^\n:]*):[ \t]*$", re.MULTILINE)
_URL_IN_TEXT = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)


def is_all_lower(text: str) -> bool:
    """True when the text arrived all lower case (SPEC "Details decided").

    At least `MIN_LETTERS` letters and no upper-case letter outside the first line
    (a file-name-like first line may carry capitals).  URLs are ignored.  A text of
    one non-blank line is checked as a whole.
    """
    text = text.strip()
    if _upper_on_a_later_line(text):  # the usual case, without the URL pass
        return False
    text = _URL_IN_TEXT.sub(" ", text)
    _first, sep, rest = text.partition("\n")
    body = rest if sep and rest.strip() else text
    if any(ch.isupper() and ch.isalpha() for ch in body):  # the usual case, found early
        return False
    return sum(ch.isalpha() for ch in body) >= MIN_LETTERS


def _upper_on_a_later_line(text: str) -> bool:
    """True when a line after the first, with nothing `_URL_IN_TEXT` could match, has an
    upper-case letter: `is_all_lower` is False then (a URL never spans lines, so the
    line reaches its check as it is).  Every URL match has `://` or `www.` (any case)."""
    for line in text.split("\n")[1:]:
        lowered = line.lower()
        if lowered == line or "://" in line or "www." in lowered:
            continue  # (a line lower() leaves alone rarely has an upper-case letter)
        if any(ch.isupper() and ch.isalpha() for ch in line):
            return True
    return False


class _Protected:
    """Spans (URLs, e-mail addresses, code) that must keep their exact spelling."""

    def __init__(self, text: str) -> None:
        spans = _markup_spans(text)
        for match in _TOKEN.finditer(text):
            token = match.group().rstrip(".,;:!?")
            if token and _ADDRESS.match(token):
                spans.append((match.start(), match.start() + len(token)))
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            if self.ends and start <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)  # merge overlapping spans
            else:
                self.starts.append(start)
                self.ends.append(end)

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


def _markup_spans(text: str) -> list[tuple[int, int]]:
    """Code spans, link targets and `<...>`, left to right without overlap.

    The same spans as one regex of the three would find, in linear time: the regex
    retried `<[^>\\s]+>` from every `<` of a run such as `<<<<...` (and the link
    target from every `](`), each time scanning to the end of the run.  A start that
    fails marks how far the failure reaches; later starts inside it fail the same way.
    """
    spans: list[tuple[int, int]] = []
    pos = angled_fails_to = target_fails_to = 0
    while (start := _MARKUP_START.search(text, pos)) is not None:
        at = start.start()
        char = text[at]
        hit = None
        if char == "`":
            hit = _CODE_SPAN.match(text, at)
        elif char == "<" and at >= angled_fails_to:
            hit = _ANGLED.match(text, at)
            if hit is None:
                stop = _ANGLED_STOP.search(text, at + 1)
                angled_fails_to = stop.start() if stop else len(text)
        elif char == "]" and at >= target_fails_to:
            hit = _LINK_TARGET.match(text, at)
            if hit is None:
                stop = _TARGET_STOP.search(text, at + 2)
                target_fails_to = stop.start() if stop else len(text)
        if hit is not None:
            spans.append(hit.span())
            pos = hit.end()
        else:
            pos = at + 1
    return spans


_Trie = dict[str, "_Trie"]  # one character -> the terms that go on with it ("" ends a term)


def _trie_regex(terms: Iterable[str]) -> str:
    """One regex for many terms, factored as a trie (much faster than a|b|c...)."""
    trie: _Trie = {}
    for term in terms:
        node = trie
        for ch in re.sub(r"\s+", " ", term).casefold():
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")

    return emit(trie)


def _term_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    unique = {t.strip() for t in terms if t.strip()}
    if not unique:
        return None
    return re.compile(
        f"{_BOUNDARY_BEFORE}(?:{_trie_regex(unique)}){_BOUNDARY_AFTER}", re.IGNORECASE
    )


_KNOWN = _term_pattern(KNOWN_TERMS)
_CONTEXT = _term_pattern(CONTEXT_TERMS)
_KNOWN_SPELLING = {re.sub(r"\s+", " ", t).casefold(): t for t in KNOWN_TERMS}
_CONTEXT_SPELLING = {t.casefold(): t for t in CONTEXT_TERMS}
_BEFORE = re.compile(r"([\w.#+-]*\w[#+]*)(,?\s+(?:and|or)\s+|[^\w\s]?\s*)$")
# The word after: `\\.?\\w[\\w.#+-]*?[#+]*(?=[^\\w#+]|$)` ends at the first character that is
# not a word character, `#` or `+`; written so, and with possessive white space, it
# cannot backtrack (the lazy form was quadratic in a long run of spaces or `#`).
_AFTER = re.compile(r"(,?\s++(?:and|or)\s+|\s*+[^\w\s]?\s*+)(\.?\w[\w#+]*+)")
_LIST_JOINER = re.compile(r"^(?:\s*(?:,|/|&|\+)\s*|\s+(?:and|or|&)\s+|,\s+(?:and|or)\s+)$")


def _apply_terms(text: str, pattern: re.Pattern[str] | None, spelling: dict[str, str],
                 protected: _Protected) -> str:
    if pattern is None:
        return text

    def fix(match: re.Match[str]) -> str:
        if match.start() in protected:
            return match.group()
        key = re.sub(r"\s+", " ", match.group()).casefold()
        word = spelling.get(key)
        if word is None or " " not in word:
            return word or match.group()
        # keep the original spacing of multi-word names
        parts = zip(re.split(r"(\s+)", match.group()), re.split(r"(\s+)", word), strict=True)
        return "".join(old if old.isspace() else new for old, new in parts)

    return pattern.sub(fix, text)


def _listed_with_known(text: str, match: re.Match[str], known: set[str]) -> bool:
    """Is the word at `match` in a list ("a, b and c", "a/b") next to a known name?"""
    before = _BEFORE.search(text[max(0, match.start() - 40):match.start()])
    after = _AFTER.match(text, match.end())
    pairs = []
    if before:
        pairs.append((before.group(1), before.group(2)))
    if after:
        pairs.append((after.group(2), after.group(1)))
    return any(_LIST_JOINER.match(joiner) and word in known for word, joiner in pairs)


def _apply_context_terms(text: str, known: set[str], protected: _Protected) -> str:
    """Write a CONTEXT_TERMS word as a name only when listed next to a known name."""
    if _CONTEXT is None:
        return text
    for _ in range(4):  # a chain "kafka, spark, storm" needs more than one pass
        fixed: list[str] = []
        pos = 0
        for match in _CONTEXT.finditer(text):
            proper = _CONTEXT_SPELLING[match.group().casefold()]
            if (
                match.group() != proper
                and match.start() not in protected
                and _listed_with_known(text, match, known)
            ):
                fixed += [text[pos:match.start()], proper]
                pos = match.end()
        if not fixed:
            break
        text = "".join([*fixed, text[pos:]])
    return text


def _capitalize_sentences(text: str, protected: _Protected) -> str:
    def fix(match: re.Match[str]) -> str:
        pos = match.start(1)
        if pos in protected:
            return match.group()
        before = text[max(0, match.start() - 8):match.start() + 1].lower()
        if match.start() and any(before.rstrip().endswith(a) for a in _NO_SENTENCE_END):
            return match.group()
        head = match.group()[: pos - match.start()]
        return head + match.group(1).upper()

    return _SENTENCE.sub(fix, text)


def _labels_to_headings(text: str) -> str:
    """A short line ending with a colon, standing alone, becomes a `##` heading."""

    def fix(match: re.Match[str]) -> str:
        label = match.group(1).strip()
        start, end = match.start(), match.end()
        alone_before = start == 0 or text[:start].endswith("\n\n")
        alone_after = end == len(text) or text[end:].startswith("\n\n") or not text[end:].strip()
        if not (alone_before and alone_after) or len(label.split()) > 6:
            return match.group()
        if label.startswith(("#", "*", "-", "+", ">")) or "http" in label:
            return match.group()
        return f"## {label[0].upper()}{label[1:]}"

    return _LABEL.sub(fix, text)


def restore_case(text: str, *, names: Iterable[str] = ()) -> str:
    """Give sentence case back to text that arrived all lower case.

    Capitalizes sentence, paragraph and list-item starts; writes ``I`` (``I'm``,
    ``I've``...); writes each phrase of `names` (the company name, words from the
    title) and the built-in `KNOWN_TERMS` in their given spelling, matched
    case-insensitively on word boundaries; `CONTEXT_TERMS` only inside a list of
    known names.  Short labels alone on a line and ending with ``:`` become ``##``
    headings.  URLs, e-mail addresses and code spans are left as they are.
    """
    name_list = [n.strip() for n in names if n and n.strip()]
    text = _labels_to_headings(text)
    text = _capitalize_sentences(text, _Protected(text))
    protected = _Protected(text)
    text = _WORD_I.sub(lambda m: m.group() if m.start() in protected else "I", text)
    text = _apply_terms(text, _KNOWN, _KNOWN_SPELLING, protected)
    if name_list:
        own = {re.sub(r"\s+", " ", n).casefold(): n for n in name_list}
        text = _apply_terms(text, _term_pattern(name_list), own, protected)
    known = {*KNOWN_TERMS, *CONTEXT_TERMS, *name_list, *(w for n in name_list for w in n.split())}
    return _apply_context_terms(text, known, protected)
