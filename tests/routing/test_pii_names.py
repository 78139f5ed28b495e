"""The detector on the hand-written corpus it was tuned on, and on examples of each class of
phrasing and look-alike (none of them from the corpora).

The unseen measure is the fresh corpus, reported by the bench (bench/routing_pii.py).
"""

from __future__ import annotations

import pytest

from routing_mcp.pii import PiiScanner
from tests.routing.pii_corpus import Split, false_positives, load, score_personal, strings_of

RULES_ONLY = True  # the scanner fixture: what the rules alone find (conftest.py)


def _scan(scanner: PiiScanner):  # type: ignore[no-untyped-def]
    def scan(text: str) -> tuple[list, bool]:  # type: ignore[type-arg]
        found = scanner.scan(text)
        return found, scanner.keeps_local(found)

    return scan


def test_tuned_corpus_recall_and_false_positives(scanner: PiiScanner) -> None:
    """Floors just under what was measured on the corpus tuned on (both halves and the probe
    set, 2026-12-02: flagged 100 %, protected 99.1 %, false positives 0.6 %; session 5: 99.8 %,
    99.3 %, 0.5 %); the held-out measure is the blind corpus, in the bench."""
    personal = load("personal", "all") + load("personal", "probe")
    clean = load("clean", "all") + load("clean", "probe")
    assert len(personal) > 380 and len(clean) > 370
    score = score_personal(personal, _scan(scanner))
    assert score.flagged / score.prompts >= 0.99, score.misses
    assert score.protected / score.prompts >= 0.98, score.misses
    wrong = false_positives(clean, _scan(scanner))
    assert len(wrong) / len(clean) <= 0.015, [s.id for s in wrong]


def test_fresh_corpus_tuned_on_since_session_5(scanner: PiiScanner) -> None:
    """Floors just under the tuned-on numbers of session 5 (flagged 95.1 %, protected 89.4 %,
    false positives 0.4 %); the held-out measure is the blind corpus, in the bench."""
    personal, clean = load("personal", "fresh"), load("clean", "fresh")
    score = score_personal(personal, _scan(scanner))
    assert score.flagged / score.prompts >= 0.945, score.misses
    assert score.protected / score.prompts >= 0.885, score.misses
    wrong = false_positives(clean, _scan(scanner))
    assert len(wrong) / len(clean) <= 0.01, [s.id for s in wrong]


# The blind corpora after they were measured and tuned on (session 10's round): floors
# about a point under the figures then (flagged, protected, false positives at most), so that a
# later rule that loses what an earlier round fixed fails here. Not a held-out measure: that is
# each corpus's single measurement before it was tuned on (README, PII section).
TUNED_FLOORS = {
    "blind": (0.98, 0.97, 0.03),
    "blind2": (0.98, 0.965, 0.02),
    "blind3": (0.955, 0.935, 0.095),
    "blind4": (0.98, 0.96, 0.08),
    "blind5": (0.97, 0.955, 0.05),
    "blind6": (0.965, 0.94, 0.06),
    "blind7": (0.925, 0.90, 0.115),
    "blind8": (0.985, 0.97, 0.07),
    "blind9": (0.98, 0.965, 0.095),
    "blind10": (0.965, 0.95, 0.135),
    "blind11": (0.975, 0.96, 0.135),
    # session 12 (fifteenth round): blind12 to blind18, the rules alone after it
    "blind12": (0.945, 0.93, 0.165),
    "blind13": (0.97, 0.955, 0.06),
    "blind14": (0.935, 0.92, 0.05),
    "blind15": (0.965, 0.955, 0.04),
    "blind16": (0.945, 0.935, 0.035),
    "blind17": (0.955, 0.945, 0.035),
    "blind18": (0.98, 0.965, 0.02),
    # the sixteenth round: blind19 to blind21, the rules alone after it
    "blind19": (0.97, 0.965, 0.03),
    "blind20": (0.975, 0.965, 0.03),
    "blind21": (0.97, 0.955, 0.03),
}


@pytest.mark.parametrize("split", list(TUNED_FLOORS))
def test_blind_corpora_keep_what_their_rounds_fixed(scanner: PiiScanner, split: Split) -> None:
    flagged, protected, most_wrong = TUNED_FLOORS[split]
    personal, clean = load("personal", split), load("clean", split)
    score = score_personal(personal, _scan(scanner))
    assert score.flagged / score.prompts >= flagged, score.misses
    assert score.protected / score.prompts >= protected, score.misses
    wrong = false_positives(clean, _scan(scanner))
    assert len(wrong) / len(clean) <= most_wrong, [s.id for s in wrong]


