"""Street addresses (LOCATION) in EN/DE/FR/ES/IT/NL, with their unit, postcode and town.

An address is found by its core, the street and its house number written the way each language
writes them ("12 Baker Street", "Hauptstraße 5", "Kastanienweg 12a", "15 rue des Lilas", "calle
Mayor 3", "via Roma 10", "Dorpsstraat 7", "Am Mühlbach 3" before a postcode), and then widened
over what belongs to it on the same line: a flat or apartment before or after ("Flat 3B,", ", Apt
5"), the town and the postcode after (UK, US state and ZIP, Canadian, five-digit DE/FR/ES/IT, NL
"1016 JB"). Redacting the street but sending the postcode and town would still locate the person,
so the finding spans the whole address.

An address said to be a business's or a public place's ("Our office is at ...", "Unsere Filiale
ist in der ...", "Le musée d'Orsay est au ...", "local comercial, Calle Mayor 3"): a business or
place noun as what the address is said of, or right after it, is nobody's personal data and is
not reported (the blind corpora, written by others, count such prompts as clean; the second
round had counted them as personal). A lower-case street ("12 baker street") is only a
possible address (a lower score). In ``redact`` mode any address keeps the prompt local
(``PiiScanner.keeps_local``): it is read from words, and its span may fall short.
"""

from __future__ import annotations

import regex

from routing_mcp.pii_core import EntityRecognizer, RecognizerResult
from routing_mcp.pii_ids import LEGAL_FORMS, PREMISES
from routing_mcp.pii_lexicon import a_given_name

_UP = r"[A-ZÄÖÜÉÈÊÁÍÓÚÑÇÀÂÎÔ]"
# A capitalised word of a street or town name; not a log line's level ("08:14:02.221Z INFO  lane
# 3 open": a timestamp's "221Z", a level and a turnstile's lane are no address).
_WORD = rf"(?!(?:INFO|WARN|WARNING|ERROR|DEBUG|TRACE|FATAL|CRIT|NOTICE)\b){_UP}[\w'’.-]*"
_NUM = (
    r"\d{1,4}(?:\s?[a-zA-Z](?![\w'’]))?(?:\s?(?:bis|ter)\b)?"
    r"(?:[-/](?:\d{1,4}|[IVX]{1,4}|[a-z])\b)?"
)
# Street types that name nothing else after a number and a capitalised word ...
_EN_TYPES = (
    r"street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|"
    r"terrace|close|square|sq|crescent|gardens|grove|row|parkway|pkwy|highway|hwy|mews|walk|"
    r"rise|parade"
)
# ... and ones that do ("4 Star Hill", "2 Big Bank"): an address only with a postcode after.
# (round 55: a row of cottages, villas or mansions, "4 Tŷ Newydd Cottages, Llanrwst LL26 0PE")
_EN_RARE_TYPES = (
    r"bank|green|hill|park|view|vale|gate|path|end|yard|circle|cir|trail|wynd|cottages|villas|"
    r"mansions|buildings"
)
_DE_SUFFIX = (
    r"straße|strasse|str\.|weg|gasse|allee|platz|damm|ufer|chaussee|pfad|steig|stieg|"
    r"markt"  # round 30: "Roßmarkt 14", "Altmarkt 3"
)
_NL_SUFFIX = r"straat|laan|gracht|kade|singel|dijk|steeg|plein|dreef"
_PARTICLE = (
    r"(?:de|des|du|la|le|les|l['’]|d['’]|del|della|dei|degli|delle|di|da|dos|do|van|der|den|"
    r"am|an|im|auf|zum|zur)"
)
_NAME = rf"(?:{_WORD}|{_PARTICLE})"  # a word of a street's name, particles included
# "cours", "route", "passage" are words too ("2 cours de Python"): not among them.
_FR_TYPES = (
    r"rue|avenue|boulevard|bd|impasse|allée|chemin|quai|place|faubourg|rond-point|résidence|"
    r"lotissement"
)
_ES_IT_TYPES = (
    r"calle|c/|avenida|avda\.?|plaza|paseo|carrer|rambla|travesía|carretera|viale|piazza|"
    r"piazzale|corso|vicolo|lungomare|"
    # round 74: a Spanish way, ring road, roundabout or passage ("Camino Viejo 12")
    r"camino|ronda|glorieta|pasaje|callejón"
)
_DE_PREFIX = (
    r"(?:Am|An der|An den|Im|In der|In den|Zum|Zur|Auf dem|Auf der|Unter den|Vor dem|"
    # round 33: "Hinter der Kirche 4, 37073 Göttingen"
    r"Hinter der|Hinter dem|Hinter den|Neben der|Neben dem|Unter der|Über der|Vor der)"
)
_NOT_AFTER_DE = r"(?!\s*(?i:%|€|eur|km|m\b|min|[kmgt]i?b\b|x\b|mal\b))"
_UNIT = (
    r"(?i:flat|apt\.?|apartment|unit|suite|wohnung|whg\.?|appt\.?|appartement|piso|puerta|"
    r"bte|interno|int\.)\s*#?\s*\w{1,5}"
)
_POSTCODE = (
    r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"  # UK: BS7 9LL
    r"|[A-Z]\d[A-Z]\s?\d[A-Z]\d"  # Canada: M4C 2K9
    r"|\d{4}\s?[A-Z]{2}(?![a-z])"  # NL: 1016 JB
    r"|(?:[A-Z]-?)?\d{5}(?:-\d{4})?"  # US ZIP(+4), DE/FR/ES/IT five digits, "D-79098"
    r"|[A-Z]{2}(?=\s+(?:\d{5}|[A-Z]\d[A-Z]))"  # a US state or a Canadian province before its code
)
_POSTCODE_AFTER = rf"(?=(?:,?[ \t]+{_WORD}){{0,3}},?[ \t]+(?:{_POSTCODE})\b)"
# Italian "via" is an English word too ("via Python 3"): a street after "in", "a", "di" or an
# address word, or before a postcode.
_VIA_CUE = r"(?<=\b(?:in|a|di|indirizzo|abito|abita|vive|vivo|residente)\s)"

