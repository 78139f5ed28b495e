"""Street addresses (LOCATION) through the real scanner: each language's way of writing a street
and its number, widened over unit, postcode and town; and the look-alikes that are no address.

Examples written for each class (none from the corpora).
"""

from __future__ import annotations

import pytest

from routing_mcp.pii import PiiScanner
from tests.routing.pii_corpus import strings_of

RULES_ONLY = True  # the scanner fixture: what the rules alone find (conftest.py)


@pytest.mark.parametrize(
    ("prompt", "address"),
    [
        ("Send the parcel to 221 Bramble Road please", "221 Bramble Road"),
        ("She lives at 5 Quarry Mews, Ripon HG4 1AB now", "5 Quarry Mews, Ripon HG4 1AB"),
        ("ship to 880 Cedar Hollow Dr, Boise, ID 83702", "880 Cedar Hollow Dr, Boise, ID 83702"),
        ("new place: Apt 12, 45 Lorne Street, Halifax", "Apt 12, 45 Lorne Street, Halifax"),
        ("at 3 Orchard Vale, Taunton TA1 2XY", "3 Orchard Vale, Taunton TA1 2XY"),
        ("Unit 4, 77 Kingfisher Parade, Perth", "Unit 4, 77 Kingfisher Parade, Perth"),
        ("Meine Adresse: Rosenstraße 17, 80331 München", "Rosenstraße 17, 80331 München"),
        ("wohnt im Fliederweg 3b, 12345 Musterstadt", "Fliederweg 3b, 12345 Musterstadt"),
        ("Lieferung an Berliner Straße 40, Wohnung 7", "Berliner Straße 40, Wohnung 7"),
        ("Auf der Heide 9, 21073 Hamburg ist die Adresse", "Auf der Heide 9, 21073 Hamburg"),
        ("j'habite 9 rue des Mésanges, 31000 Toulouse", "9 rue des Mésanges, 31000 Toulouse"),
        ("au 4 bis avenue Victor Hugo à Nancy", "4 bis avenue Victor Hugo à Nancy"),
        ("vivo en Calle del Pez 21, 28004 Madrid", "Calle del Pez 21, 28004 Madrid"),
        ("mi dirección es calle Mayor 3", "calle Mayor 3"),
        ("abito in via Garibaldi 12, 20121 Milano", "via Garibaldi 12, 20121 Milano"),
        ("in Piazza della Signoria 5", "Piazza della Signoria 5"),
        ("ons adres is Kerkstraat 14, 3511 LK Utrecht", "Kerkstraat 14, 3511 LK Utrecht"),
        ("Herengracht 210-III bij de brug", "Herengracht 210-III"),
        # round 71: ours at home, said before a business it is for
        (
            "our home address for the clinic's parking permit is 9 Wren Close, Hull HU5 3AB",
            "9 Wren Close, Hull HU5 3AB",
        ),
        # round 70: the town, not the phone's word after it
        ("my sister lives at 12 Rothschild Blvd, Tel Aviv now", "12 Rothschild Blvd, Tel Aviv"),
        (
            "Oma wohnt jetzt Amselweg 3, 34117 Kassel, Telefon 0561 7395 220, schreib ihr",
            "Amselweg 3, 34117 Kassel",
        ),
        # round 57: Welsh streets, their type first; "Bryn", "Maes", "Parc" only before a postcode
        ("send the quote to 31 Heol y Felin, Neath SA10 7AA", "31 Heol y Felin, Neath SA10 7AA"),
        ("the meter is at 6 Lôn Glyd, Caernarfon", "6 Lôn Glyd, Caernarfon"),
        ("deliver to 17 Maes y Dre, Ruthin LL15 1AB", "17 Maes y Dre, Ruthin LL15 1AB"),
        # round 55: a row of cottages before its postcode; a town at a sentence's end, a shop
        # named in the next sentence
        (
            "post it to 2 Glan Yr Afon Cottages, Bala LL23 7AB please",
            "2 Glan Yr Afon Cottages, Bala LL23 7AB",
        ),
        (
            "pick me up at 9 Heron Close, Ely. Which shop on the way sells flowers?",
            "9 Heron Close, Ely",
        ),
        (
            "Abfahrt ist am Lindenweg 8, 90402 Nürnberg. Welcher Laden hat unterwegs offen?",
            "Lindenweg 8, 90402 Nürnberg",
        ),
        ("she lives at 4 Fore Street, St. Ives TR26 1AB", "4 Fore Street, St. Ives TR26 1AB"),
    ],
)
def test_street_addresses_are_found_whole(scanner: PiiScanner, prompt: str, address: str) -> None:
    assert address in strings_of(scanner, prompt, "LOCATION"), scanner.scan(prompt)