@pytest.mark.parametrize(
    ("prompt", "name"),
    [
        ("Write to Sarah O'Connor about the invoice", "Sarah O'Connor"),
        # round 15: a name no list knows after a naming word, said by the writer or of another
        ("the new tutor is called Osric, how much should we pay him?", "Osric"),
        ("his name's Barnaby and he wants to borrow the drill", "Barnaby"),
        ("jemand namens Jorinde hat zweimal angerufen", "Jorinde"),
        ("I'm Thandeka, I teach maths and need a cover letter", "Thandeka"),
        # given names of cultures the first gazetteer under-represented (given_names_world)
        ("can you remind Wairimu and Tamati about the quiz night", "Tamati"),
        ("ask Chidinma if the van is free on Sunday", "Chidinma"),
        ("Aroha wants the spare room for a week", "Aroha"),
        # relations of the six languages before a lower-case given name
        ("un gâteau pour les 90 ans de mamie josette", "josette"),
        ("was schenke ich meiner nichte frieda zur einschulung?", "frieda"),
        ("my bf callum keeps leaving the heating on", "callum"),
        ("mi cuñado rodrigo llega el viernes, ¿qué cocino?", "rodrigo"),
        ("my colleague maria garcia needs a cover letter", "maria garcia"),
        ("Anna Müller needs a birthday poem", "Anna Müller"),
        ("Please write a note for José about the meeting", "José"),
        ("Plan a weekend with Kowalski and Priya", "Priya"),
        ("Hi Sarah,\nthe backup failed again.", "Sarah"),
        ("Thanks for the help.\nCheers,\nTom", "Tom"),
        ("the disks are in, cheers, Tom", "Tom"),
        ("A toast for Jean-Luc Picard-Dubois", "Jean-Luc Picard-Dubois"),
        ("Will Harper keeps rebooting the NAS, write him a note", "Will Harper"),
        ("mein Kollege stefan hoffmann braucht ein Anschreiben", "stefan hoffmann"),
        ("Écris un mot pour Élodie Lefèvre", "Élodie Lefèvre"),
        ("Escribe a don Manuel Herrera que el técnico viene", "Manuel Herrera"),
        # lists: every item of a list that holds a name
        ("Book a table for Ngozi, Radek and Oisín on Friday", "Oisín"),
        ("plan a picnic with ulrike and ignacio", "ignacio"),
        # lower case after for/für/à, and before "and I"
        ("schreib eine karte für henrike", "henrike"),
        ("fais une carte pour margot", "margot"),
        ("dorothea and i are presenting the migration plan", "dorothea"),
        # roles and relations, also lower case and when the name is a word
        ("Team lead: Chidi Okonkwo. Draft the rollout mail", "Chidi Okonkwo"),
        ("write a toast for my cousin hunter", "hunter"),
        ("Send the lease to Mr Baker by Monday", "Mr Baker"),
        # particles and elided surnames
        ("a thank-you note for anouk van den hoek", "anouk van den hoek"),
        ("Un message pour Solène d'Aubigné", "Solène d'Aubigné"),
        # transliterated and romanized names from the wider gazetteers
        ("Reply to Yevgeny Kuznetsov about the delivery", "Yevgeny Kuznetsov"),
        ("Ask Haruto about the pull request", "Haruto"),
        # two capitalised words no list knows, after a cue
        ("Forward the contract to Zorabel Quennick today", "Zorabel Quennick"),
        # a mention, a signature after a dash
        ("@henrik can you look at the failing backup?", "henrik"),
        ("Thanks for looking.\n\u2014 Dagmar", "Dagmar"),
        # a list under a heading that ends in a colon, a date after the name
        ("Members, sorted by date:\nHelga Brandt 17.02.1961\nMarco Ruiz", "Helga Brandt"),
        ("Members, sorted by date:\nHelga Brandt 17.02.1961\nMarco Ruiz", "Marco Ruiz"),
        ("Birthday list: Femi Adeyemi 1990-07-29, Ines Duarte 1988-01-02", "Ines Duarte"),
        # a closing and the name on one line, no comma
        ("anbei die Fotos vom Geburtstag.\nLG Wolfi\n\nMach das herzlicher", "Wolfi"),
        # a mention whose handle goes on after the name
        ("@svetlana_k and @ingrid_92 keep arguing about tabs", "svetlana"),
        ("@svetlana_k and @ingrid_92 keep arguing about tabs", "ingrid"),
        # a family by its surname in the plural
        ("write a thank-you card to the Okonkwos for the dinner", "Okonkwos"),
        # the Dutch title; a clinical note's patient field
        # (names no list knows: only the title or the field makes them one)
        ("vertaal: 'de heer Quellenhof is verzet naar maandag'", "Quellenhof"),
        ("plain english please: 'Pt: Zorvath Quellen, 52F. Hx asthma.'", "Zorvath Quellen"),
        # lower case: after what one does with a person; after "my <relation>" even unknown
        ("how much do i owe? lent bilal £40, he paid back £15", "bilal"),
        ("text to my neighbour zorvetta asking her to move her car", "zorvetta"),
        # round 61: a person by their work before "called" (the noun is the last word), a
        # lawyer's or a bailiff's title, someone said to be the writer's relative with a word
        # between, a surname and an initial as a sheet writes them
        ("the bailiff officer called Gintaras left a card", "Gintaras"),
        ("a kind midwife named Grace came round this morning", "Grace"),
        ("lettre à Maître Vandenbroucke-Lefèvre au sujet du bail", "Maître Vandenbroucke-Lefèvre"),
        ("l'avv. Scognamiglio non risponde alle mail", "avv. Scognamiglio"),
        ("Tiwa est ma petite sœur, elle arrose mes plantes", "Tiwa"),
        ("date;lane;swimmer\n03/06;4;Vasquez-Oyelaran K.;", "Vasquez-Oyelaran K."),
        # round 60: a family in the plural before "I"; a given name that is a surname too
        ("last summer with the Okonkwos I forgot the tent pegs", "Okonkwos"),
        ("write an apology to the Fitzgeralds next door about the ball", "Fitzgeralds"),
        # round 59: a given name and a surname's initial with its period
        ("the club ladder has 'Nia T.' on top with an impossible time", "Nia T."),
        # round 58: "SURNAME, GIVEN" in capitals; a police officer by rank; a name an e-mail
        # address gives, said again
        ("form says 'ADEYEMI, FOLASADE' under next of kin, what's that?", "ADEYEMI, FOLASADE"),
        ("PC Nwankwo wants the doorbell clip by Friday, how do I export it?", "Nwankwo"),
        ("a note from henrietta.lindqvist@gmx.se: 'love it, Henrietta' - reply?", "Henrietta"),
        # round 57: a payee or a holder in capitals beside an initial; "ms" without its period;
        # a title's period before a particle; a greeting, "c'est" and a name no list holds
        ("draft an apology to Mr. van Rensburg for the late reply", "Mr. van Rensburg"),
        ("voicemail: 'coucou c'est Ousmane, rappelle-moi ce soir'", "Ousmane"),
        ("statement line 'BP  NWACHUKWU O  JUNE' - which member is that?", "NWACHUKWU O"),
        ("the card says K ABERNETHY, should the form say Kenneth?", "K ABERNETHY"),
        ("fob 3 is registered to 'PRIYA S' in the app, remove it", "PRIYA S"),
        ("our headteacher ms adeyemi wants the rota by friday", "ms adeyemi"),
        # round 56: a role or a relation said to be someone, a name no list knows, in three
        # languages; German "Hr." for "Herr"; a family's plural beyond Latin-1
        ("die Mieterin von oben heißt Qendresa, schreib ihr bitte", "Qendresa"),
        ("the seller of the bike is Ouédraogo, can you check his listing?", "Ouédraogo"),
        ("la vendeuse du canapé s'appelle Zoubida, elle livre samedi", "Zoubida"),
        ("Termin mit Hr. Wąsowicz wegen der Nebenkosten verschieben", "Wąsowicz"),
        ("the Dvořáks borrowed our ladder again, how do I ask for it back?", "Dvořáks"),
    ],
)
def test_names_in_any_phrasing(scanner: PiiScanner, prompt: str, name: str) -> None:
    found = [f for f in scanner.scan(prompt) if f.entity == "PERSON"]
    start = prompt.index(name)
    assert any(f.start <= start and f.end >= start + len(name) for f in found), found


@pytest.mark.parametrize(
    "prompt",
    [
        "I will migrate the NAS in May; may I keep the old disks?",
        "Mark the failed disk offline and bill the hours to the grace period",
        "Plant a rose and hope for summer; the jack on the back is line out",
        "Write a Julia function and a Kafka consumer; talk to Alexa about Jenkins",
        "Translate this into German and French",
        "Drive from Charlotte to Paris via Florence",
        "def get_user(user_id): return USERS[user_id]  # jack = Jack()",
        # places that start with a given name's neighbour, or hyphenated places
        "Is the fibre better in San Antonio or in Saint-Étienne?",
        "Weekend in Mont-Saint-Michel or Aix-en-Provence?",
        # named after a person: a method, a problem, a line, a station
        "Explain the Gauss Seidel method and the Monty Hall problem",
        "Is the Jubilee Line faster than the Elizabeth Line to Stratford?",
        # code and products glued to punctuation or digits
        "ERROR [Oscar.Scheduler] job failed; restart Fritz!Box and check sha256 of Clara_v2",
        # a thing called by a name, a capitalised common word pair, a month abbreviation
        "Write a haiku about a robot called Boris",
        "Set up Home Assistant with Docker Compose on Proxmox",
        "Budget: Jan 1200, Feb 900, Mar 1100; meetings every Thu",
        "Is a Bosch or a Miele dishwasher quieter? Argo or Flux for GitOps?",
        # decorators are code, not mentions
        "@ray.remote\ndef train(): ...\n@mock.patch('app.clock')\ndef test_it(): ...",
        # round 15: a frequent lower-case word after "ich bin" is no name
        "Ich bin mir nicht sicher, ob der Router das kann",
        # "nicht" is German's "not", not Dutch's niece
        "Der Container startet nicht, Fehler: exec format error",
        "Minecraft for the kids: Java or Bedrock edition on a Switch?",
        # public figures of the cultures the world given names cover (known_names_world.txt)
        "Which Wole Soyinka play should a book club start with?",
        "Summarise what Wangari Maathai's Green Belt Movement did",
        # plurals after "the" that are places, brands, words
        "Holiday: the Netherlands or the Dolomites? The Mercedes Sprinter or the Browns' van?",
        # places one visits; a verb after a relation in another language
        "When is the best time to visit Kyoto or to visit Zermatt?",
        "Mein Sohn fragt: warum ist der Himmel blau? Ma fille veut savoir aussi",
        # past tenses that are also given names, after a relation
        "my boss said the VPN is down again; my son drew a dragon, make it a sticker",
        # round 64: athletes, scientists and characters of known_names_world2.txt
        "Why is Gerardus Mercator's projection still used for web maps?",
        "Write three quiz questions about Wilma Rudolph and Irena Szewińska",
        "Was hat Henry Dunant mit dem Roten Kreuz zu tun? Kurz bitte",
        # round 62: a developer by their role
        ("the dev says the build is green, can you read this log?"),
        # round 61: a thing before "called", a team as a mail's sender, French "son" after a
        # French word, a word said to be one's family, a letter after a word
        ("we bought a vintage sewing machine called Bernina, is it any good?"),
        ("From: Sales Team <sales@yarnmill.example>\nSubject: order"),
        ("explique le lien entre le tricot et son histoire, et son rôle social"),
        ("Today is my son's first day at school, what should he pack?"),
        ("Monday is my busiest day, plan meals for the week"),
        ("try Plan B. then call the help desk"),
        # round 59: a plan's or a vitamin's letter with a period
        "Plan B. is fine and vitamin D. helps in winter",
        # round 58: a town and its country in capitals
        "SHIPPING TO LONDON, ENGLAND AND PARIS, FRANCE",
        # round 57: capitals with a letter that name no one; "ms" after a number
        "TURN ON PLAN B AND CHECK VITAMIN D LEVELS IN THE GUIDE",
        "E COLI warning for the river, is swimming safe?",
        "latency is 40 ms okay? ms teams says it's poor",
        # round 56: what a relation is that is a nationality or a word, a program's name
        "my landlord is Portuguese and my neighbour is Lithuanian",
        "Das Programm heißt Syncthing und läuft auf dem NAS",
    ],
)
def test_common_words_products_and_places_are_not_names(scanner: PiiScanner, prompt: str) -> None:
    assert [f for f in scanner.scan(prompt) if f.entity == "PERSON"] == []