_CORES: list[tuple[regex.Pattern[str], float]] = [
    # 12 Baker Street, 2217 Larkspur Dr, 41 Ashgrove Road, 7 Kelvin Court
    (
        regex.compile(
            rf"\b{_NUM},?\s+(?:(?:{_WORD}|\d+(?:st|nd|rd|th))\s+){{1,3}}(?i:{_EN_TYPES})\b\.?"
        ),
        0.7,
    ),
    (
        regex.compile(
            rf"\b{_NUM},?\s+(?:{_WORD}\s+){{1,3}}(?i:{_EN_RARE_TYPES})\b{_POSTCODE_AFTER}"
        ),
        0.7,
    ),
    # round 31: a one-word street, then a town and a UK postcode ("88 Kingsway, Hove BN3 4FA")
    (
        regex.compile(
            rf"\b{_NUM}\s+{_UP}\p{{Ll}}{{3,}}(?=,[ \t]+{_WORD}(?:[ \t]+{_WORD})?,?[ \t]+"
            r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b)"
        ),
        0.7,
    ),
    # 12 baker street (lower case: a possible address); not "a 10 day road trip"
    (
        regex.compile(
            r"\b\d{1,4}\s+(?:(?!(?:day|week|month|year|hour|minute|mile|km|step|lane|the|a|"
            r"an|of|and|on|in|to|my|your|new|old|main)s?\b)[a-z]{3,}\s+){1,2}"
            r"(?:street|avenue|road|lane|drive|close|crescent|terrace|boulevard)\b"
        ),
        0.5,
    ),
    # Hauptstraße 5, Kastanienweg 12a, Dorpsstraat 7, Prinsengracht 412-II
    (regex.compile(rf"\b{_UP}[\w-]+(?:{_DE_SUFFIX}|{_NL_SUFFIX})\s+{_NUM}\b{_NOT_AFTER_DE}"), 0.7),
    # Berliner Straße 12, Alte Allee 3
    (
        regex.compile(
            rf"\b{_UP}\w+e[rn]?\s+(?:Straße|Strasse|Str\.|Weg|Allee|Gasse|Chaussee|Damm)"
            rf"\s+{_NUM}\b{_NOT_AFTER_DE}"
        ),
        0.7,
    ),
    # round 79: a German address typed in lower case, only with its five-digit postcode and
    # its town after ("gartenstr 12a 79098 freiburg")
    (
        regex.compile(
            r"\b(?:\p{Ll}[\p{L}-]*(?:straße|strasse|str\.?|weg|gasse|allee|platz)|"
            # (round 80: or named after where it is, "am mühlbach 3, 35037 marburg")
            r"(?:am|an der|an den|im|in der|auf der|auf dem|zum|zur|unter den|hinter der)\s+"
            r"\p{Ll}[\p{L}-]{2,})"
            r"\s+\d{1,4}\s?[a-z]?,?\s+\d{5}\s+\p{Ll}[\p{L}-]{2,}"
        ),
        0.7,
    ),
    # 15 rue des Lilas, 7 impasse des Lilas, 34 avenue Jean Jaurès
    (regex.compile(rf"\b{_NUM},?\s+(?i:{_FR_TYPES})\s+(?:{_NAME}\s+){{0,4}}{_WORD}"), 0.7),
    # round 74: a French road named after where it leads, "8 route de Rennes", "3 route du Lac"
    # ("route" alone is a word: only before "de", "du", "des", "d'" and a capitalised name)
    (
        regex.compile(
            rf"\b{_NUM},?\s+(?i:route)\s+(?:de\s+la\s+|de\s+l['’]|d['’]|de\s+|du\s+|des\s+)"
            rf"(?:{_NAME}\s+){{0,3}}{_WORD}"
        ),
        0.7,
    ),
    # calle Mayor 3, Calle de Toledo 58, Piazza del Duomo, 4, via Roma 10
    (
        regex.compile(
            rf"(?<![\w/])(?:(?i:{_ES_IT_TYPES})|{_VIA_CUE}via|Via)\s+(?:{_NAME}\s+){{0,4}}"
            # (round 74: not a year, "el Camino de Santiago 2026")
            rf"{_WORD},?\s+(?:(?i:n[º°o]\.?|nr\.?|núm\.?)\s*)?(?!(?:19|20)\d\d\b){_NUM}\b"
        ),
        0.7,
    ),
    # round 74: an Italian "via" after a comma, before its five-digit postcode ("Cascina
    # Verde, via dei Campi 4, 20080 Zibido"; not "..., via SSH 2")
    (
        regex.compile(
            rf"(?<=,[ \t])via\s+(?:{_NAME}\s+){{0,4}}{_WORD},?\s+{_NUM}\b(?=,?[ \t]+\d{{5}}\b)"
        ),
        0.7,
    ),
    # round 57: Welsh, the street's type first ("14 Heol y Nant", "9 Ffordd y Parc", "3 Lôn
    # Las"); "Maes", "Llys", "Clos", "Cilgant" are names too: only before a postcode
    (
        regex.compile(
            rf"\b{_NUM},?\s+(?:Heol|Ffordd|Lôn|Stryd|Rhodfa)\s+(?:(?:y|yr)\s+)?{_WORD}"
            rf"(?:\s+{_WORD})?"
        ),
        0.7,
    ),
    (
        regex.compile(
            rf"\b{_NUM},?\s+(?:Maes|Llys|Clos|Cilgant|Bryn|Parc)\s+(?:(?:y|yr)\s+)?{_WORD}"
            rf"(?:\s+{_WORD})?{_POSTCODE_AFTER}"
        ),
        0.7,
    ),
    # Korean road names: 24 Haeundae-ro 570beon-gil
    (regex.compile(r"\b\d{1,5}\s+[A-Z][a-z]+-(?:ro|gil|daero)(?:\s+\d+[a-z]*-gil)?\b"), 0.7),
    # Am Mühlbach 3, An der Alster 5: only before a postcode (else "Am Montag 3 Termine")
    (regex.compile(rf"\b{_DE_PREFIX}\s+{_WORD}\s+\d{{1,4}}[a-z]?{_POSTCODE_AFTER}"), 0.7),
    # PO boxes
    (regex.compile(r"\b(?i:p\.?\s?o\.?\s?box|postfach|apartado|boîte postale)\s+\d{1,6}\b"), 0.6),
    # round 35: Belgian, Swiss and Luxembourg French, the number after the street and a
    # four-digit postcode ("Rue de la Paix 44, 1050 Ixelles", "Chemin des Roches 7, 1009 Pully")
    (
        regex.compile(
            rf"\b(?i:{_FR_TYPES})\s+(?:{_NAME}\s+){{0,4}}{_WORD}\s+{_NUM},?\s+"
            r"(?:[BL]-|CH-)?\d{4}\s+" + _UP + r"[\p{Ll}'’-]+"
        ),
        0.7,
    ),
    # round 35: a UK address in lower case with its postcode ("19 kingsley rd , hounslow tw3
    # 1qa"): the postcode makes it one
    (
        regex.compile(
            rf"\b\d{{1,4}}\s+(?:[a-z]{{3,}}\s+){{1,2}}(?:{_EN_TYPES})\b"
            r"(?=\s*,?\s*(?:[a-z]+\s*,?\s*){0,2}[a-z]{1,2}\d[a-z\d]?\s?\d[a-z]{2}\b)"
        ),
        0.7,
    ),
]

