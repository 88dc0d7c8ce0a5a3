"""Location strings -> typed places (model.place.Place), a remote flag and applicant areas.

Places are parsed here once, with the gazetteer; everything after extraction reads the
Place a posting carries (`places_of`, `parse_places`).

SPEC: in a list like `Israel,Tel Aviv, Israel,Remote`, a `,` with no following space
separates entries and `, ` separates the parts of one place; a bare country also named
by another entry is dropped. `Remote (US only)` is the location `Remote` with the
applicant requirement `US`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from generator.extract import gazetteer
from generator.extract.gazetteer import City, Region
from generator.extract.places_data import (
    NATIONS,
    NOT_CITIES,
    NOT_CITIES_IN_TITLES,
    REGION_COUNTRIES,
    REGIONS,
    SHORT_NAMES,
)
from generator.memo import short_values_cached
from generator.model.place import REMOTE, Area, Place, remote_place, use_name_key

# A city named alone (no country or state) is taken only when it is this big and at least
# BARE_CITY_RATIO times bigger than any other place of that name: `Paris` is Paris, France;
# `Springfield` and `Cambridge` stay unplaced. One-word names must be bigger, since more of
# them are also ordinary words; a name GeoNames lists only as an alternate must be bigger still.
BARE_CITY_MIN_POPULATION = 15_000
BARE_ONE_WORD_MIN_POPULATION = 50_000
BARE_ALT_NAME_MIN_POPULATION = 200_000
BARE_CITY_RATIO = 2.0
# A city guessed from a job title (`Registered Nurse Birmingham`) must be at least this big.
TITLE_CITY_MIN_POPULATION = 100_000
# fmt: off
_ABBREVIATIONS = {
    "usa", "us", "uk", "uae", "nyc", "dc", "sf", "eu", "eea", "emea", "apac", "latam",
    "cet", "gb",
}
_SMALL_WORDS = {"of", "upon", "on", "am", "de", "la", "del", "der", "du", "and", "the", "im",
                "an", "da", "do", "dos", "el", "y", "sur", "ob", "near"}
# fmt: on

_REMOTE_RE = re.compile(
    r"\b(?:remote(?:ly)?|anywhere|worldwide|world\s*wide|work(?:ing)?\s+from\s+home|wfh|"
    r"telecommut\w*|home\s*office|home[\s-]based|distributed)\b",
    re.I,
)
_REMOTE_ALONE = re.compile(r"^\s*(?:global(?:ly)?|international|any\s*where)\s*$", re.I)
_NOT_A_PLACE = re.compile(
    r"^(?:hybrid|on[\s-]?site|in[\s-]?office|office|tbd|tba|n/?a|none|various|"
    r"multiple(?:\s+locations)?|flexible|location\s+not\s+stated|not\s+stated)$",
    re.I,
)
_HYBRID_QUALIFIER = re.compile(
    r"(?:(?<!\s)\s*|(?<=\s))(?:\((?:hybrid|on[\s-]?site)\)|[-–]\s*(?:hybrid|on[\s-]?site)\b|"
    r"^\s*(?:hybrid|on[\s-]?site)\s*[-–:]\s*)",
    re.I,
)
# `Hybrid (Amsterdam)`, `On-site (Berlin)`: the place is in the parentheses.
_WORK_MODE_AROUND = re.compile(r"^\s*(?:hybrid|on[\s-]?site|in[\s-]?office)\s*\(([^()]+)\)\s*$", re.I)
# Words left once remote phrases are cut from an entry: not places.
_FILLER = re.compile(
    r"\b(?:100\s*%|fully|full|only|within|based|in|from|the|select(?:ed)?|locations?|"
    r"time\s*zones?|tz|friendly|first|possible|available|ok|allowed|option(?:al)?|or|and|"
    r"all|any|of|eligible|residents?|candidates?|countries|opportunity|position|hybrid|"
    r"team)\b",
    re.I,
)
_FLAG = re.compile("([\U0001f1e6-\U0001f1ff]{2})")
_LEADING_FLAG = re.compile(
    "(^|[,;|/\n]\\s*)([\U0001f1e6-\U0001f1ff]{2})\\s*([^,;|/\n\U0001f1e6-\U0001f1ff]+)"
)
_SYMBOLS = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200d]")


@dataclass(frozen=True)
class Address:
    """A place name split into schema.org PostalAddress parts (any may be unknown)."""

    locality: str | None
    region: str | None
    country: str | None  # display name, e.g. "Israel"
    country_code: str | None  # ISO 3166-1 alpha-2, e.g. "IL"
    # The gazetteer's city this place was matched to (`München` -> Munich), when one was.
    city: City | None = field(default=None, compare=False, repr=False)


_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def location_key(name: str) -> str:
    """Matching key: case, accents, punctuation and spacing do not matter."""
    return gazetteer.key(name)


def country_code(name: str) -> str | None:
    """ISO code of a country named exactly by `name` (`USA`, `Deutschland`, `Scotland`)."""
    key = location_key(name)
    if key in NATIONS:
        return NATIONS[key][1]
    if not key:
        return None
    return gazetteer.table().countries.get(key)


def country_name(code: str) -> str | None:
    """Display name of an ISO 3166-1 alpha-2 code (`DE` -> `Germany`)."""
    return gazetteer.table().country_names.get(code)


def state(name: str, country: str | None = None, *, codes_only: bool = False) -> Region | None:
    """The US state, Canadian province or Australian state `name` is (`TX`, `Ontario`, `NSW`).

    Codes written by two countries (`WA`) are the first of REGION_COUNTRIES unless `country`
    says otherwise.
    """
    text = str(name).strip()
    if codes_only and not (2 <= len(text) <= 3 and text.isalpha()):
        return None
    for region in gazetteer.table().regions.get(location_key(text), ()):
        if country is None or region.country_code == country:
            if codes_only and location_key(region.code) != location_key(text):
                continue
            return region
    return None


def is_country(name: str) -> bool:
    """True when `name` is just a country (or a nation like Scotland)."""
    return country_code(name) is not None


def _requirement_name(chunk: str) -> str | None:
    """Applicant-requirement name for a country or region chunk, else None."""
    key = location_key(chunk)
    if not key:
        return None
    if key in NATIONS:
        return NATIONS[key][0]
    if key in REGIONS:
        return REGIONS[key]
    code = gazetteer.table().countries.get(key)
    if code:
        return SHORT_NAMES.get(code) or country_name(code)
    return None


def _clean(text: str) -> str:
    text = str(text).replace("\u00a0", " ").replace("\u00c2 ", " ")
    if not text.isascii():
        text = _LEADING_FLAG.sub(r"\1\3\2", text)  # "🇩🇪 Berlin" -> "Berlin, Germany"
    text = _FLAG.sub(lambda m: _flag_country(m.group(1)), text)
    text = _SYMBOLS.sub(" ", text)
    if text.isascii():  # the only ASCII characters of category C are the controls
        return _ASCII_CONTROL.sub("", text)
    return "".join(c for c in text if c in "\t\n" or unicodedata.category(c)[0] != "C")


def _flag_country(flag: str) -> str:
    code = "".join(chr(ord(c) - 0x1F1E6 + ord("A")) for c in flag)
    name = country_name(code)
    return ", " + name if name else " "


def is_remote(name: str) -> bool:
    """True when a location entry means remote work."""
    text = _clean(name)
    return bool(_REMOTE_RE.search(text) or _REMOTE_ALONE.match(text))


def remote_requirements(name: str) -> tuple[bool, list[str]]:
    """(is remote, applicant countries/regions) for one location entry.

    `Remote (US only)` -> (True, ["US"]); `Tel Aviv, Israel` -> (False, []).
    Only known countries and regions are returned (US and UK in short form).
    """
    text = _clean(name)
    if not is_remote(text):
        return False, []
    rest = _REMOTE_RE.sub(" ", text)
    rest = re.sub(r"\b(?:global(?:ly)?|international)\b", " ", rest, flags=re.I)
    found: list[str] = []
    for chunk in re.split(
        r"[,;:()/|\[\]+&]|\s[-–—]\s|(?<=\w)-(?=\s|$)|(?<=\s)-(?=\w)"
        r"|\b(?:or|and)\b|^-|-$",
        rest,
    ):
        chunk = _FILLER.sub(" ", chunk)
        chunk = " ".join(chunk.strip(" .-–—*'\"").split())
        if not chunk:
            continue
        name_found = _requirement_name(chunk)
        if name_found is None and "-" in chunk:
            for piece in chunk.split("-"):
                piece_name = _requirement_name(piece)
                if piece_name and piece_name not in found:
                    found.append(piece_name)
            continue
        if name_found is None:
            words = chunk.split()
            # "US Remote" leaves "US"; "Remote Poland" leaves "Poland"; try word runs.
            for size in (3, 2, 1):
                for i in range(len(words) - size + 1):
                    piece_name = _requirement_name(" ".join(words[i : i + size]))
                    if piece_name and piece_name not in found:
                        found.append(piece_name)
            continue
        if name_found not in found:
            found.append(name_found)
    return True, found


def _smart_case_word(word: str, first: bool) -> str:
    key = word.lower()
    if key in _ABBREVIATIONS:
        return word.upper()
    if not first and key in _SMALL_WORDS:
        return key
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def _fix_case_part(part: str, first: bool) -> str:
    letters = [c for c in part if c.isalpha()]
    if not letters:
        return part
    if not (all(c.islower() for c in letters) or all(c.isupper() for c in letters)):
        return part
    if not first and len(part) == 2 and part.isalpha():
        return part.upper()  # state or country code: "ny" -> "NY"
    if not first and len(part) == 3 and state(part, codes_only=True):
        return part.upper()  # "nsw" -> "NSW"
    words = part.split(" ")
    return " ".join(_smart_case_word(w, i == 0) for i, w in enumerate(words))


def normalize_location(name: str) -> str:
    """One location entry, tidied: `new york, ny` -> `New York, NY`; remote variants -> `Remote`.

    Returns "" for entries that name no place (`Hybrid`, `On-site`, `.`).
    """
    text = _clean(name)
    if is_remote(text):
        return REMOTE
    text = _WORK_MODE_AROUND.sub(r"\1", text)
    text = _HYBRID_QUALIFIER.sub(" ", text)
    text = " ".join(text.split()).strip(" <>\"'`*•·-–—;:|/.")
    text = re.sub(r"\s*,\s*", ", ", text).strip(" ,")
    if not text or _NOT_A_PLACE.match(text) or not location_key(text):
        return ""
    text = _reorder_dash_pair(text)
    parts: list[str] = []
    for raw_part in text.split(", "):
        part = raw_part.strip(" .;:-–—")
        if not location_key(part):
            continue
        if parts and location_key(parts[-1]) == location_key(part):
            continue
        initials = parts and _INITIALS.fullmatch(part)
        parts.append(part.upper() + "." if initials else _fix_case_part(part, not parts))  # "D.C."
    return ", ".join(parts)


_INITIALS = re.compile(r"(?:[A-Za-z]\.){1,3}[A-Za-z]")  # `D.C`, `U.S.A` (the last dot stripped)


def _reorder_dash_pair(text: str) -> str:
    """`UK - London` and `Canada - Toronto` -> `London, UK` and `Toronto, Canada`."""
    match = None if "," in text or "(" in text or ")" in text else _DASH_PAIR.fullmatch(text)
    if not match:
        return text
    first, second = match.group(1).strip(), match.group(2).strip()
    if is_country(first) and not is_country(second):
        return f"{second}, {first}"
    if is_country(second) and not is_country(first):
        return f"{first}, {second}"
    return text


# A white-space run is tried where it starts only (`(?<!\s)`): a match from inside it
# would start at its first character anyway, and each failed try from inside rescanned
# the rest of the run, which was quadratic in a long run of spaces.  (`(?<=\s)` with no
# white space is the start right after an earlier match that took the run.)
_LINE_SEPARATORS = r"(?:(?<!\s)\s*|(?<=\s))[;|]\s*|(?<!\s)\s+/\s+|(?<=[a-z])/(?=[A-Z])"
_DASH_PAIR = re.compile(r"([^,()]+?)\s+[-–—]\s+([^,()]+)")
_REMOTE_WORD = re.compile(r"\bremote\b", re.I)
_WITHIN_WORD = re.compile(r"\b(?:within|in|from|only)\b", re.I)


def _remote_within(text: str) -> bool:
    """`re.search(r"\\bremote\\b.*\\b(?:within|in|from|only)\\b", text, re.I)`, in linear time."""
    for line in text.split("\n"):
        remote = _REMOTE_WORD.search(line)
        if remote is not None and _WITHIN_WORD.search(line, remote.end()) is not None:
            return True
    return False


def _split_outside_parens(text: str, pattern: str) -> list[str]:
    pieces, start, depth, last, seen = [], 0, 0, 0, 0
    for match in re.finditer(pattern, text):
        depth += _depth(text[seen : match.start()])
        seen = match.start()
        if depth > 0 or match.start() < last:
            continue
        pieces.append(text[start : match.start()])
        start = last = match.end()
    pieces.append(text[start:])
    return pieces


def _depth(text: str) -> int:
    return text.count("(") - text.count(")") + text.count("[") - text.count("]")


def _is_state_or_province(part: str) -> bool:
    return state(part, codes_only=True) is not None


def _split_or(text: str) -> list[str]:
    """Split on ` or ` unless it sits in parentheses or after `Remote within ...`."""
    pieces = _split_outside_parens(text, r"(?<!\s)\s+or\s+")
    out: list[str] = []
    for piece in pieces:
        if out and _remote_within(out[-1]):
            out[-1] = f"{out[-1]} or {piece}"
        else:
            out.append(piece)
    # "Cambridge or Brighton, England": share the tail with the bare first names.
    for i in range(len(out) - 1):
        head, tail = out[i].strip(), out[-1].strip()
        tail_parts = tail.split(", ")
        if (
            ", " not in head
            and len(tail_parts) > 1
            and not is_remote(head)
            and not is_country(head)
            and not is_remote(tail)
            and (is_country(tail_parts[-1]) or _is_state_or_province(tail_parts[-1]))
        ):
            out[i] = f"{head}, {tail_parts[-1]}"
    return out


def _split_line(line: str) -> list[str]:
    entries: list[str] = []
    for chunk in _split_outside_parens(line, _LINE_SEPARATORS):
        chunk = re.sub(r"^\s*(?:or|and)\s+", "", chunk)
        if re.search(r",\s+(?:or|and)\s+", chunk):
            entries.extend(_split_prose_list(chunk))
            continue
        for piece in _split_or(chunk):
            entries.extend(_split_commas(piece))
    return entries


def _split_prose_list(text: str) -> list[str]:
    """`San Francisco, CA, New York, NY, or Remote`: `, ` separates entries here."""
    parts = [re.sub(r"^(?:or|and)\s+", "", p.strip()) for p in _split_outside_parens(text, r",\s*")]
    out: list[str] = []
    for part in parts:
        if out and (_is_state_or_province(part) or is_country(part)) and not is_remote(out[-1]):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


def _split_commas(text: str) -> list[str]:
    pieces = [p for p in _split_outside_parens(text, r",(?=\S)") if p.strip()]
    # "London,UK" is one place, not a city and a country.
    if (
        len(pieces) == 2
        and ", " not in text
        and not is_remote(pieces[0])
        and not is_country(pieces[0])
        and is_country(pieces[1])
    ):
        return [f"{pieces[0]}, {pieces[1]}"]
    out: list[str] = []
    for piece in pieces:
        out.extend(_split_remote_part(piece))
    return out


def _split_remote_part(entry: str) -> list[str]:
    """`Galway, Ireland, Remote` is two entries: the place and `Remote`."""
    parts = [p.strip() for p in entry.split(", ")]
    if len(parts) < 2:
        return [entry]
    for index in (0, len(parts) - 1):
        if _REMOTE_RE.fullmatch(parts[index].strip(" .")):
            rest = parts[:index] + parts[index + 1 :]
            if any(not is_country(p) and location_key(p) not in REGIONS and not is_remote(p) for p in rest):
                # "Remote, US, Washington DC": the place is "Washington DC, US".
                while len(rest) > 1 and is_country(rest[0]):
                    rest = rest[1:] + rest[:1]
                place = ", ".join(rest)
                return [REMOTE, place] if index == 0 else [place, REMOTE]
    return [entry]


def split_location_list(text: str) -> list[str]:
    """Raw entries of a location list, in order; entries are not normalised.

    `Israel,Tel Aviv, Israel,Remote` -> `["Tel Aviv, Israel", "Remote"]`.
    """
    text = _clean(text)
    entries: list[str] = []
    for line in re.split(r"[\r\n]+", text):
        line = re.sub(r"^\s*(?:[-*•·]|\d+[.)])\s+", "", line).strip()
        if line:
            entries.extend(e.strip() for e in _split_line(line) if e.strip(" ,.;"))
    return _drop_named_countries(entries)


def _drop_named_countries(entries: list[str]) -> list[str]:
    kept: list[str] = []
    for i, entry in enumerate(entries):
        code = country_code(entry)
        if code and any(j != i and _names_country(other, code) for j, other in enumerate(entries)):
            continue
        kept.append(entry)
    return kept


def _names_country(entry: str, code: str) -> bool:
    if country_code(entry) == code:
        return False  # another bare mention of the same country does not count
    parts = _clean(entry).replace("(", ",").replace(")", ",").split(",")
    return any(country_code(p) == code for p in parts)


def parse_locations(text_or_list: str | Iterable[str]) -> tuple[list[str], bool, list[str]]:
    """(locations, remote, applicant countries) from a location string or list.

    Entries are normalised and de-duplicated by `location_key`, first spelling and order kept.
    """
    if isinstance(text_or_list, str):
        value: str | tuple[str, ...] = text_or_list
    else:
        value = tuple(str(item) for item in text_or_list if item is not None)
    locations, remote, applicants = _parse_locations(value)
    return list(locations), remote, list(applicants)


@short_values_cached()  # "Remote", "Berlin, Germany": a board repeats its location values
def _parse_locations(value: str | tuple[str, ...]) -> tuple[tuple[str, ...], bool, tuple[str, ...]]:
    """`parse_locations` of a string, or of a list's items (a tuple)."""
    raw_entries: list[str] = []
    if isinstance(value, str):
        raw_entries = split_location_list(value)
    else:
        for item in value:
            raw_entries.extend(split_location_list(item))
        raw_entries = _drop_named_countries(raw_entries)
    locations: list[str] = []
    keys: set[str] = set()
    remote = False
    applicants: list[str] = []
    for entry in raw_entries:
        entry_remote, wanted = remote_requirements(entry)
        remote = remote or entry_remote
        applicants.extend(w for w in wanted if w not in applicants)
        name = normalize_location(entry)
        key = location_key(name)
        if name and key not in keys:
            keys.add(key)
            locations.append(name)
    if remote:
        for name in locations:
            wanted_name = _requirement_name(name)
            if wanted_name and wanted_name not in applicants:
                applicants.append(wanted_name)
    return tuple(locations), remote, tuple(applicants)