@pytest.mark.parametrize(
    "prompt",
    [
        # round 71: a town before its postcode, a word of a business estate's name
        "Deliveries go to Unit 3, Clayton Business Park, Beverley HU17 9AB, weekdays only",
        "Make a poster: Riverside Pottery, Unit 2, Ashton Trading Estate, Kendal LA9 6DR",
    ],
)
def test_a_town_or_an_estate_of_an_address_is_no_name(scanner: PiiScanner, prompt: str) -> None:
    assert [f for f in scanner.scan(prompt) if f.entity == "PERSON"] == []


@pytest.mark.parametrize(
    ("prompt", "is_ip"),
    [
        ("My router firmware is 1.2.3.4, is there a newer release?", False),
        ("Upgrade from version 2.14.1.3 to 2.15.0.1 broke Zigbee", False),
        ("Windows 10.0.19045.3803 breaks the NIC driver", False),
        ("The NAS at 192.168.1.20 is slow; Pi-hole on 10.0.0.53", False),
        ("my server is at 81.2.69.7, write an abuse report", True),
        # examples and shared services, not a subscriber: documentation ranges, public resolvers
        ("my server is at 203.0.113.7 in the docs example", False),
        ("Use 2001:db8::1 and 198.51.100.4 in the tutorial", False),
        ("Set DNS to 1.1.1.1 and 9.9.9.9, fallback 8.8.4.4", False),
        # a longer dotted number is no address
        ("Reject inputs like 1.2.3.4.5 or 256.1.1.1 in the validator", False),
        ("Accepted publickey for root from 92.40.175.12 port 51122", True),
        ("My public IPv6 is 2a02:8070:a284:5e00:d1c4:9a2f:1c3e:7b10", True),
        # round 6: a dotted number after a version of the same major number, on the same line
        ("installed firmware: 5.2.0.14, the vendor recommends 5.3.1.2", False),
        ("firmware 5.2.0.14 is fine but my VPS 81.2.69.7 drops packets", True),
        # round 71: a resolver log's answer for a public name, a reverse lookup's name of a
        # private address; but a home's own dynamic name and a public address looked up
        ("dnsmasq[77]: reply updates.vendor-cdn.net is 151.101.2.15", False),
        ("dnsmasq[77]: query[PTR] 12.0.168.192.in-addr.arpa from 127.0.0.1", False),
        ("dnsmasq[77]: reply ourhouse.duckdns.org is 86.12.40.99", True),
        ("dnsmasq[77]: query[PTR] 99.40.12.86.in-addr.arpa from 127.0.0.1", True),
        # round 91: a public resolver's filtering variant; an address asked about its range,
        # alone or after the question, but not one said to be someone's before or after
        ("Explain the difference between 1.1.1.1 and 1.1.1.2 resolvers", False),
        ("Is 172.32.0.1 private? I thought 172.x was all private", False),
        ("Is 10.255.255.1 a valid private address? And 172.32.0.1?", False),
        ("Is my public IP 82.14.3.9 private?", True),
        ("Is 82.14.3.9 a public address? It is my home IP", True),
        ("Why is 82.14.3.9 hitting my server? is it public?", True),
    ],
)
def test_ip_addresses_by_policy(scanner: PiiScanner, prompt: str, is_ip: bool) -> None:
    assert any(f.entity == "IP_ADDRESS" for f in scanner.scan(prompt)) is is_ip


def test_redact_replaces_whole_names(scanner: PiiScanner) -> None:
    text = "Write to Sarah O'Connor and my colleague maria garcia"
    assert scanner.redact(text) == "Write to <PERSON> and my colleague <PERSON>"


@pytest.mark.parametrize(
    "prompt",
    [
        "Who was Ada Lovelace and what did she compute?",
        "Compare Gandalf and Dumbledore as mentors in one paragraph",
        "Why did Napoleon lose at Waterloo?",
        "Explain Einstein's relativity to a ten-year-old",
        "Is Sherlock Holmes based on a real doctor? Holmes seems too clever",
        "Wie entkalke ich einen Saunier Duval Kessel?",
        "Che ore sono a Roma adesso?",
        "Welke router past het best bij glasvezel?",
        # round 26 (known_names_culture.txt): a film's character, a rose named after someone
        "what does Anton Ego order at the end of the film?",
        "is a Gertrude Jekyll rose hardy enough for a north wall?",
    ],
)
def test_public_figures_characters_and_brands_are_no_private_names(
    scanner: PiiScanner, prompt: str
) -> None:
    assert [prompt[f.start : f.end] for f in scanner.scan(prompt) if f.entity == "PERSON"] == []


@pytest.mark.parametrize(
    ("prompt", "name"),
    [
        ("my colleague Alan Turing needs a new badge", "Alan Turing"),
        ("Hi Frodo,\nthe backup is done.", "Frodo"),
        # a guard (round 26): a relative's word and a given name are the writer's relative, though
        # a book has a "Grandpa Joe" too
        ("can you text Nana and Grandpa Joe that Poppy got the lead?", "Joe"),
    ],
)
def test_a_private_person_with_a_famous_name_is_still_found(
    scanner: PiiScanner, prompt: str, name: str
) -> None:
    assert name in [prompt[f.start : f.end] for f in scanner.scan(prompt) if f.entity == "PERSON"]


