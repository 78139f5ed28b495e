"""The whole-text PII model (routing_mcp.pii_context), the name-word model (pii_tokens) and how the
scanner combines them with the rules in each ROUTING_PII_CONTEXT mode: what they may drop, what
they add, what they read, and that the shipped files are the ones trained on the corpora they
name."""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import replace
from importlib.resources import files
from pathlib import Path

import pytest

from homelab_shared.settings import ConfigError, load_settings
from routing_mcp import pii_tokens
from routing_mcp.pii import CONTEXT, ContextMode, PiiScanner
from routing_mcp.pii_context import LONGEST, ContextModel, features, shipped
from routing_mcp.pii_tokens import NameWordModel
from routing_mcp.settings import RoutingSettings
from tests.harness.fresh import run_script
from tests.routing.pii_context_train import HELD_OUT, corpus_digest

REGIONS = ("US", "GB", "DE", "FR")


class Fixed(ContextModel):
    """The shipped model's thresholds, with a probability the test chooses; records what it read."""

    def __init__(self, p: float) -> None:
        base = shipped()
        super().__init__(base.weights, base.scale, base.bias, base.bits, base.personal, base.clean)
        object.__setattr__(self, "p", p)
        object.__setattr__(self, "read", [])

    def probability(self, text: str) -> float:
        self.read.append(text)  # type: ignore[attr-defined]
        return self.p  # type: ignore[attr-defined]


class Names(NameWordModel):
    """The shipped name-word model's gate, with an answer the test chooses."""

    def __init__(self, name_like: bool) -> None:
        base = pii_tokens.shipped()
        super().__init__(base.weights, base.scale, base.bias, base.bits, base.gate)
        object.__setattr__(self, "name_like", name_like)

    def any_name_like(self, text: str) -> bool:
        return self.name_like  # type: ignore[attr-defined]


def scanner_with(
    p: float, mode: ContextMode = "filter", name_like: bool = True
) -> tuple[PiiScanner, Fixed]:
    scanner = PiiScanner(0.4, REGIONS, context=mode)
    model = Fixed(p)
    scanner.context = model
    if mode == "balanced":
        scanner.name_words = Names(name_like)
    return scanner, model


def test_features_are_stable_buckets_of_the_text_up_to_the_longest() -> None:
    text = "Grüße an Zoë O'Brien, 3 Rue de l'Église"
    buckets = features(text, 18)
    assert buckets == sorted(set(buckets)) and all(0 <= b < 1 << 18 for b in buckets)
    # CRC-32 of the feature's UTF-8, not Python's hash(): the same bucket in every process
    assert zlib.crc32("w:grüße".encode()) & ((1 << 18) - 1) in buckets
    assert features(text + " " + "x" * 50, 18) != buckets
    assert features("a" * LONGEST + " tail words", 18) == features("a" * LONGEST, 18)


@pytest.mark.parametrize("mode", ["filter", "balanced", "strict"])
def test_a_text_longer_than_the_training_texts_is_left_to_the_rules(mode: ContextMode) -> None:
    """A pasted log or document: read whole, a machine log reads as personal throughout and a
    name in a long document as clean, so neither model reads it."""
    notes = "Action items: Jonas to collect three quotes for the scaffolding. " + "x " * LONGEST
    log = "2025-03-11 04:25:41,049 INFO [worker-3] GET /api/states/sensor.power_35 200\n" * 100
    for p in (0.0, 0.99):
        scanner, model = scanner_with(p, mode)
        assert [f.entity for f in scanner.scan(notes)] == ["PERSON"]
        assert scanner.scan(log) == []
        assert model.read == []  # type: ignore[attr-defined]


def test_word_read_findings_are_dropped_only_when_the_model_reads_the_text_as_clean() -> None:
    # (round 52: not "a note for Mia": whom a text is written for is never dropped)
    text = "Picnic on Sunday with Mia, what food?"
    rules_only = PiiScanner(0.4, REGIONS, context="off").scan(text)
    assert [f.entity for f in rules_only] == ["PERSON"]
    for mode in ("filter", "balanced", "strict"):
        confident, _ = scanner_with(0.01, mode)
        assert confident.scan(text) == []
        unsure, _ = scanner_with(0.3, mode)
        assert unsure.scan(text) == rules_only