@lru_cache(maxsize=8192)  # boards repeat a few hundred places; Place is immutable
def parse_place(name: str) -> Address | None:
    """Split a place into locality, region and country; None for `Remote` or nothing.

    `Columbia, MD` -> Place("Columbia", "MD", "United States", "US"); a city named alone gets
    its country from the gazetteer when it is big and unambiguous (`München` -> DE).
    """
    text = normalize_location(name)
    if not text or text == REMOTE:
        return None
    text = re.sub(r"\s*\([^)]*\)", "", text)
    parts = [p.strip() for p in text.split(", ") if p.strip()]
    if not parts:
        return None
    code: str | None = None
    country: str | None = None
    region: str | None = None
    found: Region | None = None
    last = parts[-1]
    if len(parts) > 1 and (found := _state_of(parts[0], last)):
        region, code = last, found.country_code
        parts = parts[:-1]
    elif code := country_code(last):
        key = location_key(last)
        country = NATIONS[key][0] if key in NATIONS else country_name(code)
        parts = parts[:-1]
        if len(parts) > 1 and code in REGION_COUNTRIES and (found := _state_of(parts[0], parts[-1], code)):
            region = parts[-1]
            parts = parts[:-1]
    if code is None and len(parts) > 1:
        # "North Vancouver, BC Canada": a province or state code before the country.
        words = parts[-1].split(" ")
        rest = country_code(" ".join(words[1:])) if len(words) > 1 else None
        if rest in REGION_COUNTRIES and (found := state(words[0], rest)):
            code, region = rest, words[0]
            parts = parts[:-1]
    if region is None and parts:
        # "Sydney NSW", "Austin TX": a state code after the city, without a comma.
        words = parts[-1].split(" ")
        if len(words) > 1 and words[-1].isupper():
            city_text = " ".join(words[:-1])
            found = _state_of(city_text, words[-1], code, codes_only=True, city_needed=True)
            if found:
                code, region = found.country_code, words[-1]
                parts = [*parts[:-1], city_text]
    if region is None and len(parts) > 1:
        # "Soho Square, London": the city is London.
        known = [p for p in parts[1:] if _known_city(p, code)]
        if known and not _known_city(parts[0], code):
            parts = known[-1:]
    locality: str | None = None
    if len(parts) == 1:
        locality = parts[0]
    elif len(parts) >= 2:
        if region is None:
            locality, region = parts[0], parts[1]
        else:
            locality = parts[-1]
    city = _match_city(locality, code, found.code if found else None) if locality else None
    if city is None and locality and region is None and (found := state(locality, code)):
        # "Texas", "Ontario, Canada": a state or province, no city.
        locality, region, code = None, locality, found.country_code
    if code is None and city is not None:
        code = city.country_code
        if region and location_key(region) == code.lower():
            region = None  # "Berlin, DE": the country's code, not a state
    if code and country is None:
        country = country_name(code)
    return Address(locality=locality, region=region, country=country, country_code=code, city=city)