def test_a_lower_case_address_keeps_the_prompt_local_in_redact_mode(scanner: PiiScanner) -> None:
    prompt = "drop the keys at 14 linden avenue tonight"
    found = scanner.scan(prompt)
    assert "14 linden avenue" in strings_of(scanner, prompt, "LOCATION")
    assert scanner.keeps_local(found)  # a possible address: not redacted, kept local


def test_a_confident_address_is_spanned_with_its_postcode_and_still_kept_local(
    scanner: PiiScanner,
) -> None:
    """The span covers street, town and postcode (what ``scan_pii`` redacts), but an address
    is read from words: redact mode keeps the prompt local rather than trust the span."""
    prompt = "Invite everyone to 12 Heron Close, Norwich NR4 7TJ for the party"
    found = scanner.scan(prompt)
    assert scanner.keeps_local(found)
    redacted = scanner.redact(prompt, found)
    assert "Heron" not in redacted and "NR4" not in redacted and "Norwich" not in redacted


@pytest.mark.parametrize(
    "prompt",
    [
        "Plan a 10 day road trip through Wales",
        "connect the sensor via Zigbee 3 or via Python 3 scripts",
        "Der Speicherplatz 500 GB reicht nicht",
        "Wir sind auf Platz 3 in der Tabelle",
        # round 57: a Welsh name word without a postcode is a hotel's or a school's name
        "we stayed 2 Bryn Derw nights in the holiday park",
        # round 55: a row of cottages without a postcode is a holiday let's name
        "we rent 3 Fisherman Cottages for the weekend, any tips?",
        "Am Montag 3 Termine beim Zahnarzt verschieben",
        "je suis un cours de Python 3 en ligne",
        "Route 66 is the most famous road in the US",
        "The 4 Star Hill resort has a spa",
        "Chapter 7 covers the Main Street economy",
        "Kubernetes 1.29 Way of working: 3 Steps",
    ],
)
def test_look_alikes_are_no_address(scanner: PiiScanner, prompt: str) -> None:
    assert strings_of(scanner, prompt, "LOCATION") == []