def test_two_kinds_read_apart_are_never_dropped() -> None:
    """A name and a health fact, each found by the rules: the model's confident "clean" does
    not veto both (it read a hospice visit this way at p = 0.04)."""
    text = "Visiting hours at the hospice? My uncle Bertram moved there, end-stage COPD."
    rules_only = PiiScanner(0.4, REGIONS, context="off").scan(text)
    assert {f.entity for f in rules_only} >= {"PERSON", "MEDICAL"}
    for mode in ("filter", "balanced", "strict"):
        confident, _ = scanner_with(0.0, mode)
        assert confident.scan(text) == rules_only


def test_a_name_the_text_says_a_person_bears_is_never_dropped() -> None:
    """Round 23: "someone called X", "a nurse named X" say that X is a person; the model's
    confident "clean" (a general question before it) does not veto that, while a title's
    capitalised "Called" is no such statement."""
    said = "which ward is it? my uncle was seen by a nurse named Ilse and i forgot to ask"
    rules_only = PiiScanner(0.4, REGIONS, context="off").scan(said)
    assert [(f.entity, said[f.start : f.end]) for f in rules_only] == [("PERSON", "Ilse")]
    title = "is the film 'A Woman Called Ilse' any good?"
    for mode in ("filter", "balanced", "strict"):
        confident, _ = scanner_with(0.0, mode)
        assert confident.scan(said) == rules_only
        assert confident.scan(title) == []


def test_the_writers_own_health_and_a_name_in_an_identifier_are_never_dropped() -> None:
    """Round 25: "I've got a slipped disc" says the writer has it, and a name the rules read in
    a user name or an entity id is no tone of the text; the model's confident "clean" does not
    veto either, while the same phrase quoted to learn it, or a name beside a full stop, may go."""
    texts = {
        "moving flat next week and I've got a slipped disc, what can I still carry?": "MEDICAL",
        "why is sensor.tablet_wiebke_battery unavailable since the update?": "PERSON",
        "the seller on the forum is 'joanna_kowalczyk91', is she legit?": "PERSON",
    }
    vetoed = [
        "Is 'Ich habe Migräne' correct German for my flashcards?",
        "we read Hamlet and Ophelia. Which scene matters most?",
    ]
    for text, entity in texts.items():
        assert_never_vetoed([text], entity)
    for mode in ("filter", "balanced", "strict"):
        confident, _ = scanner_with(0.0, mode)
        for text in vetoed:
            assert PiiScanner(0.4, REGIONS, context="off").scan(text), text
            assert confident.scan(text) == [], (mode, text)


def assert_never_vetoed(texts: list[str], entity: str) -> None:
    """The rules find ``entity`` in each text, and in every mode that reads the whole text a
    model confident that it is clean (probability 0) leaves the rules' findings as they are."""
    for mode in ("filter", "balanced", "strict"):
        confident, _ = scanner_with(0.0, mode)
        for text in texts:
            rules_only = PiiScanner(0.4, REGIONS, context="off").scan(text)
            assert entity in {f.entity for f in rules_only}, text
            assert confident.scan(text) == rules_only, (mode, text)


def test_a_relative_or_a_child_named_is_never_dropped() -> None:
    """Round 27: "my daughter Imani", "the kids are Tariq and Noor" say that the names are people
    the writer knows; the model's confident "clean" (a question about a device) does not veto
    them."""
    texts = [
        "Alexa orders things whenever my daughter Imani says 'buy', how do I stop it?",
        "How do I set screen time per child? Kids are Tariq and Noor, both on iPads.",
    ]
    assert_never_vetoed(texts, "PERSON")


def test_whose_room_wedding_or_account_it_is_is_never_dropped() -> None:
    """Round 29: a name whose room, phone or wedding the text speaks of ("Ottilie's bedroom",
    "le baptême de Clémence"), and a URL's user, are people; the model's confident "clean" (a
    question about a speaker or a NAS) does not veto them, while a birthday's theme may go."""
    texts = [
        "Can the speaker in Ottilie's bedroom play a different playlist?",
        "Les photos du baptême de Clémence sont en double sur le NAS, comment dédoublonner ?",
        "rtsp://gbrennan:pw4cam@192.168.1.9/live fails since the firmware update",
        # round 30: a device "of" someone
        "Comment limiter le temps d'écran sur la tablette de Perrine ?",
        # round 31: a relative clause only a person takes
        "Can you draft a leaving card for Philippa, who is off to Melbourne in May?",
    ]
    assert_never_vetoed(texts, "PERSON")