def _state_of(
    city_text: str,
    state_text: str,
    country: str | None = None,
    *,
    codes_only: bool = False,
    city_needed: bool = False,
) -> Region | None:
    """The state `state_text` names, chosen by the city when two countries use the name.

    `Perth, WA` is Western Australia, `Seattle, WA` Washington; `Tbilisi, Georgia` is the
    country, not the US state.
    """
    key = location_key(state_text)
    if len(key) < 2:
        return None
    regions = [
        r
        for r in gazetteer.table().regions.get(key, ())
        if (country is None or r.country_code == country) and (not codes_only or location_key(r.code) == key)
    ]
    if not regions:
        return None
    for region in regions:
        if _match_city(city_text, region.country_code, region.code):
            return region
    if city_needed:
        return None
    if country is None and len(key) == 2 and _known_city(city_text, key.upper()):
        # "Berlin, DE" is Germany's Berlin, not a town in Delaware: the code is the country's.
        return None
    if country is None and country_code(state_text) and location_key(regions[0].code) != key:
        # A state name that is also a country's: the country, unless the city is in the state.
        return None
    return regions[0]


def _known_city(text: str, country: str | None) -> bool:
    """True when `text` is a city of at least 100,000 people (in `country` when given)."""
    city = _match_city(text, country, None, pieces=False)
    return city is not None and city.population >= TITLE_CITY_MIN_POPULATION