_UNIT_BEFORE = regex.compile(rf"{_UNIT},?[ \t]*$")
# not "HX7": a postcode is no town; a dot only after a saint's or a mount's abbreviation ("St.
# Ives") or inside a word, not at a sentence's end ("83022 Rosenheim. Wo laden wir ...", "9
# Heron Close, Ely. Which shop ...": round 55)
# (round 70: not a phone's or an office's word, "..., 36041 Fulda, Tel. 0661 ...")
_TOWN_WORD = (
    # (but "Tel Aviv" is a town)
    r"(?!(?:Tel(?![ \t]+Aviv)|Tél|Telefon|Téléphone|Telephone|Phone|Fax|Mobil|Handy|Sekretariat|"
    r"Tlf)\b)"
    # (round 74: after an elided article, "35590 L'Hermitage", "D'Huison")
    rf"(?:(?:St|Ste|Mt|Ft)\.|(?:[LD]['’])?{_UP}[\p{{Ll}}'’]+(?:\.[\p{{Ll}}]+)*)"
)
_TOWN = rf"{_TOWN_WORD}(?:[ -](?:{_PARTICLE}|sur|sous|upon|on|en|{_TOWN_WORD})){{0,3}}"
# What may follow an address on its line, piece by piece: a unit, a postcode, a town.
_TAIL = regex.compile(
    rf"(?:,[ \t]*|[ \t]+)(?:(?:à|in|en|a)[ \t]+)?(?:{_UNIT}|{_POSTCODE}|{_TOWN})(?=[\s,.;:!?)]|$)"
)