@pytest.mark.parametrize(
    ("prompt", "name"),
    [
        # relations and titles of Italian and Dutch, a lower-case surname after a title
        ("mia moglie chiara ha bisogno di un biglietto", "chiara"),
        ("mijn schoonmoeder Ine komt zondag eten", "Ine"),
        ("ma compagne Sandrine rentre tard", "Sandrine"),
        ("la chiave è dalla signora Ricci al primo piano", "Ricci"),
        ("my landlord mr patel wants the keys back", "patel"),
        # mail and contact headers
        ("FN:Ingrid Solberg\nTEL:+47 912 34 567", "Ingrid Solberg"),
        ("> From: Okonkwo Adaeze <a@b.org>\n> ok", "Okonkwo Adaeze"),
        # a given name and a surname joined into a user name or an entity id
        ("failed password for user 'lucas.moreau' from 81.2.69.7", "lucas.moreau"),
        ("entity_id: person.maria_lopez\nto: home", "maria_lopez"),
    ],
)
def test_names_in_more_places(scanner: PiiScanner, prompt: str, name: str) -> None:
    found = [prompt[f.start : f.end] for f in scanner.scan(prompt) if f.entity == "PERSON"]
    assert any(name in f for f in found), found


@pytest.mark.parametrize(
    "prompt",
    [
        "import os.path and call numpy.array on it",
        "self.mark_done() is called twice in the worker",
        "Wie heißt das Tool, mit dem man Fotos sortiert?",
        "The request took 200 ms latency on average",
    ],
)
def test_code_and_words_are_not_names(scanner: PiiScanner, prompt: str) -> None:
    assert [f for f in scanner.scan(prompt) if f.entity == "PERSON"] == []


@pytest.mark.parametrize(
    ("prompt", "name"),
    [
        ("T.J. Okafor wants the slides by noon, remind me", "T.J. Okafor"),
        ("send the contract to M. Lindqvist before Friday", "M. Lindqvist"),
        ("R.K. said he'd cover my shift, how do I thank him?", "R.K."),
        ("plan a surprise party for me and Cerys next month", "Cerys"),
        ("ask Gethin whether he still has the ladder", "Gethin"),
        ("ma coloc clémence a perdu ses clés, je lui écris quoi ?", "clémence"),
        ("Grüße an meine Kolleginnen Birte und Svenja ausrichten", "Birte"),
        ("Rowan (my housemate) needs a CV template, keep it short", "Rowan"),
        # session 18: given names of given_names_extra.txt, which no list held before
        ("the bike Tugdual lent us has a flat tyre", "Tugdual"),
        ("Ruramai says the router keeps rebooting", "Ruramai"),
        ("Bilguun hat mir die Schlüssel noch nicht zurückgegeben", "Bilguun"),
        # session 22: given names of given_names_world2.txt, which no list held before, in a
        # sentence, a device's name, a folder and a password
        ("Zuri hat mir die Schlüssel noch nicht zurückgegeben", "Zuri"),
        ("the drill Yevgenia lent us has a flat battery", "Yevgenia"),
        ("is 'Yuuto2011' too weak as the Switch password?", "Yuuto"),
        ("Immich stores /srv/photos/shunsuke/ on the big disk", "shunsuke"),
        # session 25: given names of given_names_world3.txt, which no list held before, in a
        # sentence, after "to" and in a folder
        ("the tent Peregrine lent us has a broken pole", "Peregrine"),
        ("send the minutes to Jocasta? she chairs the next meeting", "Jocasta"),
        ("Kabongo hat mir das Ladegerät noch nicht zurückgegeben", "Kabongo"),
        ("syncthing shares /data/zuzka/ with the old laptop", "zuzka"),
    ],
)
def test_initials_and_names_the_gazetteer_lacked(
    scanner: PiiScanner, prompt: str, name: str
) -> None:
    assert name in strings_of(scanner, prompt, "PERSON"), scanner.scan(prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        "Our roadmap: A. Backend B. Frontend C. Docs",
        "The E.U. said the regulation applies from next year",
        "Write a product blurb for a vase called 'Henrietta', pale blue glaze",
        "Compare the Peugeot Rifter and the Renault Kangoo for a family",
        "My inverter (Fronius Primo 5.0-1) shows error 102",
        "Why do people say Hamburger Hafen and not Hamburg Hafen?",
        "Opening hours of the Albert Dock and the Alexander Fleming Museum",
        "Was Humpty Dumpty an egg in the original rhyme?",
        "Erkläre Schillers Räuber in drei Sätzen",
        "Write a review of the Harriet desk lamp I bought, it flickers",
        "Who was Catherine the Great and why is she called that?",
        # round 67: a dog named "namens"
        "Unser Nachbar hat einen Hund namens Bruno, der nachts bellt. Was tun?",
        "Lunch at Rosa's Kitchen or the Marco Deli, which is closer?",
    ],
)
def test_things_and_public_names_that_look_like_people(scanner: PiiScanner, prompt: str) -> None:
    assert strings_of(scanner, prompt, "PERSON") == []


def test_a_name_ends_at_a_line_break(scanner: PiiScanner) -> None:
    """Names on consecutive lines are two names, not one span across the break (a chat
    transcript, a CSV, a signature under a closing)."""
    prompt = (
        "Summarise the chat:\nInès: non c'est Romain\nRomain: je les ai\n"
        "csv:\nKwame Asante,1992-07-22,Bristol\nMai Tran,22.01.2001,York\n"
        "Viele Grüße\nKatrin Wendland\nTeamleitung"
    )
    names = [prompt[f.start : f.end] for f in scanner.scan(prompt) if f.entity == "PERSON"]
    assert not any("\n" in n for n in names), names
    assert {"Romain", "Mai Tran", "Katrin Wendland"} <= set(names), names