_AREA_WORDS = re.compile(
    r"^(?:greater|metro(?:politan)?|central|downtown)\s+|"
    r"\s+(?:bay\s+area|metro(?:politan)?(?:\s+area)?|area|region|city\s+cent(?:re|er)|\d{1,2})$",
    re.I,
)
_PIECES = re.compile(r"\s*[-–—/]\s*|\s+near\s+")


def _match_city(text: str, country: str | None, region: str | None, *, pieces: bool = True) -> City | None:
    """The gazetteer city `text` names: as written, without `Greater`/`Area`, or one of the
    parts of `Newcastle-Maitland` or `X near Linz`. Without a country, only a big city that
    no other place of that name rivals (see `bare_city`)."""
    spellings = [text]
    stripped = _AREA_WORDS.sub("", text).strip()
    if stripped and stripped != text:
        spellings.append(stripped)
    if pieces and _PIECES.search(text):
        spellings.extend(p for p in _PIECES.split(text) if p.strip())
    table = gazetteer.table()
    for spelling in spellings:
        if country is None:
            city = bare_city(spelling)
        elif location_key(spelling) in _NOT_CITY_KEYS:
            city = None
        else:
            city = table.city(spelling, country, region)
        if city is not None:
            return city
    return None


_NOT_CITY_KEYS = frozenset(NOT_CITIES) | frozenset(REGIONS) | frozenset(NATIONS)


