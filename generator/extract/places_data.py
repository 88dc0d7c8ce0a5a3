"""Small lookup tables for place names: countries, regions, US states, big cities.

Keys are matching keys (see `locations.location_key`): lower case ASCII words.
"""

from __future__ import annotations

# ISO 3166-1 alpha-2 code -> (display name, extra aliases as matching keys).
# fmt: off
COUNTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "US": ("United States", ("us", "usa", "u s", "u s a", "united states of america", "america")),
    "GB": ("United Kingdom", ("uk", "u k", "gb", "great britain", "britain")),
    "CA": ("Canada", ()),
    "MX": ("Mexico", ()),
    "BR": ("Brazil", ("brasil",)),
    "AR": ("Argentina", ()),
    "CL": ("Chile", ()),
    "CO": ("Colombia", ()),
    "PE": ("Peru", ()),
    "UY": ("Uruguay", ()),
    "CR": ("Costa Rica", ()),
    "IE": ("Ireland", ()),
    "FR": ("France", ()),
    "DE": ("Germany", ("deutschland",)),
    "AT": ("Austria", ("osterreich",)),
    "CH": ("Switzerland", ("schweiz", "suisse")),
    "NL": ("Netherlands", ("the netherlands", "holland", "nederland")),
    "BE": ("Belgium", ()),
    "LU": ("Luxembourg", ()),
    "ES": ("Spain", ("espana",)),
    "PT": ("Portugal", ()),
    "IT": ("Italy", ("italia",)),
    "GR": ("Greece", ()),
    "PL": ("Poland", ("polska",)),
    "CZ": ("Czechia", ("czech republic",)),
    "SK": ("Slovakia", ()),
    "HU": ("Hungary", ()),
    "RO": ("Romania", ()),
    "BG": ("Bulgaria", ()),
    "RS": ("Serbia", ()),
    "HR": ("Croatia", ()),
    "SI": ("Slovenia", ()),
    "UA": ("Ukraine", ()),
    "LT": ("Lithuania", ()),
    "LV": ("Latvia", ()),
    "EE": ("Estonia", ()),
    "DK": ("Denmark", ()),
    "SE": ("Sweden", ()),
    "NO": ("Norway", ()),
    "FI": ("Finland", ()),
    "IS": ("Iceland", ()),
    "TR": ("Turkey", ("turkiye",)),
    "IL": ("Israel", ()),
    "AE": ("United Arab Emirates", ("uae",)),
    "SA": ("Saudi Arabia", ()),
    "EG": ("Egypt", ()),
    "TN": ("Tunisia", ()),
    "MA": ("Morocco", ()),
    "NG": ("Nigeria", ()),
    "KE": ("Kenya", ()),
    "ZA": ("South Africa", ()),
    "IN": ("India", ()),
    "PK": ("Pakistan", ()),
    "BD": ("Bangladesh", ()),
    "LK": ("Sri Lanka", ()),
    "CN": ("China", ()),
    "HK": ("Hong Kong", ()),
    "TW": ("Taiwan", ()),
    "JP": ("Japan", ()),
    "KR": ("South Korea", ("korea",)),
    "SG": ("Singapore", ()),
    "MY": ("Malaysia", ()),
    "TH": ("Thailand", ()),
    "VN": ("Vietnam", ("viet nam",)),
    "PH": ("Philippines", ("the philippines",)),
    "ID": ("Indonesia", ()),
    "AU": ("Australia", ()),
    "NZ": ("New Zealand", ()),
    "RU": ("Russia", ()),
    "BY": ("Belarus", ()),
    "GE": ("Georgia", ()),
    "AM": ("Armenia", ()),
    "CY": ("Cyprus", ()),
    "MT": ("Malta", ()),
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

# fmt: off
US_STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island",
    "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico",
}
# fmt: on

# fmt: off
CANADIAN_PROVINCES: dict[str, str] = {
    "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "ON": "Ontario",
    "PE": "Prince Edward Island", "QC": "Quebec", "SK": "Saskatchewan",
}
# fmt: on

# Big cities often written without their country: matching key -> ISO code.
# fmt: off
CITIES: dict[str, str] = {
    "new york": "US", "new york city": "US", "nyc": "US", "san francisco": "US",
    "seattle": "US", "boston": "US", "chicago": "US", "austin": "US", "los angeles": "US",
    "portland": "US", "denver": "US", "atlanta": "US", "washington dc": "US",
    "london": "GB", "manchester": "GB", "edinburgh": "GB", "glasgow": "GB", "oxford": "GB",
    "cambridge": "GB", "bristol": "GB", "brighton": "GB", "birmingham": "GB", "leeds": "GB",
    "liverpool": "GB", "sheffield": "GB", "nottingham": "GB", "southampton": "GB",
    "cardiff": "GB", "belfast": "GB", "aberdeen": "GB", "inverness": "GB", "plymouth": "GB",
    "berlin": "DE", "munich": "DE", "hamburg": "DE", "frankfurt": "DE", "cologne": "DE",
    "paris": "FR", "lyon": "FR", "amsterdam": "NL", "rotterdam": "NL", "dublin": "IE",
    "madrid": "ES", "barcelona": "ES", "lisbon": "PT", "porto": "PT", "vienna": "AT",
    "zurich": "CH", "geneva": "CH", "stockholm": "SE", "copenhagen": "DK", "oslo": "NO",
    "helsinki": "FI", "warsaw": "PL", "krakow": "PL", "prague": "CZ", "budapest": "HU",
    "bucharest": "RO", "kyiv": "UA", "tel aviv": "IL", "toronto": "CA", "vancouver": "CA",
    "montreal": "CA", "bangalore": "IN", "bengaluru": "IN", "delhi": "IN", "mumbai": "IN",
    "hyderabad": "IN", "singapore": "SG", "tokyo": "JP", "sydney": "AU", "melbourne": "AU",
    "sao paulo": "BR", "mexico city": "MX", "buenos aires": "AR",
}
# fmt: on

# States of the big US cities above, so `Portland` and `Portland, OR` are one place.
US_CITY_STATES: dict[str, str] = {
    "new york": "NY", "new york city": "NY", "nyc": "NY", "san francisco": "CA",
    "seattle": "WA", "boston": "MA", "chicago": "IL", "austin": "TX", "los angeles": "CA",
    "portland": "OR", "denver": "CO", "atlanta": "GA", "washington dc": "DC",
}