@pytest.mark.parametrize(
    ("prompt", "name"),
    [
        # round 74: whose a machine or a key is, the account in quotes
        ("the LXC container 210 belongs to 'mkowalczyk', may I restart it?", "mkowalczyk"),
        ("authorized_keys has one key for 'jthornton', is that enough?", "jthornton"),
        # round 6: names in the identifiers a homelab prompt pastes
        ("the automation never fires for person.tomasz_w when he gets home", "tomasz_w"),
        ("dhcp leases: macbook-ingeborg 10.0.0.12, pve-node1 10.0.0.2", "ingeborg"),
        ("who is Galaxy-S23-de-Rocío on my guest wifi?", "Rocío"),
        ("Siobhans-iPad keeps dropping off the mesh", "Siobhan"),
        ("device_tracker.oneplus_henrike shows away all day", "henrike"),
        ("sshd: Accepted password for wkowalczyk from 203.0.113.9", "wkowalczyk"),
        ("the cron job runs as user 'lieselotte' and cannot write the share", "lieselotte"),
        # a user name made from a name the text gives
        ("Gunnar Lindqvist left; how do I lock the account glindqvist in Nextcloud?", "glindqvist"),
        # a given name that is also a word, said of someone by "she" or "he"
        ("Autumn is starting on Monday, can you draft her onboarding checklist?", "Autumn"),
        ("Hope from the choir asked if I can drive her to rehearsal", "Hope"),
        # greetings and relations the rules lacked
        ("rewrite this: 'yo Bartholomew, the drill is still at yours'", "Bartholomew"),
        ("my roommate Forest set up the printer wrong again", "Forest"),
        # round 70: a surname first in a folder, an account logged in as, an admin renamed, a
        # maker by handle, an identifier said to hold the surname, someone's location in an
        # id, a family's plural of a surname ending in "e", a family's children, capitals
        # with two Spanish surnames
        ("Ordner /clients/koval_ingrid/rechnungen ist weg, wie wiederherstellen?", "koval_ingrid"),
        ("the kiosk PC logs in as bernadette_k every morning, can I automate it?", "bernadette_k"),
        ("rename the Immich administrator from 'siobhan' to 'family-admin'?", "siobhan"),
        ("footer text: 'made by r_castellanos, 2025' on the family dashboard", "r_castellanos"),
        ("is the SSID 'net-okonkwo' (my last name) a privacy risk?", "okonkwo"),
        ("Jinja: sensor shows unknown for 'farida_location', what's wrong", "farida"),
        ("the parcel for the Ashmores came to us by mistake, write them a note", "Ashmores"),
        ("The Nwachukwu kids are coming for the sleepover, gluten-free snacks?", "Nwachukwu"),
        ("Abono de MARTÍNEZ RUIZ, LUCÍA recibido, ¿cómo lo concilio?", "MARTÍNEZ RUIZ, LUCÍA"),
        # round 69: a family's name before its word in a compound, a phone by its French
        # short name, a French failed log-in in the other order
        ("backup of 'nextcloud-files-kowalczyk-family' fails at 3am", "kowalczyk"),
        ("WireGuard: handshake from peer 'tel-apolline' every minute, normal?", "apolline"),
        (
            "Nextcloud : « Connexion échouée : j.marchetti depuis 10.0.0.8 », c'est qui ?",
            "j.marchetti",
        ),
        # round 68: a given name's number, an in-law written with spaces, a martial arts
        # teacher's title, a handle ending in a given name, a surname in capitals first in a
        # folder, someone's health data by what it tracks
        ("can you format Aoife's number with +353 for me?", "Aoife"),
        ("my sister in law Benedetta wants the wifi password again", "Benedetta"),
        ("what does rei mean? Sensei Okafor shouts it at the kids all the time", "Okafor"),
        ("post in #general: well done @gravel_ingrid on the first 100k!", "ingrid"),
        ("Nextcloud folder /mandanten/KOWALCZYK_Marta/ is shared wrongly", "KOWALCZYK_Marta"),
        ("influx measurement 'rosalind_sleep' has gaps since Monday, why?", "rosalind"),
        # round 67: a relative of someone before their name, the youngest child's name, an
        # automation's id after its kind, Jellyfin's log-in, the parents' name in a host, a
        # person's folder joined by "_", an entity in a template's state object
        ("il papà di alessio ci porta alla partita sabato, segnalo", "alessio"),
        ("la hermana de ximena nos presta la tienda de campaña", "ximena"),
        ("le frère de mathis vient le chercher à 17h, note-le", "mathis"),
        ("der Kleine heißt jonte und will eine Dino-Party", "jonte"),
        ("the script 'bedtime_lights_ingrid' runs twice since the update", "ingrid"),
        ('Jellyfin: Authentication request for "mwhitfield" has been denied', "mwhitfield"),
        ("pihole shows 'nas-eltern-brandstaetter' asking for ads every second", "brandstaetter"),
        ("Nextcloud: Ordner /Nachhilfe/Ida_Fuchs/Hefte synchronisiert nicht", "Ida_Fuchs"),
        ("{{ states.sensor.margit_steps_today.state }} shows unknown", "margit"),
    ],
)
def test_names_in_identifiers_and_plain_sentences(
    scanner: PiiScanner, prompt: str, name: str
) -> None:
    found = strings_of(scanner, prompt, "PERSON")
    assert any(name in f for f in found), scanner.scan(prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        # host names and accounts without a person in them
        "dhcp leases: pixel-7-pro 10.0.0.31, macbook-air 10.0.0.32, ubuntu-server 10.0.0.2",
        "sshd: Failed password for root from 203.0.113.9 port 4122",
        "the container runs as user www-data, how do I change the owner of /srv?",
        "certificate for https://nas.fritz.box expired yesterday, how do I renew it?",
        # a word that starts a sentence and a question to the reader
        "Summer is the best time to repaint the garage, what paint do you recommend?",
        # streets named after people, and a placeholder name of a form
        "the shop is on Calle de Goya 12, 28001 Madrid: write the opening-hours sign",
        "Der Vordruck zeigt 'Erika Mustermann' als Beispiel, was trage ich ein?",
        # a product's model letter before a new sentence
        "Mein Stick ist ein ZBDongle-E. Funktioniert der mit Zigbee2MQTT?",
        # frequent words of the other languages, in lower case, that name lists also hold
        "¿Es normal dormir diez horas al día como mucho? pregunta general",
        "kannst du mir helfen, den Router neu zu starten?",
        "ça marche très bien avec le NAS, merci",
        # round 73: one program's constants in capitals, its name first
        "set TALBOT_ADMIN_EMAIL and TALBOT_DB_PATH in the compose file",
    ],
)
def test_identifiers_words_and_streets_that_are_no_person(scanner: PiiScanner, prompt: str) -> None:
    assert strings_of(scanner, prompt, "PERSON") == [], scanner.scan(prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        # round 7: businesses and firms called by a name, animals and things named like people
        "Die Metzgerei Baumann sucht eine Aushilfe, schreib die Anzeige",
        "la pharmacie Lucas ferme à quelle heure le dimanche ?",
        "Write a thank-you card from Schneider & Söhne to their suppliers",
        "Is Procter & Gamble older than Johnson & Johnson?",
        "Bruno the robot mower keeps getting stuck on the lawn edge, any fix?",
        "we got a kitten last week, her name is Clementine, what food is best?",
        "who sang the song 'Roxanne' and was it a hit?",
        # a name talked about as a name, a figure of history asked about
        "Is Amadeus a good name for a sailing boat or is it too much?",
        "¿Quién fue Simón Bolívar y por qué es tan importante?",
        "Who were Lewis and Clark, in three sentences?",
        "Sehr geehrte Damen und Herren, wie formuliere ich das höflicher?",
        # a name paired with a public one; a work quoted a word or two after its noun
        "Alan Turing vs Tommy Flowers: who did more for Colossus?",
        "which film is 'Ingrid Marlowe' from, the one with the lighthouse?",
        "Describe the Harriet armchair in two sentences for the catalogue",
        # round 8: pets named right after what they are, frequent words starting a sentence
        "our dog Murphy barks at the robot mower, how do I stop it?",
        "Unser Kater Moritz trinkt kaum Wasser, ist das normal?",
        "Mi gata Lola no come desde ayer, ¿qué hago?",
        "Dann startet der Container neu, warum?",
        # round 9: storms, dishes, streets named after people, names asked about, school topics
        "how much rain did Storm Henk bring to the Midlands?",
        "wie stark war Orkantief Sabine in Bayern?",
        "is crêpes Suzette hard to flambé at home?",
        "step-free route from Paddington to Marylebone Road with a buggy?",
        "what does the name Saoirse mean and how do you say it?",
        "Woher kommt der Nachname Schneider?",
        "essay plan: how does Heathcliff's revenge shape the second half of the novel?",
        "Geschichte Referat: warum wurde Friedrich Ebert 1919 Reichspräsident?",
        # round 10: animals and boats "called" in six languages (a title before the name too),
        # a bakery of someone's name, a street named after a doctor, a feast, a word of a title
        # after an article, a frequent word after "¿", a German compound, a word as a log-in
        "Onze kat heet Pip en hij krabt aan de bank, tips?",
        "Il nostro cane si chiama Briciola e abbaia sempre",
        "a grumpy hamster called Mr Nibbles escaped, where do they hide?",
        "we bought a dinghy called 'Lady Rosalind', can we keep the name?",
        "is there a Gail's bakery near the station that opens at 6?",
        "le magasin au 4 rue du Docteur Roux est-il ouvert ?",
        "on ferme le dimanche avant Noël ?",
        "¿Qué se celebra el Día de la Hispanidad?",
        "Versión 2.1. ¿Esa cifra es la compilación?",
        "Wie lange gilt das Widerrufsrecht bei Sonderanfertigungen?",
        "iptables DOCKER-USER chain is empty, why no drops?",
        # round 11: a group in German ("Kundinnen und Kunden"), a host on the home domain, a
        # family's name, a rota word that is a name
        "Liebe Kundinnen und Kunden, ab Januar ändern sich die Zeiten",
        "rsync -avz backup@nas.lan:/volume1/photos/",
        "urgent issues go to the primary rota, team Payments",
        "how do I pay bill online with the bank app?",
        "¿Qué dosis se recomienda? pregunta general",
        # round 12: Home Assistant's guest, a street or a room named with "de", "this is" a place
        "i have a person.guest entity that never changes",
        "Adresse : 3 place Charles-de-Gaulle, salle-de-bain au fond",
        "this is Sparta!",
        # round 13: a known name whose first word is a relation ("Granny Smith"), Madrid's Gran Vía
        "which apples for a crumble: Granny Smith, Bramley or Cox?",
        "ruta a pie: Puerta del Sol, Gran Vía, Plaza de Cibeles",
        # round 15: a thing named with a word no list knows; German's article after a title
        "which serif font is called Perpetua and who designed it?",
        "welches Kapitel im Herrn der Ringe ist das längste?",
        # round 73: a piece, a scripture, a gala, a helpline and a Dutch company with its
        # dotted legal form, whose names hold a given name or a surname
        "can a beginner manage Für Elise by Christmas?",
        "a one-page summary of the Bhagavad Gita for a world religions class",
        "what did people wear to the Met Gala this year?",
        "Il Telefono Amico risponde anche di notte?",
        "Stuur de factuur naar Mulder Groothandel B.V., afdeling inkoop",
        # round 74: flowers named like women, listed where the text is about plants
        "Daisy, Poppy and Iris: which of these flowers grow in clay soil?",
        "Rosa, Margarita y Hortensia: ¿qué flores plantar en el balcón?",
    ],
)
def test_businesses_animals_works_and_history_are_no_private_person(
    scanner: PiiScanner, prompt: str
) -> None:
    assert strings_of(scanner, prompt, "PERSON") == [], scanner.scan(prompt)