def test_a_user_in_a_urls_parameter_or_a_path_folder_is_never_dropped() -> None:
    """Round 34: a name the rules read as a URL parameter's user ("?u=niamh") or as a folder
    of a path ("/consume/ruairi/") is in an identifier, where the tone of a technical question
    says nothing; the model's confident "clean" does not veto it."""
    texts = [
        "why does https://tracker.example.net/share?u=niamh&t=4 show my home IP?",
        "paperless ignores /opt/paperless/consume/benedikt/ since the update",
    ]
    assert_never_vetoed(texts, "PERSON")


def test_a_name_in_a_dashed_lower_case_host_and_a_relatives_name_are_never_dropped() -> None:
    """Round 67: a name the rules read in a host's or a device's name joined by dashes, all in
    lower case ("tablet-oma-hildegard"), is in an identifier; a name after a relative of it ("la
    madre de carmen") or the youngest child's ("der Kleine heißt") is a person's. The model's
    confident "clean" does not veto them, while a double-barrelled name in a sentence may go."""
    texts = [
        "why does my zigbee plug 'heater-grandpa-thabo' drop off every night",
        "la madre de carmen dice que el cumpleaños es el sábado, apúntalo",
        "kannst du eine Geschichte über Dinos schreiben? der Kleine heißt jonte",
    ]
    assert_never_vetoed(texts, "PERSON")
    capitalised = "Is 4pm good light in York? It's for the Mackenzie-Reid wedding."
    for mode in ("filter", "balanced", "strict"):
        confident, _ = scanner_with(0.0, mode)
        assert PiiScanner(0.4, REGIONS, context="off").scan(capitalised)
        assert confident.scan(capitalised) == [], mode


def test_the_writers_own_name_and_health_are_never_dropped() -> None:
    """Round 35: the writer naming themself ("I'm Oluwaseun, by the way") or their own health
    by the possessive ("my bunions") says whose it is; the model's confident "clean" (a request
    to role-play, a shopping question) does not veto it."""
    assert_never_vetoed(["can we practise a job interview? I'm Oluwaseun, by the way"], "PERSON")
    assert_never_vetoed(["which trainers are wide enough for my bunions?"], "MEDICAL")
    # German "Im Ernst" is no "I'm": the rules' "Ernst" there may still be vetoed
    text = "Im Ernst, warum ist das WLAN so langsam?"
    assert PiiScanner(0.4, REGIONS, context="off").scan(text), text
    for mode in ("filter", "balanced", "strict"):
        confident, _ = scanner_with(0.0, mode)
        assert confident.scan(text) == [], mode


def test_a_relatives_health_said_of_them_is_never_dropped() -> None:
    """Round 31: "my wife's on warfarin" says whose health it is, as "I've got" does."""
    text = "first aid kit for the caravan? my wife's on warfarin so cuts are a worry"
    assert_never_vetoed([text], "MEDICAL")


def test_the_writers_own_address_or_id_is_never_dropped() -> None:
    """The writer giving their address or an id as theirs ("Mijn adres is ..."): the model's
    confident "clean" (a question about a zone or a form) does not veto it."""
    texts = [
        "Mijn adres is Kerkstraat 8, 3512 Utrecht, how do I set the HA home zone?",
        "my home address is 27 Larch Avenue, Bristol BS6 4QT, is that enough for the form?",
    ]
    assert_never_vetoed(texts, "LOCATION")


def test_a_payments_other_party_in_quotes_is_never_dropped() -> None:
    """Round 39 (session 19): a payer or payee in quotes, as a statement prints them, is someone
    who paid or was paid; the model's confident "clean" (a query or a rule to write) does not
    veto it."""
    texts = [
        "SQL to total by payee please; payees include 'Marta Kowalczyk' and the gym",
        "Firefly rule for every payment from 'HALVORSEN INGRID' please",
    ]
    assert_never_vetoed(texts, "PERSON")