def bare_city(name: str, min_population: int | None = None) -> City | None:
    """The city a name alone means, when it is big enough and unambiguous.

    `Paris` -> Paris, FR (a Paris in Texas is far smaller); `Springfield` -> None (three US
    Springfields of one size); `Sales` -> None (an ordinary word).
    """
    key = location_key(name)
    if not key or key in _NOT_CITY_KEYS or _NOT_A_PLACE.match(str(name).strip()):
        return None
    own, alt = gazetteer.table().candidates(name)
    floor = BARE_ONE_WORD_MIN_POPULATION if " " not in key else BARE_CITY_MIN_POPULATION
    if min_population is not None:
        floor = min_population
    for cities, minimum, rivals in ((own, floor, own), (alt, BARE_ALT_NAME_MIN_POPULATION, own + alt)):
        if not cities or cities[0].population < minimum:
            continue
        best = cities[0]
        rival = max(
            (c.population for c in rivals if (c.country_code, c.region) != (best.country_code, best.region)),
            default=0,
        )
        if best.population >= BARE_CITY_RATIO * rival:
            return best
        return None
    return None


def country_of(name: str) -> str | None:
    """ISO 3166-1 alpha-2 code of the place's country when known (`Tel Aviv, Israel` -> IL)."""
    place = parse_place(name)
    return place.country_code if place else None