@pytest.mark.parametrize(
    ("prompt", "name"),
    [
        # round 7: what someone does with the writer, a friend "of mine", a professor, handles
        ("can you settle this: Brook owes me 20 and Skye paid the taxi", "Brook"),
        ("a friend of ours, Dusty, wants to borrow the trailer again", "Dusty"),
        ("draft an email to Professor Okonjo-Brandt about the extension", "Okonjo-Brandt"),
        ("my mum's login is ingrid.halvorsen1961, is that too guessable?", "ingrid.halvorsen"),
        ("the Jellyfin admin user is rosalie.tan, reset her password", "rosalie.tan"),
        # but a relation keeps its name even in a sentence about names
        ("names for the dog? my sister Henrike wants Bolt", "Henrike"),
        # round 8: an age after the name, a Home Assistant phone of someone
        ("make my dating profile snappier: 'Tobi, 31, climber, bad at texting back'", "Tobi"),
        ("notify.mobile_app_telefono_de_ximena fails since the update", "ximena"),
        # round 9: title chains; a child's school letter is no school topic
        ("Wie schreibe ich an Prof. Dr. Lindemann, dass ich krank bin?", "Lindemann"),
        ("write a note to school: my son Caspar (Year 5) will miss the history trip", "Caspar"),
        # round 10: lower-case names after a title (also unknown, or a word before a surname),
        # a relation said to be someone, the writer's own name (known or not), the writer and
        # friends in lower case, a code comment's owner, a setting's user (ö spelled "oe"), a name
        # and a surname in a host name, a name that is a word before a device
        ("thank you card for mrs hope larkin, who taught piano", "hope larkin"),
        ("la voisine, mme n'diaye, se plaint du bruit", "n'diaye"),
        ("best man toast: my brother is Mark, he met her climbing", "Mark"),
        ("mein Sohn heißt Ben und hat Angst vor Hunden", "Ben"),
        ("Bonjour, je m'appelle Adjoa Mensah et je cherche un poste", "Adjoa Mensah"),
        ("je m'appel Ekow, j'ai 30 ans", "Ekow"),
        ("ok so me, tariq and lucia are splitting the rent", "tariq"),
        ("# TODO(mbrennan): drop after the migration", "mbrennan"),
        ("GITEA_ADMIN_USER=juergen.hansen", "juergen.hansen"),
        ("ntfy topic sigrid-lindqvist-tv gets nothing", "sigrid-lindqvist"),
        ("a client called Roses-Galaxy-S23 on the guest wifi", "Rose"),
        # round 11: a home directory, a rota's people, a device on the home network's domain,
        # a person verb before a lower-case name that is a word (also "sag ich", "scusa a"), a
        # habit after a lower-case name, two given names that do what people do, a title and a
        # particle, CamelCase and link names, two names in a wifi's name, a list of names
        ('File "/home/radomir/app/main.py", line 3', "radomir"),
        ("rota:\n  primary: kasia.nowak\n  secondary: amara", "kasia.nowak"),
        ("which is chatty? 192.168.1.23 (ahmed-macbook.lan)", "ahmed"),
        ("how do i tell jasmine i cannot come", "jasmine"),
        ("wie sag ich lukas dass ich nicht komme", "lukas"),
        ("come chiedere scusa a chiara per ieri", "chiara"),
        ("ok so tanvi keeps leaving her dishes out", "tanvi"),
        ("Will and Rose are getting married in May", "Rose"),
        ("Dawn and Bill from next door asked me to water the plants", "Bill"),
        ("Wie schreibe ich Frau von Wedel-Parlow an?", "von Wedel-Parlow"),
        ("his Steam name is xX_LukaPetrovic_Xx", "LukaPetrovic"),
        ("is calendly.com/tariq-haddadin/30min safe to share?", "tariq-haddadin"),
        ("the neighbours' wifi 'Nikos-and-Eleni-5G' clashes with ours", "Eleni"),
        ("seating plan: zoë, marek, björn, aylin, paddy", "marek"),
        ("mi novio nacho dice que no", "nacho"),
        # round 12: a clear given name or a family in an entity id, a device's or a topic's
        # owner after "von", "de", "for", a person's own resource, a service's user in quotes, a
        # login page's welcome, a message's "it's …", an ex, lower-case "frau" and "doctor"
        ("binary_sensor.bed_sensor_mieke stays off at night", "mieke"),
        ("sensor.strom_familie_bergmann_total is wrong", "bergmann"),
        ("fritzbox shows 'Galaxy-A54-von-Wolke', my niece's phone", "Wolke"),
        ("ntfy topic 'alerts-for-hamish' gets nothing", "hamish"),
        ("dataset tank/backup/laptop-wolfgang needs a snapshot", "wolfgang"),
        ("rename the namespace 'bryony-blog' to 'blog'", "bryony"),
        ("le compte immich 'oceane.g' prend 400 Go", "oceane.g"),
        ("the page says 'Welcome back, Precious!' to everyone", "Precious"),
        ("reply to 'hi there, it's Bongani from #14, your parcel'", "Bongani"),
        ("a neutral message to my ex Brandon about weekends", "Brandon"),
        ("schreib an frau yıldız wegen des hundes", "yıldız"),
        ("call doctor nwosu's office at four", "nwosu"),
        # round 13: a code owner's or a chat's mention, a gamertag, a ticket's assignee, a home
        # directory whatever the name, a colleague by department, an aunty, a birthday's person,
        # verbs with "a" in Spanish and Italian
        ("# owner: @farida.haidari, ask first", "farida.haidari"),
        ("/api/    @kwame-asare @d-ferreira", "d-ferreira"),
        ("my brother's gamertag xX_Tomasz_Xx got banned", "Tomasz"),
        ("the ticket was assigned to rhiannon.p last week", "rhiannon.p"),
        ("rsync -a /home/elspeth/Pictures/ nas:/backup/", "elspeth"),
        ("Dawn from accounts told me to ask you", "Dawn"),
        ("how do i tell aunty funmi we're not coming", "funmi"),
        ("un poème pour l'anniversaire de maëlle, elle adore les chevaux", "maëlle"),
        ("escríbele a pablo que llego tarde", "pablo"),
        ("scrivi a luca che la riunione è spostata", "luca"),
    ],
)
def test_round_7_names(scanner: PiiScanner, prompt: str, name: str) -> None:
    found = strings_of(scanner, prompt, "PERSON")
    assert any(name in f for f in found), scanner.scan(prompt)