@pytest.mark.parametrize(
    "prompt",
    [
        # round 87: a brewery and its bar in five languages
        "Our taproom is at 14 Kirkstall Road, Leeds LS3 1LH. Write the 'How to find us' blurb",
        "Unsere Brauerei-Adresse ist Hafenstraße 12, 20359 Hamburg. Schreib einen Anfahrtstext.",
        "Notre brasserie est au 8 quai des Chartrons, 33000 Bordeaux. Rédige 'Nous trouver'.",
        "Il nostro birrificio è in Via della Birra 7, 20121 Milano. Scrivi 'Come raggiungerci'.",
        "Onze brouwerij zit aan de Haarlemmerdijk 20, 1013 JB Amsterdam. Schrijf de route.",
        "Our studio is at 7 Tanner Lane, Bristol BS1 4QA, write the footer for our website",
        "Unser Laden ist in der Bahnhofstraße 9, 70173 Stuttgart. Schreib ein Schild",
        "Notre atelier au 3 rue des Potiers, 69001 Lyon, ouvre le samedi : rédige l'annonce",
        "Dirección: Calle Real 5, 18009 Granada (oficina de la empresa), ¿qué horario pongo?",
        "Het museum zit op Kerkplein 2, 2011 AB Haarlem. Is het zondag open?",
        # round 6: the business as the sentence's subject, a legal form before the address
        "our clinic has now moved to Suite 3, Harbour Court, 9 Quay Street, Cardiff CF10 1EU",
        "Unsere Praxis ist ab Januar in der Lindenallee 4, 50968 Köln: schreib eine Notiz",
        "Imprimerie Dubois SARL, 8 rue du Moulin, 44000 Nantes : rédige les mentions légales",
        # round 74: a business's signature, its address after a dash
        "Kind regards,\nThe bookings team\nMill House Studio – 7 Quay Lane, Totnes TQ9 5AB",
        # round 74: a farm that supplies, with a French road and a town after an elided
        # article; an Italian "via" after a comma; a German trade business; an estate's premises
        # before a phone; a Spanish way
        "Notre fournisseur : Ferme des Trois Chênes, 4 route de Vitré, 35220 L'Écluse, tél. 02 99 "
        "00 41 77 : écris la commande",
        "Il nostro grossista, Ricambi Nord, via delle Industrie 9, 24040 Lallio: scrivi l'ordine",
        "Website: Elektrobetrieb Kaya, Am Gewerbering 3, 90411 Nürnberg, Tel. 0911 518 2290",
        "Proveedor: Frutas Vega S.L., Camino del Prado 7, 30500 Molina, tel. 968 61 22 40",
        # round 73: a supplier or a wholesaler, a Dutch company with its dotted legal form, a
        # shop named in brackets, a shop's address by its German word, a German shop called a
        # house
        "Our supplier is Brightwell Trade Supplies, 3 Forge Lane, Leeds LS12 4AB: ask for a quote",
        "Notre fournisseur, Papeterie Lambert, 12 rue Colbert, 37000 Tours : demande un devis",
        "Bestel bij Vos Tuinhandel B.V., Havenweg 4, 1811 AB Alkmaar, en vraag naar korting",
        "The framing shop (Lark & Loom, 6 Castle Street, Ludlow SY8 1AS) has my order, chase it",
        "Unsere Praxisadresse ist Marktplatz 3, 93047 Regensburg. Schreib die Fußzeile",
        "Das Musikhaus am Ring, Ringstraße 8, 50672 Köln, hat Noten: schreib eine Anfrage",
        # round 70: a funeral director's, a primary school's, a company's address by its word
        "Notre pompes funèbres est au 9 rue des Lilas, 59000 Lille : écris une annonce sobre",
        "Grundschule am See, Uferweg 4, 24103 Kiel – bitte als Briefkopf setzen",
        "Unsere Geschäftsadresse ist Lindenstraße 7, 04109 Leipzig. Schreib das Impressum",
        # round 68: a campsite, an inn as an address's owner
        "Le camping Les Pins, 3 route de la Plage, 40150 Hossegor : écris une demande de devis",
        "Gasthaus Krone, Dorfstraße 5, 88131 Lindau: schreib eine Anfrage für 20 Personen",
        # round 67: a letting agent by its business word, a foundation in Spanish with the
        # street's article after "en", a hairdresser's salon in Spanish
        "Our agent is Harrow & Penn Lettings, 22 Mill Lane, Ripon HG4 1AB. Draft an email",
        "La Fundación Vivir está en la calle Mayor 12, Soria. ¿Abren los sábados?",
        "Nuestro salón: Calle Real 7, 15003 A Coruña. Escribe el texto de la web",
        # round 65: a dive school, a French property company
        "Die Tauchbasis Nordsee, Deichweg 2, 26548 Norderney, braucht eine Anfrage",
        "Notre bailleur est la SCI Les Tilleuls, 4 place Kléber, 67000 Strasbourg : écris-lui",
        # round 64: a German centre, a care home, a bank, a wine estate, a clinic named in
        # four words
        "Seniorenzentrum Lindenhof, Gartenweg 3, 28209 Bremen: schreib die Fußzeile",
        "our care home is at 2 Church Lane, Hexham NE46 3AB - write the directions",
        "The blood bank's address is 9 Mill Road, Leeds LS6 1AA, which bus?",
        "Le domaine est au 5 chemin des Vignes, 13100 Aix-en-Provence : écris l'invitation",
        "Écris au Centre de Médecine du Sport, 8 avenue Foch, 69006 Lyon, pour les tarifs",
        # round 63: a harbour office, a hall, a league, a venue in German
        "Het havenkantoor zit aan de Oosterkade 3, 8861 AA Harlingen: schrijf de route",
        "Concert at Victoria Hall, 2 Quay Road, Bangor LL57 2AA - write the poster",
        "Affiche pour la Ligue contre la faim, 8 rue du Port, 17300 Rochefort",
        "Unser Veranstaltungsort ist das Bürgerhaus Nord, Lindenweg 7 – schreib die Anfahrt",
        # round 62: a society, a dojo, a gym, a centre
        "The Ramblers Association is at 4 Meadow Row, Exeter EX1 1AA - do they take volunteers?",
        "Unser Dojo ist in der Hauptstraße 12, 80331 München: schreib die Wegbeschreibung",
        "La palestra è in Via Garibaldi 8, 40121 Bologna: scrivi gli orari",
    ],
)
def test_a_business_or_public_place_address_is_not_personal(
    scanner: PiiScanner, prompt: str
) -> None:
    assert strings_of(scanner, prompt, "LOCATION") == []