def test_an_account_a_persons_field_and_someones_things_are_never_dropped() -> None:
    """Round 44 (session 20): an account in a log-in field, a value of a field for a person, a
    homelab thing of someone's and German measurements "von" someone say the name is a
    person's; the model's confident "clean" (a setup question) does not veto them."""
    texts = [
        "the Immich container runs as user 'tamsin' and can't read the share, fix the perms?",
        'Telegraf writes patient="Ngozi" into every row, how do I drop that tag?',
        "give Wilhelmina's backup VM a second disk in Proxmox, it's full",
        "Wie lade ich die Blutdruckwerte von Gudrun aus Home Assistant als JSON?",
        # round 46: a relative after a possessive of another language ("mein Onkel Sepp")
        "was kostet ein Gutachten für die Wohnung? meine Tante Walburga fragt",
    ]
    assert_never_vetoed(texts, "PERSON")
    # round 54: a config's user key, children listed after their word
    assert_never_vetoed(
        [
            "the Ansible vars set `ansible_user: ingmar` on every host, fine?",
            "Die Kinder (Jannik, Merle, Finja) teilen sich das Tablet, wie richte ich Profile ein?",
        ],
        "PERSON",
    )
    # round 63: a command's account
    assert_never_vetoed(
        ["curl -u 'skowalczyk:Winter24' https://cloud.example.net/status.php gives 401"], "PERSON"
    )
    # round 52: whom a text is written for, whose turn a rota says it is
    assert_never_vetoed(
        [
            "Schreib ein kurzes Gedicht für Noah, der die Prüfung endlich bestanden hat",
            "HA template: the kitchen tablet shows 'Clodagh's turn' on even weeks",
        ],
        "PERSON",
    )
    # round 51: a JSON value and a broker's log of a client's user, quoted
    assert_never_vetoed(
        [
            'the BLE tracker sends {"person": "giorgos", "rssi": -71}, graph it in Grafana?',
            "mosquitto: Client esp32-attic connected (p2, c1, k30, u'benedikt'), fine?",
        ],
        "PERSON",
    )
    # round 49: a school's role assigned a name
    assert_never_vetoed(
        ["the homework script reads PUPIL=caoimhe from the env, make it configurable"], "PERSON"
    )
    # round 48: how the writer signs
    assert_never_vetoed(
        ["What's a nice closing line for the raffle poster? Sign it off as Bertrand & Ottoline"],
        "PERSON",
    )
    # round 47: someone spoken to, a name opening a quote then "your"
    assert_never_vetoed(["in German please: 'Henrike, your solo in act two was lovely'"], "PERSON")
    # round 46: the writer, then a condition as a verb
    assert_never_vetoed(["write me a script for the phone call, I stammer badly"], "MEDICAL")


def test_a_fields_word_that_is_no_account_or_person_can_still_be_dropped() -> None:
    """Round 44's guard: an account's field word without a quoted account ("auf dem Konto
    haben") and a customer, who may be a business, are the model's to veto."""
    confident, _ = scanner_with(0.0, "balanced")
    for text in [
        "Wie viel Geld sollte man für Reparaturen auf dem Konto haben?",
        "Order form says Customer: Golden Spoon, what's a good reply?",
    ]:
        rules_only = PiiScanner(0.4, REGIONS, context="off").scan(text)
        assert "PERSON" in {f.entity for f in rules_only}, text
        assert confident.scan(text) == [], text


def test_format_findings_are_never_dropped() -> None:
    text = "forward it to ops.lead@gmail.com and call +44 20 7946 0958"
    for mode in ("filter", "balanced", "strict"):
        scanner, _ = scanner_with(0.0, mode)
        assert {f.entity for f in scanner.scan(text)} == {"EMAIL_ADDRESS", "PHONE_NUMBER"}


def test_filter_mode_adds_nothing_and_off_does_not_read() -> None:
    text = "can u help me write smth nice for the retirement card"
    scanner, _ = scanner_with(0.99, "filter")
    assert scanner.scan(text) == []
    off = PiiScanner(0.4, REGIONS, context="off")
    assert off.context is None and off.scan("Write a short note for Mia") != []


def test_balanced_mode_adds_only_where_a_word_reads_as_a_name_or_a_health_term() -> None:
    everyday = "can u help me write smth nice for the retirement card"
    no_name, _ = scanner_with(0.9, "balanced", name_like=False)
    assert no_name.scan(everyday) == []  # the tone of a private request is not enough
    named, _ = scanner_with(0.9, "balanced", name_like=True)
    assert [f.entity for f in named.scan(everyday)] == [CONTEXT]
    health = "can u help me write smth nice, the chemo finally ended"
    assert [f.entity for f in no_name.scan(health)] == [CONTEXT]
    unsure, _ = scanner_with(0.4, "balanced", name_like=True)
    assert unsure.scan(everyday) == []


