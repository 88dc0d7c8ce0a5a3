"""Location strings -> normalised place names, a remote flag and applicant countries.

SPEC: in a list like `Israel,Tel Aviv, Israel,Remote`, a `,` with no following space
separates entries and `, ` separates the parts of one place; a bare country also named
by another entry is dropped. `Remote (US only)` is the location `Remote` with the
applicant requirement `US`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from generator.extract.places_data import (
    CANADIAN_PROVINCES,
    CITIES,
    COUNTRIES,
    NATIONS,
    REGIONS,
    SHORT_NAMES,
    US_CITY_STATES,
    US_STATES,
)

REMOTE = "Remote"

# matching key -> ISO code, built once from the tables.
_COUNTRY_KEYS: dict[str, str] = {}
for _code, (_name, _aliases) in COUNTRIES.items():
    for _alias in (_name, *_aliases):
        _COUNTRY_KEYS[" ".join(re.findall(r"[a-z0-9]+", _alias.lower()))] = _code
_STATE_NAME_KEYS = {name.lower(): code for code, name in US_STATES.items()}
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
# Words left once remote phrases are cut from an entry: not places.
_FILLER = re.compile(
    r"\b(?:100\s*%|fully|full|only|within|based|in|from|the|select(?:ed)?|locations?|"
    r"time\s*zones?|tz|friendly|first|possible|available|ok|allowed|option(?:al)?|or|and|"
    r"all|any|of|eligible|residents?|candidates?|countries|opportunity|position|hybrid|"
    r"team)\b",
    re.I,
)
_FLAG = re.compile("([\U0001f1e6-\U0001f1ff]{2})")
_SYMBOLS = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200d]")


@dataclass(frozen=True)
class Place:
    """A place split into schema.org PostalAddress parts (any may be unknown)."""

    locality: str | None
    region: str | None
    country: str | None  # display name, e.g. "Israel"
    country_code: str | None  # ISO 3166-1 alpha-2, e.g. "IL"


_KEY_WORD = re.compile(r"[a-z0-9]+")
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def location_key(name: str) -> str:
    """Matching key: case, accents, punctuation and spacing do not matter."""
    text = str(name)
    if text.isascii():  # NFKD changes no ASCII text and finds no accents in it
        text = text.casefold()
    else:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(_KEY_WORD.findall(text.replace("&", " and ")))


def country_code(name: str) -> str | None:
    """ISO code of a country named exactly by `name` (`USA`, `Deutschland`, `Scotland`)."""
    key = location_key(name)
    if key in NATIONS:
        return NATIONS[key][1]
    return _COUNTRY_KEYS.get(key)


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
    code = _COUNTRY_KEYS.get(key)
    if code:
        return SHORT_NAMES.get(code, COUNTRIES[code][0])
    return REGIONS.get(key)


def _clean(text: str) -> str:
    text = str(text).replace("\u00a0", " ").replace("\u00c2 ", " ")
    text = _FLAG.sub(lambda m: _flag_country(m.group(1)), text)
    text = _SYMBOLS.sub(" ", text)
    if text.isascii():  # the only ASCII characters of category C are the controls
        return _ASCII_CONTROL.sub("", text)
    return "".join(c for c in text if c in "\t\n" or unicodedata.category(c)[0] != "C")


def _flag_country(flag: str) -> str:
    code = "".join(chr(ord(c) - 0x1F1E6 + ord("A")) for c in flag)
    if code in COUNTRIES:
        return ", " + COUNTRIES[code][0]
    return " "


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
    words = part.split(" ")
    return " ".join(_smart_case_word(w, i == 0) for i, w in enumerate(words))


def normalize_location(name: str) -> str:
    """One location entry, tidied: `new york, ny` -> `New York, NY`; remote variants -> `Remote`.

    Returns "" for entries that name no place (`Hybrid`, `On-site`, `.`).
    """
    text = _clean(name)
    if is_remote(text):
        return REMOTE
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
        parts.append(_fix_case_part(part, not parts))
    return ", ".join(parts)


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
    part = part.strip()
    return (part.upper() in US_STATES or part.upper() in CANADIAN_PROVINCES) and len(part) == 2


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
    raw_entries: list[str] = []
    if isinstance(text_or_list, str):
        raw_entries = split_location_list(text_or_list)
    else:
        for item in text_or_list:
            if item is not None:
                raw_entries.extend(split_location_list(str(item)))
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
    return locations, remote, applicants


@lru_cache(maxsize=8192)  # boards repeat a few hundred places; Place is immutable
def parse_place(name: str) -> Place | None:
    """Split a place into locality, region and country; None for `Remote` or nothing.

    `Columbia, MD` -> Place("Columbia", "MD", "United States", "US").
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
    last = parts[-1]
    if len(parts) > 1 and (
        (last.upper() in US_STATES and len(last) == 2) or location_key(last) in _STATE_NAME_KEYS
    ):
        region, code = last, "US"
        parts = parts[:-1]
    elif len(parts) > 1 and last.upper() in CANADIAN_PROVINCES and len(last) == 2:
        region, code = last, "CA"
        parts = parts[:-1]
    elif country_code(last):
        code = country_code(last)
        key = location_key(last)
        country = NATIONS[key][0] if key in NATIONS else COUNTRIES[code or ""][0]
        parts = parts[:-1]
        if (
            parts
            and code == "US"
            and (
                (parts[-1].upper() in US_STATES and len(parts[-1]) == 2)
                or location_key(parts[-1]) in _STATE_NAME_KEYS
            )
        ):
            region = parts[-1]
            parts = parts[:-1]
        elif parts and code == "CA" and parts[-1].upper() in CANADIAN_PROVINCES:
            region = parts[-1]
            parts = parts[:-1]
    if code and country is None:
        country = COUNTRIES[code][0]
    if code is None and len(parts) > 1:
        # "North Vancouver, BC Canada": a province or state code before the country.
        words = parts[-1].split(" ")
        if len(words) > 1 and country_code(" ".join(words[1:])) in ("US", "CA"):
            code = country_code(" ".join(words[1:]))
            country, region = COUNTRIES[code or ""][0], words[0]
            parts = parts[:-1]
    locality: str | None = None
    known_cities = [p for p in parts[1:] if location_key(p) in CITIES]
    if region is None and known_cities:
        parts = known_cities[-1:]  # "Soho Square, London": the city is London
    if len(parts) == 1:
        locality = parts[0]
    elif len(parts) >= 2:
        if region is None:
            locality, region = parts[0], parts[1]
        else:
            locality = parts[-1]
    if code is None and locality:
        code = CITIES.get(location_key(locality))
        country = COUNTRIES[code][0] if code else None
    return Place(locality=locality, region=region, country=country, country_code=code)


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
    `Boston, Massachusetts, USA`, and `Portland` and `Portland, OR`. `Cambridge, MA` and
    `Cambridge, England` stay apart. Anything that is not a known place falls back to
    `location_key`.
    """
    place = parse_place(name)
    if place is None or place.country_code is None:
        return location_key(name)
    if place.locality is None:
        return f"country {place.country_code}" if place.region is None else location_key(name)
    locality = location_key(place.locality)
    region = place.region
    if region and place.country_code == "US":
        region = _STATE_NAME_KEYS.get(location_key(region), region.upper())
    if region is None and place.country_code == "US":
        region = US_CITY_STATES.get(locality)
    return f"{locality} | {location_key(region or '')} | {place.country_code.lower()}"


_TITLE_WORD = re.compile(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?")


def city_in_title(title: str) -> str | None:
    """A well-known city named in a title (`Care Home Manager Cambridge` -> `Cambridge`).

    Only capitalised words that are big cities of the table count; used as a guess
    when a posting states no location at all.
    """
    for match in _TITLE_WORD.finditer(str(title)):
        words = match.group().split()
        for candidate in (" ".join(words), words[0], words[-1]):
            if location_key(candidate) in CITIES:
                return candidate
    return None