@pytest.mark.parametrize(
    ("prompt", "address"),
    [
        (
            "letter to the water company: supply address 4 Birch Close, Derby DE1 2AB",
            "4 Birch Close, Derby DE1 2AB",
        ),
        (
            "I work from the cafe but live at 12 Alder Road, Leeds LS6 1AA",
            "12 Alder Road, Leeds LS6 1AA",
        ),
        (
            "the family reunion is at my aunt's, 12 Oak Lane, Leeds LS6 2AB",
            "12 Oak Lane, Leeds LS6 2AB",
        ),
        (
            "council tax appeal: my property is 9 Elm Row, Sheffield S10 5LQ, what evidence?",
            "9 Elm Row, Sheffield S10 5LQ",
        ),
        (  # round 74: a French road named after where it leads, a Spanish way
            "ma grand-mère habite 12 route de Dinan, 22100 Quévert, écris-lui une carte",
            "12 route de Dinan, 22100 Quévert",
        ),
        (
            "mi tío vive en Camino de la Fuente 5, 18006 Granada, ¿le mando flores?",
            "Camino de la Fuente 5, 18006 Granada",
        ),
        (  # round 73: where someone lives, though a shop of theirs is named after it
            "my cousin Ravi lives at 8 Tern Way, Poole BH15 2AB, his shop is next door",
            "8 Tern Way, Poole BH15 2AB",
        ),
        (
            "Tante Inge wohnt in der Ulmenstraße 6, 34117 Kassel, ihr Laden ist unten",
            "Ulmenstraße 6, 34117 Kassel",
        ),
        (  # round 70: the address given to a business, not the business's
            "Address for the funeral directors: 27 Rowan Close, York YO24 3HB - collect when?",
            "27 Rowan Close, York YO24 3HB",
        ),
        (
            "Anschrift für die Grundschule: Birkenweg 5, 24103 Kiel, für die Anmeldung",
            "Birkenweg 5, 24103 Kiel",
        ),
        # (round 80: whose address it is between "Adres" and the business it is for)
        (
            "Adres oma voor de apotheek: Dorpsstraat 4, 6711 AB Ede. Kort berichtje?",
            "Dorpsstraat 4, 6711 AB Ede",
        ),
        # (round 81: a relative's address, whatever business it is then for)
        (
            "L'adresse de mon père pour la pharmacie : 8 rue Victor Hugo, 31000 Toulouse",
            "8 rue Victor Hugo, 31000 Toulouse",
        ),
        # (review, session 31: a homelab is the writer's home, no laboratory)
        (
            "my homelab is at 12 Oak Road, Leeds LS6 2AB, behind a CGNAT",
            "12 Oak Road, Leeds LS6 2AB",
        ),
    ],
)
def test_a_business_named_nearby_does_not_hide_a_home(
    scanner: PiiScanner, prompt: str, address: str
) -> None:
    assert address in strings_of(scanner, prompt, "LOCATION")