def test_balanced_mode_does_not_add_for_a_public_figures_name_or_health() -> None:
    """Round 67: a public figure's name (the known lists) is no private name, nor their health a
    private fact: a text read as personal gets no whole-text finding for them, while the same
    question of someone private stays local."""
    named, _ = scanner_with(0.9, "balanced")
    named.name_words = pii_tokens.shipped()
    assert named.scan("Che acconciatura aveva Sophia Loren nel 1962? Descrivila") == []
    private = "Che acconciatura aveva Ornella Brambati al matrimonio? Descrivila"
    assert named.keeps_local(named.scan(private))
    no_name, _ = scanner_with(0.9, "balanced", name_like=False)
    assert no_name.scan("Was Ludwig van Beethoven completely deaf by the Ninth Symphony?") == []


def test_the_name_word_model_reads_names_not_roles() -> None:
    model = pii_tokens.shipped()
    assert model.any_name_like("could you draft a thank-you card for Oyelaran and Brígida")
    assert model.any_name_like("remind Ingeborg about the dentist on friday")
    assert not model.any_name_like("Help me write a friendly note to my neighbours about the party")
    assert not model.any_name_like("docker compose pull && docker compose up -d")


def test_in_strict_mode_a_text_read_as_personal_gets_a_whole_text_finding() -> None:
    text = "can u help me write smth nice for the retirement card"
    scanner, _ = scanner_with(0.9, "strict")
    found = scanner.scan(text)
    assert [(f.entity, f.start, f.end) for f in found] == [(CONTEXT, 0, len(text))]
    assert PiiScanner.keeps_local(found)
    nothing, _ = scanner_with(0.2, "strict")
    assert nothing.scan(text) == []


def test_in_strict_mode_with_format_findings_the_model_reads_what_redact_would_send() -> None:
    text = "mail the minutes to board@gmail.com before friday"
    scanner, model = scanner_with(0.9, "strict")
    found = scanner.scan(text)
    assert model.read == ["mail the minutes to <EMAIL_ADDRESS> before friday"]  # type: ignore[attr-defined]
    assert [f.entity for f in found] == ["EMAIL_ADDRESS", CONTEXT]
    scanner, _ = scanner_with(0.2, "strict")
    assert [f.entity for f in scanner.scan(text)] == ["EMAIL_ADDRESS"]


def test_blank_text_is_not_read() -> None:
    scanner, model = scanner_with(0.99, "strict")
    assert scanner.scan("   \n\t ") == []
    assert model.read == []  # type: ignore[attr-defined]


def test_the_shipped_files_are_the_model_trained_on_the_corpora_they_name() -> None:
    data = files("routing_mcp") / "data"
    for name in ("pii_context", "pii_tokens"):
        meta = json.loads((data / f"{name}.json").read_text(encoding="utf-8"))
        assert len((data / f"{name}.bin").read_bytes()) == 1 << meta["bits"]
        for split, digest in meta["trained_on"].items():
            assert corpus_digest(split) == digest, f"{split} changed since training: retrain"
        assert set(HELD_OUT) & set(meta["trained_on"]) == set()
        assert set(meta["never_trained_on"]) == set(HELD_OUT)
    model = shipped()
    assert 0 < model.clean < model.personal < 1


def test_the_model_is_not_a_constant() -> None:
    model = shipped()
    low = model.probability("docker compose pull && docker compose up -d --remove-orphans")
    high = model.probability(
        "mi madre tiene diabetes y la operan el martes, ayúdame a escribirle a su jefa"
    )
    assert low < model.clean < model.personal < high
    assert (
        hashlib.sha256(bytes(model.weights)).hexdigest()
        != hashlib.sha256(bytes(len(model.weights))).hexdigest()
    )
    assert replace(model, bias=model.bias + 5).probability("docker ps") > model.probability(
        "docker ps"
    )