def _widen(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """The address around a core: a unit before it, and unit, postcode and town after it (at
    most six pieces, never past the line). Whether a postcode was among them."""
    unit = _UNIT_BEFORE.search(text[max(0, start - 24) : start])
    if unit:
        start -= len(text[max(0, start - 24) : start]) - unit.start()
    postcode = False
    for _ in range(6):
        m = _TAIL.match(text, end)
        if m is None:
            break
        piece = m.group().lstrip(" ,\t")
        postcode = postcode or bool(regex.search(r"\d", piece))
        end = m.end()
    return start, end, postcode


# Whose door: a business or a public place, in the six languages (also as a compound's end:
# "Rijksmuseum", "Hauptfiliale") ...
_BUSINESS_NOUN = (
    r"\w*(?:office|offices|shop|store|café|cafe|restaurant|bakery|pub|hotel|salon|studio|gym|"
    r"clinic|branch|warehouse|factory|showroom|boutique|company|business|firm|agency|"
    r"headquarters|hq|premises|venue|museum|gallery|library|theatre|theater|church|"
    r"büro|firma|filiale|laden|geschäft|praxis|kanzlei|werkstatt|zentrale|niederlassung|"
    r"bäckerei|unternehmen|bibliothek|"
    r"bureau|bureaux|magasin|boulangerie|entreprise|société|agence|cabinet|atelier|siège|musée|"
    r"mairie|oficina|oficinas|tienda|empresa|local comercial|negocio|sede|almacén|panadería|"
    r"museo|ufficio|negozio|azienda|magazzino|panetteria|kantoor|winkel|bedrijf|vestiging|"
    r"bakkerij|zaak|magazijn|"
    # public places and their doors (round 11): "the bar at the St. Regis, 2 East 55th Street",
    # "la entrada es por la calle de Mallorca 401", "la Galleria ... in Piazzale degli Uffizi 6"
    r"bar|galleria|galerie|médiathèque|bibliothèque|biblioteca|hôtel|albergo|entrance|entrada|"
    r"entrée|eingang|ingresso|ingang|cathedral|cathédrale|kathedrale|catedral|duomo|basilica|"
    r"basílica|stadium|stadion|stade|estadio|town hall|rathaus|mairie|ayuntamiento|municipio|"
    r"gemeentehuis|"
    # round 26: a vet's, a clinic's, a venue's door ("Harbourside Veterinary Centre, 14 ...", "Die
    # Tierklinik Am Stadtpark, Parkallee 40", "Dierenkliniek De Ark, Stationsweg 21")
    r"centre|center|practice|veterinary|vets?|klinik|tierarzt|tierarztpraxis|clinique|"
    r"vétérinaire|clínica|veterinaria|clinica|kliniek|dierenarts|hospital|krankenhaus|hôpital|"
    r"ospedale|ziekenhuis|venue|"
    # round 28: a club's and a sports hall's door ("Riverside Leisure Club, 40 Mill Lane", "Die
    # Kletterhalle 'Boulderwerk', Industriestraße 12", "La salle 'Fitness Park' au 25 boulevard")
    r"club|clubhouse|halle|salle|verein|vereinsheim|"
    # round 62: a studio's, a society's or an institution's door ("Our dojo is at", "Dark Sky
    # International is at", "La nostra palestra è in Via Roma 14", "Il centro è in")
    # (not "council" nor "trust": "Council tax band challenge — my property is", "I trust my
    # address is")
    r"dojo|palestra|gimnasio|centro|observatory|observatoire|sternwarte|association|society|"
    r"foundation|institute|international|federation|alliance|league|"
    # rounds 63-64: the premises the phone rules know too (pii_ids.PREMISES: "La capitainerie
    # est au 1 quai", "EHPAD Les Tilleuls, 5 avenue"); a hall, a charity, a league in the other
    # languages, a venue in German ("Harbour Hall, 1 Quay Street", "la Ligue contre le cancer,
    # 14 rue", "Bürgerhaus Süd, Mühlenweg 12"); a centre in German compounds, a care home in
    # the other languages, a bank, a wine estate, services ("Seniorenzentrum Am Park,
    # Parkallee 10", "The blood bank's address is", "Le domaine est au 3 chemin")
    + PREMISES
    + r"|puerto deportivo|hall|charity|ligue|liga|lega|veranstaltungsort|bürgerhaus|"
    r"gemeindehaus|vereinshaus|zentrum|pflegeheim|altenheim|maison de retraite|casa di riposo|"
    r"verpleeghuis|residencia de mayores|bank|banque|banca|banco|domaine|services|coop|"
    # round 65: a dive school ("Die Tauchbasis Ostsee, Strandweg 3")
    r"tauchbasis|tauchschule|tauchshop|"
    # round 67: a letting agent, a foundation in the other languages ("Castle & Finch Lettings,
    # 3 Bridge Street", "La Fundación del Cerebro está en la calle")
    r"lettings|letting agents?|estate agents?|fundación|fondation|fondazione|stichting|stiftung|"
    # round 70: a funeral director's, a school's by its kind, a campsite and a community
    # centre in German and Dutch, a maternity unit, a supermarket, a wholesaler, a company's
    # address by its word ("Bestattungshaus am Stadtpark, Parkallee 3", "Notre pompes funèbres
    # est au 18 avenue", "Grundschule am Park, Parkstraße 12", "Unsere Firmenadresse ist")
    r"funeral home|funeral directors?|bestattungshaus|bestatter|bestattungsinstitut|"
    r"pompes funèbres|funeraria|onoranze funebri|uitvaartcentrum|"
    r"primary school|secondary school|grundschule|gesamtschule|gymnasium|école élémentaire|"
    r"école primaire|école maternelle|escuela primaria|scuola primaria|basisschool|"
    r"zeltplatz|jugendzeltplatz|buurthuis|maternité|maternity unit|supermarket|supermarché|"
    r"supermarkt|supermercado|supermercato|wholesaler|großhändler|grossiste|mayorista|"
    r"firmenadresse|geschäftsadresse|company address|business address|office address|"
    # round 73: a shop's, a practice's, a salon's address by its word ("Unsere Ladenadresse
    # ist", "our shop address is")
    r"ladenadresse|praxisadresse|büroadresse|salonadresse|studioadresse|shop address|"
    r"store address|salon address|studio address|practice address|"
    # round 76: a company's registered seat, a college's address ("Unser Firmensitz ist in der
    # Gewerbestraße 7", "Our college address is on the letterhead: Park Lane Sixth Form, 1 ...")
    r"firmensitz|geschäftssitz|unternehmenssitz|college address|school address|sixth form|"
    # round 79: a laboratory's, a maker's ("the sleep lab's address is", "Der Hersteller sitzt
    # in der Fraunhoferstraße 16"; not "lab" alone, review: "my homelab is at 12 Oak Road" is a
    # home)
    r"sleep lab|sleep labs|laboratory|labor|laboratoire|laboratorio|laboratorium|sleep centre|"
    r"schlaflabor|"
    r"manufacturer|hersteller|fabricant|fabricante|produttore|fabrikant|"
    # round 80: a trade's shop in German and Dutch ("Der Klavierhandel in der Königstraße 28",
    # "De bandagist zit aan de Stationsweg 40", "Sanitätshaus")
    r"\w*handel|\w*handlung|sanitätshaus|bandagist|orthopädietechnik|"
    # round 81: a hearing-aid or an optician's shop ("Der Hörakustiker in der Bahnhofstraße 14")
    r"\w*akustiker|optiker|opticien|óptica|ottico|opticiën|"
    # round 87: a brewery's and its bar's ("Our taproom is at", "Unsere Brauerei-Adresse ist",
    # "Notre brasserie est au", "Il nostro birrificio è in", "Onze brouwerij zit aan")
    r"\w*brewery|taproom|tap room|brewpub|\w*brauerei|brasserie|cervecería|cerveceria|"
    r"birrificio|brouwerij|"
    # round 91: a school of a subject, a music school, an academy, a conservatoire ("Die
    # Musikschule Am Markt, Marktplatz 3", "École de musique du Vieux-Port, 12 quai du Port",
    # "La Scuola di Musica Verdi, via Roma 10", "Riverside Music Studio, ..., Unit 4")
    r"\w*schule|\w+school|(?:music|dance|driving|language|art|drama|ballet|swim(?:ming)?|"
    r"riding|sailing|surf|ski|cookery)\s+school|école\s+de\s+\w+|scuola\s+di\s+\w+|"
    r"escuela\s+de\s+\w+|academy|akademie|académie|accademia|academia|conservatoire|"
    r"conservatorium|konservatorium|conservatorio|"
    # round 92: a dry cleaner's and a laundry's, an orthopaedic supplier's ("Unsere Reinigung
    # liegt in der", "Notre pressing est au", "Onze stomerij zit op", "La ortopedia 'OrtoSalud',
    # Calle Mayor 45", "Orthopedie Van Dijk, Stationsweg 8")
    r"dry cleaners?|laundrette|launderette|laundry|reinigung|textilreinigung|wäscherei|"
    r"waschsalon|pressing|laverie|blanchisserie|tintorería|lavandería|tintoria|lavanderia|"
    r"stomerij|wasserette|ortopedia|ortopedia sanitaria|orthopédie|orthopädie|orthopedie|"
    r"sanitaria|"
    # round 94: an institute in the other languages ("L'Institut Gustave Roussy, 114 rue")
    r"institut|instituto|istituto|instituut|"
    # round 95: a school by its kind's capitalised word after its name ("St Mary's C of E
    # Primary, 12 Church Lane")
    r"(?-i:Primary|Infants|Juniors|Junior School|Academy)|"
    # round 96: an association's head office in German, a hardware shop in the other
    # languages, a dental practice ("Die Rheuma-Liga hat ihre Bundesgeschäftsstelle in der",
    # "Notre quincaillerie est au", "Greenway Dental, 22 Market Square")
    r"\w*geschäftsstelle|quincaillerie|ferretería|ferramenta|eisenwarenhandlung|ijzerhandel|"
    r"hardware (?:store|shop)|dental|dentist|dentists|dental practice|zahnarztpraxis|"
    r"(?-i:Property|Properties|Estates))"
)
# ... followed by its own name and a comma: "Dierenkliniek De Ark, Stationsweg 21".
# (round 64: four words, "Centre de Médecine du Sport, 12 avenue")
# (round 73: or its name in brackets, "The sheet music shop (Forsyth Brothers, 126 Deansgate")
_BUSINESS_NAMED = regex.compile(
    # (round 74: or a dash, as a signature sets it: "Domaine des Tilleuls – 2 route de Beaune")
    # (round 77: or a colon after the noun, "Nuestro taller: Tapicería del Puerto, Calle ...")
    # (round 94: or its address's word between, "the Foundation's address (Newminster House,")
    rf"(?i)\b{_BUSINESS_NOUN}\b(?:['’]s\s+(?:address|premises|offices?))?:?(?:\s*\()?"
    r"(?:\s*[\w'’-]+){0,4}(?:\s*,|\s+[–—-])\s*$"
)
# ... as what the address is said of: "Our office is at", "Unsere Filiale ist in der", "notre
# boulangerie au", "Ons kantoor zit op", "Our café, Frieda's Kitchen, is at", "local comercial,"
# (not a business merely named before it: "a letter to the gas company: ... address 12 ...").
_BUSINESS_BEFORE = regex.compile(
    rf"(?i)\b{_BUSINESS_NOUN}\b(?:[^.!?\n]{{0,40}}?\s(?:is|are|ist|sind|est|sont|está|están|"
    r"es|zit|zitten|è|sono|liegt|befindet sich|sitzt|se trouve|se encuentra|si trova|"
    r"(?:has |have )?"
    r"moved to|zieht|located|based|gevestigd|situé|situada|situado))?[\s,:]*"
    r"(?:at|in|on|to|au|à|en|op|a|al|in der|in den|im|am|sur|aan|nel|nella|in via|"
    # (round 94: or the street it is known by, "la farmacia di Corso Garibaldi 12", "the
    # pharmacy of Mill Street")
    r"di|of|du|des|del|della)?"
    # (round 63: Dutch says the street's article, "zit aan de Westkade 1")
    r"(?:\s+(?:de|het))?"
    # (round 67: Spanish and Italian too, "está en la calle")
    r"(?:\s+(?:la|el))?\s*$"
)
# ... or named right after it: "Calle Mayor 3, bajo, 28013 Madrid (oficina de la empresa)".
_BUSINESS_AFTER = regex.compile(rf"(?i)^[\s,;:(—–-]*(?:\p{{L}}+\s+){{0,1}}{_BUSINESS_NOUN}\b")


# A business as the sentence's subject, the address later in it with nothing personal between:
# "our office moved to Unit 4, Riverside Business Park, 112 Wharf Road", "Unser Büro ist jetzt in
# der Friedrichstraße 123", "nos bureaux déménagent au 45 rue", "Ons kantoor zit nu op ...".
_BUSINESS_SUBJECT = regex.compile(
    rf"(?i)(?:\b(?:our|the|unser\w*|die|das|der|notre|nos|la|le|les|nuestr[oa]s?|el|los|las|il|"
    rf"nostr[oa]|ons|onze|de|het)\s+|\bl['’])(?:\p{{L}}+\s+)?{_BUSINESS_NOUN}\b"
)
# The writer's workplace at home: "my garden office", "our home studio", "mein Arbeitszimmer"
# (round 52).
_HOME_WORKPLACE = regex.compile(
    r"(?i)\b(?:my|our|mein\w*|unser\w*|mon|ma|notre|mi|nuestr\w*|mio|mia|nostr\w*|mijn|onze)\s+"
    r"(?:(?:garden|home|spare[- ]room|shed|garage|loft|attic|back[- ]room)[\s-]?"
    r"(?:office|studio|workshop)|gartenbüro|arbeitszimmer|home-?office|bureau à domicile)\b"
)
# Someone living there, right before the address (round 73): "lives at", "wohnt in der",
# "habite au", "vive en la", "abita in via", "woont aan de".
_LIVES_AT = regex.compile(
    r"(?i)\b(?:lives?|living|wohnt|wohnen|habite|habitent|vit|vive|viven|abita|abitano|woont|"
    r"wonen)\s+(?:(?:at|in|on|im|am|au|à|en|a|op|aan|in der|in den|in via|en la|en el)\s+)?"
    r"(?:(?:de|het|la|el)\s+)?$"
)
# The writer saying the address is theirs, before it (round 64): "my new address for the clinic
# is", "Meine neue Adresse für das Transplantationszentrum:", "mon adresse pour la banque".
_MY_ADDRESS = regex.compile(
    r"(?i)\b(?:(?:my|meine|mon|ma|mi|il mio|mijn)\s+(?:(?:new|old|home|neue|alte|nouvelle|"
    r"nueva|nuovo|nieuwe)\s+)?|"
    # (round 71: ours at home or after a move, "Our home address for the hospital transport
    # form is"; not "our address", a business's too)
    r"(?:our|unsere|notre|nuestra|la nostra|ons|onze)\s+(?:new|old|home|private|neue|alte|"
    r"private|nouvelle|nueva|nuova|nieuwe)\s+|"
    # (round 95: or a home's address with "the", "the home address on the hospital letter is
    # wrong, should be"; "Privatadresse", "adresse personnelle")
    r"(?:the|die|l['’]|la)\s*(?:home|private|privat|personal)\s+)"
    r"(?:address|adresse|anschrift|dirección|indirizzo|adres)\b|"
    r"\b(?:privatadresse|privatanschrift|wohnadresse|heimadresse|adresse personnelle|"
    r"adresse du domicile|adresse de domicile)\b"
)
# A relative's address, said to be theirs before it ("Adresse de maman pour le courrier de
# l'hôpital :", "Vaters neue Anschrift nach dem Umzug ins betreute Wohnen:", "my mum's new
# address for the pharmacy:"): a home, whatever business the sentence then names (round 81).
_KIN = (
    r"mum|mom|mam|mother|dad|father|gran|granny|grandma|grandad|grandpa|nan|nana|son|daughter|"
    r"sister|brother|aunt|uncle|maman|papa|mamie|papi|mère|père|fils|fille|tante|oncle|mutter|"
    r"vater|mama|oma|opa|sohn|tochter|schwester|bruder|madre|padre|abuela|abuelo|hijo|hija|"
    r"nonna|nonno|figlio|figlia|moeder|vader|zoon|dochter|schoonmoeder|schoonvader"
)
_KIN_ADDRESS = regex.compile(
    rf"(?i)\b(?:{_KIN})(?:['’]s)?\s+(?:(?:new|old|home|neue|alte|nouvelle|nueva|nuova|nieuwe)\s+)?"
    r"(?:address|adresse|anschrift|dirección|indirizzo|adres)\b|"
    r"\b(?:address|adresse|anschrift|adres|dirección|indirizzo)\s+(?:of\s+|de\s+|von\s+|van\s+|"
    r"di\s+|del\s+|d['’]\s*)?(?:(?:my|ma|mon|meine[mnrs]?|mi|mijn|la|el|le|mia|mio)\s+)?"
    # (not French "son", his: "l'adresse de son cabinet")
    rf"(?!son\b)(?:{_KIN})\b|"
    r"(?-i:\b(?:Vaters|Mutters|Omas|Opas|Papas|Mamas))\s+(?:neue\s+)?(?:Adresse|Anschrift)\b"
)
# A town that stands for any town: the address is a placeholder ("123 Main St, Anytown").
_PLACEHOLDER_TOWN = regex.compile(
    r"(?i)\b(?:any ?town|any ?city|anyville|musterstadt|musterhausen|beispielstadt|"
    r"villeexemple|ciudad ejemplo)\b"
)
# A company's legal form or register entry: "Müller & Söhne GmbH, Industriestraße 8", "HRB 123".
_LEGAL_FORM = regex.compile(
    # (pii_ids.LEGAL_FORMS, SCI since round 65: "la SCI Les Tanneurs, 3 place Kléber")
    # (round 73: not "\b" after a form that ends in a dot, "Groothandel B.V., Industrieweg 9")
    rf"\b(?:{LEGAL_FORMS}|OHG|e\.V\.|Limited|SA|HRB|Impressum)(?!\w)|"
    # a family firm (round 29: "Hartley & Sons Builders Merchants, 14 Station Road")
    r"&\s*(?:Sons|Söhne|Fils|Hijos|Figli|Zonen|Cie|Co|Compagnie|Partners|Partner)\b"
)
# The business is whom one writes to, not whose address it is.
_ADDRESSEE = regex.compile(r"(?i)\b(?:to|an|à|a|al|aan|für|for|pour|para|per|voor)\s*$")
# ... or whom the address is given to, right before it (round 70: "Die Adresse für den
# Bestatter: Lindenstraße 27", "Adresse pour les pompes funèbres : 8 rue des Tanneurs").
_ADDRESS_FOR_BUSINESS = regex.compile(
    r"(?i)\b(?:address|adresse|anschrift|dirección|direccion|indirizzo|adres)\s+"
    # (round 80: whose it is between, "Nieuw adres schoonmoeder voor de kousenleverancier:")
    r"(?:\p{L}+\s+)?(?:for|für|pour|para|per|voor)\s+(?:\p{L}+\s+){0,2}"
    rf"{_BUSINESS_NOUN}\b[\s,:]*$"
)
# ... unless someone's home or a person comes between.
_PERSONAL_BETWEEN = regex.compile(
    # (round 94: not a building's name, "Newminster House, 27-29 Baldwin Street")
    r"(?i)\b(?:home|flat|apartment|(?<!(?-i:\p{Lu}\p{Ll}+)\s)house|wohnung|haus|zuhause|"
    r"appartement|maison|domicile|chez|"
    r"piso|casa|domicilio|woning|huis|thuis|place|my|mein\w*|mon|ma|mes|mi|mis|mijn|"
    # sent to someone, not moved to: "ships to 4 Birch Close", but "moved to Unit 4"
    r"(?<!\b(?:moved?|moving|relocated|relocating)\s)(?:to|an|à|al|aan)|his|her|their|sein\w*|ihr\w*|son|sa|ses|leur|su|sus|zijn|haar|parents?|eltern|"
    r"(?-i:I)|ich|je|yo|io|ik|lives?|living|resid\w*|wohnt|wohnhaft|domicili\w*|soussign\w*|"
    r"vive|abita|woont|mr|mrs|ms|miss|dr|herr|herrn|frau|mme|mlle|sr|sra|sig|signora|dhr|mevr)\b"
)


# Round 25: premises on a business or industrial estate ("Unit 4, Meadow Business Park", "12
# Brunswick Industrial Park", "Gewerbegebiet Nord", "ZI des Glaises"): no one's home.
_ESTATE = regex.compile(
    r"(?i)\b(?:business|industrial|enterprise|science|technology|retail|trade|trading)\s+"
    r"(?:park|estate|centre|center)\b|\b(?:gewerbe|industrie)(?:gebiet|park)\b|"
    # (round 74: "8 ZA des Granges")
    r"\bzone (?:industrielle|artisanale|d['’]activités?)\b|"
    r"\b(?-i:ZI|ZA|ZAC)\s+(?:(?-i:[A-Z])|(?:de la|des|du|de|d['’])\s*(?-i:[A-Z]))|"
    r"\bpol[íi]gono(?: industrial)?\b|\bparque (?:empresarial|industrial|tecnol[óo]gico)\b|"
    r"\bzona industriale\b|\b(?:bedrijven|industrie)terrein\b"
)


def in_estate(text: str, start: int, end: int) -> bool:
    """``start:end`` is a word of a business or industrial estate's name, or the word right
    before it ("Clayton Business Park"; round 71)."""
    return any(
        (m.start() <= start and end <= m.end()) or text[end : m.start()] == " "
        for m in _ESTATE.finditer(text, max(0, start - 30), min(len(text), end + 30))
    )


# Addresses everyone knows, real or fictional: no private person's home.
_FAMOUS = regex.compile(
    r"(?i)(?:221\s?b\s+baker\s+street|742\s+evergreen\s+terrace|1600\s+pennsylvania\s+ave|"
    r"10\s+downing\s+street|4\s+privet\s+drive|12\s+grimmauld\s+place|"
    r"124\s+conch\s+street|31\s+spooner\s+street|1640\s+riverside\s+drive|"
    r"177a\s+bleecker\s+street|musterstra(?:ß|ss)e\s+1\b|123\s+main\s+street,\s+anytown|"
    r"1600\s+amphitheatre\s+parkway|1\s+infinite\s+loop|1\s+apple\s+park\s+way|"
    r"350\s+fifth\s+avenue)"
)


_TIME_AFTER = regex.compile(r"[:h.]\d\d\b")

# Round 76: an organisation's address asked about, the address the writer has for it given
# after the question to be checked ("What is the MS Society's address? ... I have 372 Edgware
# Road", "Wie lautet die Adresse der DMSG-Bundesgeschäftsstelle? Ich habe Krausenstraße 50",
# "Quelle est l'adresse de l'ARSEP ? J'ai 14 rue ...", "l'indirizzo della sede AISM a Genova?
# Ho Via Operai 40"): an acronym or a name ending in an organisation's word, or its seat.
_ORG = (
    r"(?:(?P<acronym>(?-i:[A-Z]{3,}))(?:-\w+)?|(?-i:[A-Z][\w'’-]*\s){1,3}(?:society|trust|foundation|"
    r"association|charity|institute|federation|stiftung|gesellschaft|verein|verband|fondation|"
    r"ligue|fondazione|associazione|fundación|asociación|stichting|vereniging)|"
    r"\w*geschäftsstelle|headquarters|head office|siège|sede(?:\s+(?-i:[A-Z]{3,}))?)"
)
_ORG_ADDRESS_ASKED = regex.compile(
    r"(?i)(?:\b(?:address|adresse|anschrift|dirección|direccion|indirizzo|adres)\s+"
    r"(?:of|der|des|de|du|de la|della|del|dello|di|van|von)\s+(?:the\s+|l['’]|la\s+|het\s+)?"
    rf"{_ORG}|\b{_ORG}['’]s\s+(?:\w+\s+)?address)"
    # (the question, then the writer's copy of the address to check, nothing of theirs between)
    r"[^?\n]{0,40}\?[^?\n]{0,60}"
    r"\b(?:i\s+have|i['’]ve\s+got|i\s+got|ich\s+habe|j['’]ai|tengo|ho|ik\s+heb)"
    r"(?:\s+(?:(?!my\b|mine\b|our\b|home\b)\w+)){0,4}[\s:]*\Z"
)


def _business(text: str, start: int, end: int) -> bool:
    """The address is a business's or a public place's (module doc), or one everyone knows."""
    if _FAMOUS.match(text, start) or _ESTATE.search(text, start, end):
        return True
    asked = _ORG_ADDRESS_ASKED.search(text, max(0, start - 200), start)
    # (an acronym, not a given name in capitals: "the address of ANNA? I have ...")
    if asked is not None and not (
        asked.group("acronym") and a_given_name(asked.group("acronym").title())
    ):
        return True  # "What is the MS Society's address? ... I have 372 Edgware Road" (round 76)
    line_start = text.rfind("\n", 0, start) + 1
    before = regex.split(r"[.!?]\s", text[max(line_start, start - 90) : start])[-1]
    if _LIVES_AT.search(before):
        return False  # "Jane lives at 14 Canal Street, ..., her shop": her home (round 73)
    if _HOME_WORKPLACE.search(before):
        return False  # "my garden office at 8 Sycamore Drive": the writer's home (round 52)
    if _MY_ADDRESS.search(before):
        return False  # "Meine neue Adresse für das Transplantationszentrum: ..." (round 64)
    if _KIN_ADDRESS.search(before):
        return False  # "Adresse de maman pour le courrier de l'hôpital : ..." (round 81)
    if _PLACEHOLDER_TOWN.search(text, start, end + 30) and not _PERSONAL_BETWEEN.search(before):
        return True  # "'Jane Doe, 123 Main St, Anytown' as the sample" (not "wohnt im ...")
    # (not past the address's sentence: "..., 83022 Rosenheim. Wo laden wir ...?" names no shop
    # of it; round 55)
    after = regex.split(r"[.!?]\s|\n", text[end : end + 40])[0]
    if _ADDRESS_FOR_BUSINESS.search(before):
        return False  # "Die Adresse für den Bestatter: ...": given to it (round 70)
    if _BUSINESS_BEFORE.search(before) or _BUSINESS_AFTER.match(after):
        return True
    named = _BUSINESS_NAMED.search(before)
    # (between the business and its address; not before it: "une lettre à la boulangerie Au
    # Bon Pain, 3 place du Marché" is to the bakery; round 29)
    if named is not None and not _PERSONAL_BETWEEN.search(
        before[max(named.start(), len(before) - 40) :]
    ):
        return True
    if _LEGAL_FORM.search(before):
        return True
    if _VAT_AFTER.match(text, end):
        return True  # "The Toy Box, 22 Market Street, ..., tel ..., VAT GB 123 ..." (round 96)
    subject = _BUSINESS_SUBJECT.search(before)
    if subject is None or _ADDRESSEE.search(before[: subject.start()]):
        return False  # "a letter to the water company: supply address 4 Birch Close"
    return not _PERSONAL_BETWEEN.search(before[subject.end() :])


# Round 96: a business's VAT number after its address on the line, as a footer sets it.
_VAT_AFTER = regex.compile(
    r"[^\n]{0,60}?\b(?-i:VAT|USt-?IdNr\.?|TVA|P\.?\s?IVA|BTW)(?:\s+(?:no|number|reg|nr|"
    r"intracommunautaire))?\.?\s*:?\s*(?:[A-Z]{2}\s?)?\d"
)


# Between an address and the phone number after it on its line: a comma, a phone's word, what
# the number is for ("..., Hexham NE46 3PU, open 24/7 on 01434 ...", "..., tél. 05 58 ...").
# (round 95: or the sentence's end before a phone's label, "..., Much Hadham. Phone 01279 ...")
_TO_PHONE = regex.compile(
    r"(?i)(?:[^\n.!?]|(?<=\b(?:tel|tél|tlf|ph|fon))\.|"
    r"\.(?=\s*(?:phone|tel|tél|telefon|téléphone|telefono|teléfono|call|ring|bel)\b)){0,30}\Z"
)


# A phone's label alone before the number, opening its line ("Tel 01482 ...", "T: ...").
_PHONE_LABEL_LINE = regex.compile(
    r"(?i)[ \t]*(?:tel|tél|tlf|phone|ph|t|fon|telefon|téléphone|telefono|teléfono|telefoon)\.?"
    r"[ \t]*:?[ \t]*\Z"
)


def business_address_before(text: str, at: int) -> bool:
    """A business's or a public place's address (:func:`_business`) ends on the line a few
    characters before ``at``: a phone number there is its line (round 70); or it ends the line
    before, and the phone's label opens the number's line, as a signature sets them (round 94:
    "Nordic Worktops Ltd, 22 Ferry Road, Hull HU1 2DP\nTel 01482 ...")."""
    line_start = text.rfind("\n", 0, at) + 1
    if line_start > 1 and _PHONE_LABEL_LINE.match(text, line_start, at):
        above = text.rfind("\n", 0, line_start - 1) + 1
        for pattern, _ in _CORES:
            for m in pattern.finditer(text, max(above, line_start - 200), line_start - 1):
                start, end, _postcode = _widen(text, m.start(), m.end())
                if (
                    end <= line_start - 1
                    and not text[end : line_start - 1].strip(" \t,.")
                    and _business(text, start, end)
                ):
                    return True
    low = max(line_start, at - 200)
    for pattern, _ in _CORES:
        for m in pattern.finditer(text, low, at):
            start, end, _postcode = _widen(text, m.start(), m.end())
            if end <= at and _TO_PHONE.match(text, end, at) and _business(text, start, end):
                return True
    # round 74: premises on a business estate named on the line a little before ("Deshollinados
    # Norte, Polígono Industrial 3, nave 12, 33211 Gijón, tel.", "8 ZA des Granges, 74150
    # Rumilly, tél."), nothing personal between
    estate = _ESTATE.search(text, max(line_start, at - 120), at)
    return estate is not None and not _PERSONAL_BETWEEN.search(text, estate.end(), at)


class StreetAddressRecognizer(EntityRecognizer):
    """Street addresses as ``LOCATION`` (module doc)."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["LOCATION"], name="StreetAddressRecognizer")

    def analyze(self, text: str) -> list[RecognizerResult]:
        out = []
        for pattern, score in _CORES:
            for m in pattern.finditer(text):
                start, end, postcode = _widen(text, m.start(), m.end())
                if _TIME_AFTER.match(text, m.end()) or _business(text, start, end):
                    continue  # (a timetable's "Goetheplatz 06:12" is a stop and a time)
                out.append(
                    RecognizerResult("LOCATION", start, end, min(1.0, score + 0.15 * postcode))
                )
        return out