@pytest.mark.parametrize(
    "prompt",
    [
        # round 76: an organisation's address asked about, the writer's copy given after the
        # question to be checked; a company's registered seat
        "What is the Stroke Association's address? I have 240 City Road, London EC1V 2PR, right?",
        "Wie lautet die Adresse der DAK-Geschäftsstelle? Ich habe Hauptstraße 12, 10827 Berlin.",
        "Unser Firmensitz ist in der Lindenallee 4, 50321 Brühl, wie schreibe ich das richtig?",
        # round 77: a pharmacy's door, a workshop named after a colon, a German dealer
        "does the chemist at 14 Market Street open on bank holidays?",
        "Nuestra tapicería: Tapicería Ruiz, Calle Ancha 12, 11001 Cádiz. Haz un cartel.",
        "Der Weinhändler Vinothek Sommer, Bahnhofstraße 9, hat uns Gläser geliehen.",
        # round 79: a laboratory's door, a maker's seat
        "the sleep lab's address is 12 Albion Street, Leeds, is there parking?",
        "Der Hersteller sitzt in der Lilienthalstraße 4, 85579 Neubiberg, liefern die auch?",
        # round 80: a trade's shop in German, an orthotist's in Dutch
        "Der Musikalienhandel in der Bahnhofstraße 5, 37073 Göttingen, hat der samstags offen?",
        "De bandagist zit aan de Molenweg 12, 6711 AB Ede, is die vandaag open?",
        # round 81: an optician's
        "Der Optiker in der Hauptstraße 3, 01067 Dresden, hat samstags offen?",
        # (French "son" is "his", no relative: "l'adresse de son cabinet")
        "Quelle est l'adresse de son cabinet : 12 rue de la Paix, 75002 Paris ?",
        # round 91: a music school's door; round 92: a dry cleaner's in three languages, a
        # landlord's company by its legal form
        "Die Musikschule Am Markt, Marktplatz 3, 72070 Tübingen: formatiere das fürs Impressum.",
        "Unsere Reinigung liegt in der Schillerstraße 14, 80336 München. Schreib einen Text.",
        "Notre pressing est au 23 rue Oberkampf, 75011 Paris. Écris une description.",
        "Onze stomerij zit op de Oudegracht 120, 3511 AX Utrecht. Schrijf een omschrijving.",
        "Our landlord, Harbour Estates plc at 20 Quay Street, Bristol BS1 4DJ, wants more rent.",
        # round 94: an institute in French, a pharmacy known by its street, a society's address
        # after its building's name
        "L'Institut Pasteur de Lille, 1 rue du Professeur Calmette, 59000 Lille : horaires ?",
        "Fai un cartello per la farmacia di Via Roma 12, 20121 Milano",
        "Include the Society's address (Riverside House, 4 Quay Street, Bristol BS1 4DJ) please",
        # round 95: a primary school by its capitalised kind after its name
        "Our school is St Anne's C of E Primary, 4 Chapel Lane, Ely CB7 4AB: a letter to the head",
        # round 96: an association's head office, a hardware shop in French, a letting agent's
        # firm, an email footer with a VAT number
        "Der Verein hat seine Geschäftsstelle in der Lindenstraße 4, 53113 Bonn, wann offen?",
        "Notre quincaillerie est au 8 rue du Commerce, 21000 Dijon : écris une description.",
        "Our landlord's agent is Harper & Finch Property, 22 Broad Street, Ludlow: a letter",
        "Footer: The Toy Box, 22 Market Street, Hebden Bridge, VAT GB 123 4567 89",
    ],
)
def test_rounds_76_to_105_organisations_and_premises_are_no_home(
    scanner: PiiScanner, prompt: str
) -> None:
    assert strings_of(scanner, prompt, "LOCATION") == []


def test_round_76_an_address_given_for_a_person_stays_personal(scanner: PiiScanner) -> None:
    prompt = "What is the address of the DVLA? I have my home at 9 Beech Grove, Leeds LS6 2AB"
    assert strings_of(scanner, prompt, "LOCATION") != []
    prompt = "What is Ellen Marsh's address? I have 9 Beech Grove, Leeds LS6 2AB"
    assert strings_of(scanner, prompt, "LOCATION") != []
    # (a given name in capitals is no organisation's acronym)
    prompt = "What is the address of MARTHA? I have 9 Beech Grove, Leeds LS6 2AB, right?"
    assert strings_of(scanner, prompt, "LOCATION") != []
    # (round 95: a home's address with "the", a hospital's letter named after it)
    prompt = "the home address on the clinic letter is wrong, it is 8 Elm Road, Ely CB7 4AA"
    assert strings_of(scanner, prompt, "LOCATION") != []


def test_round_79_a_german_address_in_lower_case_with_its_postcode(scanner: PiiScanner) -> None:
    prompt = "bitte als Etikett: familie kaya, lindenstr 4 50667 köln, danke"
    assert "lindenstr 4 50667 köln" in strings_of(scanner, prompt, "LOCATION")
    # (round 80: a street named after where it is, "am lindenhof 7")
    prompt = "lieferadresse: familie özdemir, am lindenhof 7 04109 leipzig"
    assert "am lindenhof 7 04109 leipzig" in strings_of(scanner, prompt, "LOCATION")
    # (not a word before a number and five digits that are no postcode and town)
    assert strings_of(scanner, "der weg 3 hat 12000 besucher pro jahr", "LOCATION") == []