@pytest.mark.parametrize(
    ("prompt", "name"),
    [
        # round 76: a knight's title, a name's possessive before a device (in capitals, or a
        # name that is also a word), an iPhone's host name with its apostrophe made a dash
        ("draft a thank-you to Sir Graham Whitlock for opening the fete", "Sir Graham Whitlock"),
        ("the VPN only drops when LUCAS'S laptop sleeps", "LUCAS"),
        ("Jade's new tablet keeps forgetting the wifi", "Jade"),
        ("dnsmasq lease: 192.168.4.17 Tobias-s-iPad", "Tobias"),
        # the account of a Unix command, an access log's user before its quoted request
        ("why does `getent passwd anke.vogel` hang for 30 seconds?", "anke.vogel"),
        ('10.1.1.9 - oskar "GET /admin" 403, who is that', "oskar"),
        # round 77: what runs or logs in as an account, an account said in French with "c'est"
        ("the cron job runs as m.haddad and fails at 3am", "m.haddad"),
        ("son identifiant c'est 'lgarnier', comment le supprimer ?", "lgarnier"),
        # round 79: a card holder shown by initials before a surname that is also a word
        (
            "the dispute says the cardholder is shown as 'R T FLETCHER', is that enough?",
            "R T FLETCHER",
        ),
        # round 80: a name of record (a maiden name, an account's holder), an account connected
        # to over ssh
        ("my maiden name is Featherstonehaugh, will the bank need it?", "Featherstonehaugh"),
        ("the refund goes to account name R Okafor, is that right?", "R Okafor"),
        ("he tried to ssh in as 'tobias' from the hotel wifi", "tobias"),
        # round 82: a VM's or a container's name in brackets after its number, as Proxmox
        # writes it; a user's folder in Nextcloud's data directory; an access log's user with
        # the time left out; a lower-case name's possessive opening a sentence or a quotation
        ("TASK ERROR: VM 112 (gunnar-grafana) is locked (snapshot)", "gunnar"),
        ("rsync: opendir /srv/nextcloud/data/ezeokoli/files/Scans failed", "ezeokoli"),
        ("the log says 172.16.0.40 - hvasquez - then nothing, why?", "hvasquez"),
        ("ok so. solveig's car broke down again, find a garage", "solveig"),
        ("the security answer is 'oskar's first school', is that weak?", "oskar"),
        # round 83: a family by a surname no list holds, doing what people do
        ("the Ezeokolis, who booked the big kennel, never came", "Ezeokolis"),
        ("remind me the Obiakors are coming at six", "Obiakors"),
        # round 84: a machine's owner with the possessive's "s" and no apostrophe
        ("VM 120 (mateos-gaming) won't start after the GPU passthrough change", "mateo"),
        # round 91: a name said to be someone's with "is called", a child's by age beside
        # homework, a card in someone's name, dropbear's log-in, a Slavic surname's feminine
        # form in a file's name
        ("my daughter is called Emma and she loves horses", "Emma"),
        ("our son is named Oliver, he starts school in May", "Oliver"),
        ("Music theory homework for a 9yo named Solomon, something with dinosaurs", "Solomon"),
        ("backup card, exp 04/28, the one in Rukhsana's name for the parking app", "Rukhsana"),
        ("dropbear[2211]: Password auth succeeded for 'gwen' from 10.0.0.9:50122", "gwen"),
        ("rename the clips to '2025-03-29_Kinga_Lewandowska_Chopin.wav'", "Kinga_Lewandowska"),
        # round 92: a lower-case name said to be the writer's partner or relative, a word too
        ("how do i alert her on discord? ruby is my co-owner", "ruby"),
        ("hey, mateo is my brother and he needs the wifi password", "mateo"),
        # (review: the relation as the first of two words, "my sister and ...")
        ("rose is my sister and she wants the guest wifi", "rose"),
        # round 93: sshd's password log-in, a name in an entity id typed with its umlaut
        ("sshd[2211]: Failed password for jarrah from 10.0.0.9 port 51244 ssh2", "jarrah"),
        ("der Sensor sensor.wohnzimmer_temp_jürgen zeigt unavailable", "jürgen"),
        # round 94: a family by an Irish surname or one in "-es", a log's name key in capitals,
        # an Italian transfer's payee, a given name's own procedure, a real person named in a
        # poem for them
        ("Can you draft an apology to the O'Sullivans for the noise", "O'Sullivans"),
        ("The Hebblethwaites want the van on Saturday", "Hebblethwaites"),
        ("reader log: TXN ok amt=3.20 name=B QUAYSON", "B QUAYSON"),
        ("IBAN IT60 X054 2811 1010 0000 0123 456 intestato a Ferraro, va bene?", "Ferraro"),
        ("Sarah's procedure went well and she is home", "Sarah"),
        ("write a poem for my neighbour, a man called Frank", "Frank"),
        ("a limerick about a boy named Rafferty, he's my nephew", "Rafferty"),
        # round 95: a message's kind before whom it goes to, as a to-do says it; a family by
        # a surname no list holds with something done for them
        ("WhatsApp an Dmitrij: die Kartoffeln kommen Freitag", "Dmitrij"),
        ("I did a quote for the Okonjos and they said yes", "Okonjos"),
        ("zone:\n  - name: Olusegun work\n    latitude: 53.48", "Olusegun"),
        # round 98: an app's user quoted after its field's word
        ("Matrix won't let user id 'd.nwachukwu' join the room", "d.nwachukwu"),
        ("Jellyfin: son login c'est 'mlefebvre', il a oublié son mot de passe", "mlefebvre"),
        ("Gitea meldet: Login fehlgeschlagen: 'kbrandauer'", "kbrandauer"),
        # round 101: a Polish title as addressed, a holder's name with a slash, a machine's
        # name said so and a surname at its end, a person's documents, an app's activity
        ("Przetłumacz: 'Dzień dobry, Pani Grażyno, klucze są u sąsiada'", "Pani Grażyno"),
        (
            "the booking says passenger 'OKAFOR/IMOGEN', is that the right order?",
            "OKAFOR/IMOGEN",
        ),
        ("how do I snapshot the Proxmox VM called 'media-rose' every night?", "rose"),
        ("LXC 'immich-nwachukwu' keeps running out of disk", "nwachukwu"),
        ("backup the share 'docs-ingeborg' to the USB disk weekly", "ingeborg"),
        ("Nextcloud activity shows 'friedericke' deleted the album", "friedericke"),
        ("Jellyfin zeigt Anmeldungen von 'ottilie' um 3 Uhr nachts", "ottilie"),
        # round 103: a folder of someone's birthday photos
        ("copy /srv/photos/2024/Ottoline_birthday to the NAS", "Ottoline"),
    ],
)
def test_rounds_76_to_105_names_in_titles_devices_and_accounts(
    scanner: PiiScanner, prompt: str, name: str
) -> None:
    assert name in strings_of(scanner, prompt, "PERSON"), scanner.scan(prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        # round 76: a shade named like a woman, an acronym before a word, a German compound
        # after an acronym, "Sir" as an address
        "is Amber yellow or Olive green better for a north-facing hallway?",
        "does the MS Society run a helpline at weekends?",
        "Welche Kosten übernimmt die Kasse bei einer MS-Reha?",
        "Dear Sir or Madam, please find the invoice attached",
        # round 77: a service account run as, a unit's abbreviation at a line's end before a
        # month at the next line's start
        "the container runs as www-data and cannot write to /config",
        "p99 latency 80 ms\nJune was the busiest month for the API",
        # round 78: a newsletter's reader greeted
        "Fallback-Anrede im Newsletter: 'Liebe Leserin, lieber Leser' – passt das?",
        # round 80: German plurals of people, a species' common name before its Latin one,
        # the placeholder person in an entity id, a storage account's name
        "Wie erkläre ich Kindergartenkindern den Datenschutz?",
        "Care sheet for Guppy (Poecilia reticulata) and Oscar (Astronotus ocellatus), please",
        "person.jane_doe is the entity the docs use in every example",
        "the storage account name Backups is wrong in the Terraform state",
        # round 81: an account's name of two words without an initial
        "the Google account name Home Assistant uses is wrong",
        # round 82: a folder of media data, a program's possessive opening a sentence
        "rsync: opendir /srv/data/media/files/Movies failed",
        "grafana's alert rules fire twice, how do I dedupe them?",
        "VM 103 (docker-host) is locked (backup), how do I unlock it?",
        # round 83: a range of mountains said in the plural
        "the Dolomites are beautiful in June, plan a four-day hike",
        # round 84: a machine named for what it holds, in the plural
        "LXC 'backups-nightly' fails every Sunday since the upgrade",
        # (review: an inventory's address, host and device in the shape round 82 read as an
        # access log's user with the time left out)
        "192.168.1.40 - printer - Brother HL\n192.168.1.50 - kitchen - tablet on the wall",
        # (review: a public family in the plural, its surname a public name's last word)
        "the Kardashians are everywhere on my feed, block them in Pi-hole",
        # round 86: a disease named after someone, with its head or alone, after a relative
        "my son has Wilson's disease and sees a liver team",
        "my daughter was diagnosed with Williams syndrome in May",
        "my chickens have Marek's disease, is the flock lost?",
        "is hyperpigmentation always present in Addison's",
        "The Addison's clinic at St Thomas' Hospital: what are their referral criteria?",
        # round 87: a modal before a disease, a company's last word, a ruler by number, an
        # algorithm, a dairy
        "Can Sjögren's be diagnosed with just a blood test? asking in general",
        "I'm selling 'Hogwarts House' door decals. Do I need a licence from Warner Bros?",
        "Stimmt es, dass das Reinheitsgebot 1516 von Herzog Wilhelm IV. erlassen wurde?",
        "Test data: 3782 446610 31808 (should be rejected by Luhn). Write the pytest cases",
        "Our supplier is Hartley's Dairy, order no. ORD-448213. Why was the delivery short?",
        # round 91: software given an "'s", a van called a name, a Spanish word in an entity
        # id, institutions named after people, a college someone goes to is still theirs below
        "Why does Nextcloud's calendar not sync with iOS? DAVx5 on Android works fine.",
        "Proxmox's backup job fails every night since the upgrade",
        "Is Rose a good name for a van? My mate says every florist van is called Rose.",
        "Home Assistant: el riego switch.zona_huerto no se activa al amanecer.",
        "¿El Hospital Sant Joan de Déu en Esplugues tiene unidad de endocrinología?",
        "Le CHU de Lyon, Hôpital Édouard Herriot : il y a un parking visiteurs ?",
        "La Scuola di Musica Verdi, via Roma 10, 20121 Milano: formatta per il volantino.",
        # round 92: words before "is my", an orthopaedic supplier named after its owner
        "python is my favourite language, rose is my favourite flower",
        "Orthopedie Van Dijk, Stationsweg 8, 2312 AV Leiden: schrijf een e-mail.",
        # round 93: a bot's attempt on no account, a German noun in an entity id, a frequent
        # German word after a user's field
        "sshd[1]: Failed password for invalid user oracle from 10.2.3.4 port 22",
        "Sensor: binary_sensor.halle_bewegung schaltet das Hallenlicht nicht",
        "Jellyfin-Benutzer nur Kinderfilme zeigen – wie geht das?",
        # round 94: procedures and signs named after someone, a street's word before a verb, a
        # joinery of two words, cards' networks, a made-up character, a role's phone line, a
        # log's name key holding words
        "What is a Hartmann's procedure, in simple words?",
        "Is Tinel's sign reliable for carpal tunnel?",
        "The Tommy John surgery: who was it named after?",
        "The depot on Mill Lane says my parcel is held",
        "Logo ideas for a joinery called Birch & Stone Kitchens",
        "card prefixes for Visa, Mastercard and Amex, please",
        "Write a limerick about a man called Frank who lost his hat",
        "Their customer line closes at 5, can you draft an email instead?",
        "device name=LIVING ROOM TV in the log, why?",
        "Any novels like 'Inside the O'Briens' to recommend?",
        # round 95: a configuration's name key with a label for its value
        "input_boolean:\n  meds_morning:\n    name: Morning meds taken",
        # (a brand and a city after a preposition and "the", a noun after them; customers)
        "Is there an integration for the Withings scale without the cloud?",
        "How far is that from the Minneapolis airport by car?",
        "Schreib eine kurze Nachricht an Kunden: Wir kommen Montag um 8 Uhr.",
        # round 96: a lighting system, Santa, a monitoring tool's second word
        "describe a sleep-friendly lighting setup with Hue for my bedroom",
        "my son asked why Santa's elves have no NHS numbers",
        "Uptime Kuma keeps saying my Nextcloud is down",
        # round 98: service accounts and words quoted after a user's field
        "the user 'frontdesk' has no quota on my Nextcloud",
        "user id is 'sbuilder' in the CI config",
        "my login is 'backup_svc', why does cron fail?",
        # round 101: a tendon named after a hero, a machine's kind in its name, pairs in
        # capitals with a slash, an app's own accounts
        "Combien de temps dure la rééducation après une rupture du tendon d'Achille ?",
        "¿El tendón de Aquiles se puede romper dos veces?",
        "VM 'ubuntu-server' and CT 'docker-host' won't start after the upgrade",
        "set the switch to READ/WRITE and ON/OFF, then TCP/IP",
        "the audit log shows 'admin' and 'root' logging in",
        # round 104: a country in French
        "Combien de soldats Napoléon a-t-il perdus en Russie ?",
        # round 105: a door in an entity id, in French and Italian
        "automatisation : si binary_sensor.porte_bureau reste ouverte 10 min, notifier",
        "automazione: se binary_sensor.porta_ufficio resta aperta, avvisami",
        # round 105: health in French, a public agency's first word
        "Que dit Santé publique France sur la canicule ?",
    ],
)
def test_rounds_76_to_105_shades_acronyms_diseases_and_line_ends_stay_clean(
    scanner: PiiScanner, prompt: str
) -> None:
    assert strings_of(scanner, prompt, "PERSON") == []