def locality_of(name: str) -> str | None:
    """The city or town of a place (`Tel Aviv, Israel` -> `Tel Aviv`)."""
    place = parse_place(name)
    return place.locality if place else None


def region_of(name: str) -> str | None:
    """The state or region of a place (`Columbia, MD` -> `MD`)."""
    place = parse_place(name)
    return place.region if place else None


@lru_cache(maxsize=8192)
def place_key(name: str) -> str:
    """Grouping key: one place however it is written.

    `London`, `London, England` and `London, UK` give one key; so do `Boston, MA` and
    `Boston, Massachusetts, USA`, `Portland` and `Portland, OR`, `München` and `Munich,
    Germany`. `Cambridge, MA` and `Cambridge, England` stay apart. Anything that is not a
    known place falls back to `location_key`.
    """
    place = parse_place(name)
    if place is None or place.country_code is None:
        return location_key(name)
    code = place.country_code
    if place.locality is None:
        return f"country {code}" if place.region is None else location_key(name)
    if place.city is not None:
        region = place.city.region if code in REGION_COUNTRIES else None
        return f"{location_key(place.city.name)} | {location_key(region or '')} | {code.lower()}"
    region = place.region
    if region and code in REGION_COUNTRIES:
        found = state(region, code)
        region = found.code if found else region
    return f"{location_key(place.locality)} | {location_key(region or '')} | {code.lower()}"