SERVED = """
import asyncio, json
from fastmcp import Client
from homelab_shared.settings import load_settings
from routing_mcp.server import build_server
from routing_mcp.settings import RoutingSettings

PROMPTS = {
    # (round 64: "the surgery on my knee" is the rules' now, the writer's by "my" in it)
    "health": "write a short get-well message, the surgery on the knee is next tuesday for me",
    "everyday": "help me write a card for my mum, she is retiring",
}

async def main():
    out = {}
    for mode in ("env", "balanced", "filter", "off"):
        over = {} if mode == "env" else {"pii_context": mode}
        async with Client(build_server(load_settings(RoutingSettings, **over))) as client:
            for name, prompt in PROMPTS.items():
                routed = (await client.call_tool("route", {"prompt": prompt})).structured_content
                out[f"{mode} {name}"] = routed["pii_types"]
    print(json.dumps(out))

asyncio.run(main())
"""


def test_the_setting_reaches_the_scan_workers(tmp_path: Path) -> None:
    """ROUTING_PII_CONTEXT as a user sets it, through the served scan worker processes: the
    writer's own surgery, which no rule reads, stays local in strict and balanced (the default)
    mode; an everyday request in strict mode only."""
    out = run_script(
        SERVED,
        tmp_path,
        {"OLLAMA_HOST": "http://127.0.0.1:9", "ROUTING_PII_CONTEXT": "strict"},
        timeout=180,
    )
    assert out == {
        "env health": [CONTEXT],
        "env everyday": [CONTEXT],
        "balanced health": [CONTEXT],
        "balanced everyday": [],
        "filter health": [],
        "filter everyday": [],
        "off health": [],
        "off everyday": [],
    }


def test_a_wrong_mode_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="ROUTING_PII_CONTEXT"):
        load_settings(RoutingSettings, pii_context="on")


def test_a_parents_health_said_by_their_family_word_is_never_dropped() -> None:
    """Round 76: "mum", "Papa", "Oma" said as the parent's name, without "my", before what
    they take or have ("mum's lithium level", "papa heeft zijn ...")."""
    texts = [
        "chart dad's warfarin doses for the fridge door, one row a day",
        "Opa nimmt sein Ramipril morgens, mach mir eine Erinnerung",
    ]
    assert_never_vetoed(texts, "MEDICAL")


def test_a_name_with_its_age_or_said_to_be_ill_is_never_dropped() -> None:
    """Round 79: a capitalised name with its bearer's age after it, or said to be ill, is a
    person's ("the driver is Aditi, age 11", "Bärbel ist krank")."""
    assert_never_vetoed(
        [
            "stickers for the go-kart: this year's driver is Nilufar, age 9",
            "Schild fürs Café: heute zu, Henrike ist krank, ab Montag wieder da",
            "rota note for the club: Leandro (12) stays late on Thursdays",
        ],
        "PERSON",
    )


def test_a_unix_commands_account_is_never_dropped() -> None:
    """Session 31 (review): the account a Unix command names ("getent passwd", "usermod",
    "sudo -u") is an account like curl's and occ's: the model's confident "clean" does not
    veto it."""
    assert_never_vetoed(
        [
            "why does `sudo -u kwabena.m ls /srv` say unknown user?",
            "usermod -aG docker ingrid.solberg did nothing, why?",
        ],
        "PERSON",
    )


def test_someone_living_with_the_writer_a_snapshots_user_and_a_device_owner_are_never_dropped() -> (
    None
):
    """Round 104: a capitalised name its bearer sleeps, lives or stays with the writer after
    ("Ingeborg wohnt jetzt bei uns"), a user's folder in a ZFS snapshot's name
    ("tank/home/marguerite@daily-..."), the owner of a speaker ("'Gwendolyn's Echo'") are
    people; and "I got" before a health fact is the writer's. The model's confident "clean"
    vetoes none of them."""
    assert_never_vetoed(
        [
            "Ingeborg wohnt jetzt bei uns, wie richte ich das Tablet ein?",
            "Mathéo dort chez nous ce week-end, quel film pour un enfant de 8 ans ?",
            "Nadia is staying with us till Friday, can she use the guest network?",
            "zfs list -t snapshot shows tank/home/marguerite@daily-2024-03-01, how many to keep?",
            "the unifi client list only says 'Gwendolyn's Echo', which IP is it?",
        ],
        "PERSON",
    )
    assert_never_vetoed(
        ["I got food poisoning at the works party, can I still fly tomorrow?"], "MEDICAL"
    )