_TITLE_WORD = re.compile(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?")
_TITLE_PARENS = re.compile(r"\(([A-Z][^()]{1,40})\)")


def city_in_title(title: str) -> str | None:
    """A big city named in a title (`Care Home Manager Cambridge` -> `Cambridge`).

    Only capitalised words that are the own name of a city of TITLE_CITY_MIN_POPULATION
    people count, and no ordinary word (`Reading Teacher`); used as a guess when a posting
    states no location at all.
    """
    table = gazetteer.table()
    inner: str  # findall is typed Any; with one group it gives strings
    for inner in _TITLE_PARENS.findall(str(title)):
        # "Supervisor (Inverness)": a town alone in parentheses is a place, even a small one.
        key = location_key(inner)
        if (
            not inner.isupper()
            and key in table.own_names
            and key not in NOT_CITIES_IN_TITLES
            and bare_city(inner, BARE_CITY_MIN_POPULATION)
        ):
            return inner.strip()
    for match in _TITLE_WORD.finditer(str(title)):
        words = match.group().split()
        for candidate in (" ".join(words), words[0], words[-1]):
            key = location_key(candidate)
            if key in _NOT_CITY_KEYS or key in NOT_CITIES_IN_TITLES or country_code(candidate):
                continue
            cities = table.candidates(candidate)[0]
            if cities and cities[0].population >= TITLE_CITY_MIN_POPULATION:
                return candidate
    return None


def area_of(name: str) -> Area:
    """An applicant area: a country (`US`, `Germany`) gets its code, a region (`Europe`) none."""
    return Area(name, country_code(name))


@lru_cache(maxsize=8192)
def place_of(name: str) -> Place:
    """The typed place of one normalised entry (as `normalize_location` gives it).

    The one place where a location's text is parsed: address parts and the grouping key
    come from the gazetteer; a name it does not know keeps only its label and folded key.
    """
    if name == REMOTE:
        return remote_place()
    address = parse_place(name)
    if address is None:
        return Place(name, key=location_key(name))
    region = address.region
    if address.country_code in REGION_COUNTRIES:
        if region:
            found = state(region.replace(".", ""), address.country_code)
            region = found.code if found else region  # `Massachusetts` -> `MA`, `D.C.` -> `DC`
        elif address.city is not None and address.city.country_code == address.country_code:
            region = address.city.region  # `San Francisco` -> CA, from the gazetteer's city
    return Place(name, address.locality, region, address.country_code, key=place_key(name))


def places_of(names: Iterable[str], applicants: Iterable[str] = ()) -> list[Place]:
    """Typed places of normalised entries; the remote entry carries the applicant areas."""
    areas = tuple(area_of(name) for name in dict.fromkeys(applicants))
    return [remote_place(areas) if name == REMOTE else place_of(name) for name in names]


def parse_places(text_or_list: str | Iterable[str]) -> tuple[list[Place], bool]:
    """(places, remote) from a location string or list (see `parse_locations`)."""
    names, remote, applicants = parse_locations(text_or_list)
    return places_of(names, applicants), remote


def with_applicants(places: list[Place], names: Iterable[str]) -> list[Place]:
    """The places with `names` added to the remote entry's applicant areas (one is added
    when there is none)."""
    remote = next((p for p in places if p.remote), None)
    known = [area.name for area in remote.applicants] if remote else []
    areas = tuple(area_of(n) for n in dict.fromkeys([*known, *names]))
    if remote is None:
        return [*places, remote_place(areas)]
    return [remote_place(areas) if p is remote else p for p in places]


use_name_key(place_key)  # aliases in the config are grouped by the same keys as postings' places
