"""Identifier recognizers that the usual formats (pii_national) get wrong in either direction.

- Cards: the usual card pattern predates Mastercard's 2-series (2221-2720); the same Luhn check
  validates them.
- NHS numbers: the format alone takes any 10 digits passing the mod-11 check, which one in
  eleven random numbers does (unix timestamps, ticket numbers). Numbers are issued from 320-399
  (Northern Ireland) and 400-499, 600-799 (England, Wales, Isle of Man): outside those, only an
  NHS context word makes a match count.
- French social security numbers (NIR): 13 digits and a two-digit key (97 - number mod 97),
  written grouped "1 85 05 78 006 084 36"; Corsica's departments are 2A and 2B. Counted with
  a valid key, or after "sécurité sociale", "NIR", ...
"""

from __future__ import annotations

import re

import regex

from routing_mcp.pii_core import Pattern, PatternRecognizer, RecognizerResult
from routing_mcp.pii_national import CreditCardRecognizer, NhsRecognizer

_ISSUED_NHS = re.compile(r"^(?:3[2-9]|[467])")
# Digits named as an order, invoice, ticket ... number just before: an identifier, not a phone
# number ("order #", "Rechnung Nr.", "Numéro de commande", "Fattura n.", "factuurnummer").
# The words for "number" after an id's name ("order no.", "Rechnungsnummer", "pedido n.º").
_NUMBER_WORD = r"no\.?|nr\.?|n\.º|n°|nº|number|nummer|num(?:ber|éro|ero)?|número|#"
ID_WORD_BEFORE = re.compile(
    # (round 91: not a test's cases, "Test cases: 07723 446 190 (mine)")
    r"\b(?:ticket|order|invoice|(?<!test\s)case|ref|reference|tracking|serial|s/n|sn|id|build|job|"
    r"issue|pr|transaction|commit|batch|lot|part|sku|model|rechnung|bestellung|auftrag|"
    r"vorgang|kundennummer|facture|commande|dossier|pedido|factura|fattura|ordine|pratica|"
    r"spedizione|factuur|bestelling|order|zending|klantnummer|"
    # a booking's confirmation (round 22: "the Booking.com confirmation number 4127.558.903")
    r"confirmation|booking|reservation|réservation|reserva|prenotazione|boeking|"
    # a product's barcode: "a UPC barcode like 036000291452", "ISBN 978..."
    r"upc|gtin|isbn|barcode|strichcode|code-barres|ord|"
    # the supply point of an electricity or gas meter: "PDL", "Zählpunkt", "CUPS", "POD", "EAN"
    r"pdl|prm|point de livraison|zählpunkt|zählernummer|cups|pod|ean|mpan|mprn|"
    # a device's serial, in the six languages
    r"serien|seriennummer|serien-nr|numéro de série|número de serie|numero di serie|"
    r"serienummer|modell|modèle|modelo|modello|"
    # a handset's or a SIM's number, a company's register or tax number
    r"imei|imeisv|imsi|iccid|meid|siret|siren|tva|vat|ust-?idnr|ust-?id|kvk|ein|cif|"
    # a company's registration: "Registered in England No. 08123456", "Company No."
    r"registered in (?:england|wales|scotland|england and wales)|company|companies house|"
    r"handelsregister|hrb|hra|rcs|"
    # a property's number on a tax notice or in the land register (round 21: "numéro invariant")
    r"invariant|parcelle|flurstück|flurstücks|grundbuchblatt|"
    # a fine's or a file's reference (round 25: "numéro d'avis", "número de expediente",
    # "verbale n.", "Aktenzeichen")
    r"avis|expediente|verbale|aktenzeichen|az|contravention|multa|boete|pcn|"
    # a German compound of a thing's number ("Gerätenummer", "Vertragsnummer"; not a line's:
    # "Notfallnummer")
    # (round 73: a German compound of an order or an invoice, "Lieferantenbestellung Nr.")
    r"\w+(?:bestellung|rechnung|auftrag)|"
    # (round 91: a customer's number at a supplier, "Mon numéro client 0048221937 chez EDF",
    # "customer number", and Dutch's order number, "Bestelnummer 7734-220-918")
    r"num[ée]ro\s+(?:de\s+)?client|n[°º]\s*client|número\s+de\s+cliente|"
    r"numero\s+(?:di\s+)?cliente|customer\s+(?:number|no\.?|id|account)|"
    r"bestel(?=nummer)|"
    r"(?:geräte|vertrags|rechnungs|bestell|auftrags|artikel|mitglieds|versicherungs|sendungs|"
    r"buchungs|referenz|vorgangs|akten|lieferschein|fahrgestell|produkt|chargen|inventar|"
    r"ticket|zähler|kunden|person)(?=nummer))"
    r"(?:s|nummer|nr)?[\s-]*"
    # the shop between (round 22: "pedido de El Corte Inglés con número", "order from Zara,
    # number")
    r"(?:(?:de|del|from|at|bei|von|chez|sur|en|da|su|bij|van)\s+(?:(?:el|la|le|der|die|the)\s+)?"
    r"[\w'’.-]+(?:\s+[\w'’-]+)?\s*,?\s*(?:(?:con|with|mit|avec|met)\s+)?"
    rf"(?=(?:{_NUMBER_WORD})))?"
    rf"(?:{_NUMBER_WORD}|n\.|id)?\s*[:#]?\s*"
    # (round 92: and the shop after it, "my order number from Screwfix is 8046173352")
    r"(?:(?:from|at|with|bei|von|chez|de|da|van|bij)\s+[\w'’.&-]+\s+)?"
    # "my phone's IMEI is 35-...", "un numéro SIRET comme 732 ..."
    r"(?:(?:is|ist|est|es|è|comme|like|wie|como|come|zoals)\s+)?"
    r"(?-i:[A-Z]{1,4}\s+)?$",  # (a letter prefix of the serial: "Seriennummer FD 9704 ...")
    re.IGNORECASE,
)


# A device's number right before: IMEIs and SIM numbers carry a Luhn check digit too.
_DEVICE_NUMBER_BEFORE = re.compile(
    r"\b(?:imei|imeisv|meid|esn|iccid|imsi|sim|serial|s/n|sn)\s*(?:no\.?|nr\.?|number|#)?"
    r"\s*[:=]?\s*$",
    re.IGNORECASE,
)


class CardRecognizer(CreditCardRecognizer):
    """Card numbers, with Mastercard's 2-series; not an IMEI or a SIM number (also Luhn). Any
    Luhn-valid number written as a card is (four groups of four) counts too, whatever its first
    digits, where a card is named in the sentence before it ("the debit card ...: 5873 1166 6640
    7504"): the issuer ranges change, and a number a user calls a card is one. Such a number
    keeps a score under the threshold that only a context word lifts (``context_window``)."""

    CONTEXT = (
        *CreditCardRecognizer.CONTEXT,
        *("debit", "karte", "carte", "tarjeta", "carta", "kaart"),
    )
    context_window = 120  # a card is named once, often a clause before its number
    UNISSUED_SCORE = 0.05

    def __init__(self) -> None:
        super().__init__()
        self.patterns.append(
            Pattern(
                "Mastercard 2-series",
                r"\b(2(?:2[2-9]|[3-6]\d|7[01])\d|2720)[- ]?(\d{4})[- ]?(\d{4})[- ]?(\d{4})\b",
                0.3,
            )
        )
        # the issuers' ranges: a number any of the patterns so far matches
        self._issued = [regex.compile(p.regex, self.global_regex_flags) for p in self.patterns]
        self.patterns.append(
            Pattern(
                "card-shaped, named a card",  # only a context word lifts it over the threshold
                # (alone: not four groups of an IBAN; no group, the screen joins the patterns)
                r"(?<!(?-i:[A-Z0-9])[- ])(?<!\w)\d{4}[- ]\d{4}[- ]\d{4}[- ]\d{4}(?![- ]?\d)(?!\w)",
                self.UNISSUED_SCORE,
            )
        )

    def analyze(self, text: str) -> list[RecognizerResult]:
        found = []
        for r in super().analyze(text):
            if _DEVICE_NUMBER_BEFORE.search(text[max(0, r.start - 24) : r.start]):
                continue
            if not any(issued.fullmatch(text, r.start, r.end) for issued in self._issued):
                r.score = self.UNISSUED_SCORE  # valid or not: a card only where one is named
            found.append(r)
        return found


class Filtered:
    """Mixed in before a recognizer: only the results that pass ``keep`` count."""

    def keep(self, text: str, result: RecognizerResult) -> bool:
        raise NotImplementedError

    def analyze(self, text: str) -> list[RecognizerResult]:
        found = super().analyze(text)  # type: ignore[misc]
        return [r for r in found if self.keep(text, r)]


class IssuedNhsRecognizer(Filtered, NhsRecognizer):
    def keep(self, text: str, result: RecognizerResult) -> bool:
        digits = re.sub(r"\D", "", text[result.start : result.end])
        if _ISSUED_NHS.match(digits):
            return True
        # never issued: only with "NHS" nearby, else a timestamp or a ticket number (session
        # 19: or named right after it, "is 558 204 1168 a valid NHS number?")
        window = text[max(0, result.start - 60) : result.start].lower()
        after = text[result.end : result.end + 24].lower()
        return any(word in window for word in self.context) or "nhs" in after


class FrNirRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="FR_NIR",
            name="FrNirRecognizer",
            patterns=[
                Pattern(
                    "NIR",
                    r"\b[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[ABab]) ?\d{3} ?\d{3}"
                    r" ?\d{2}\b",
                    0.3,
                )
            ],
            # round 23: the everyday word ("le numéro de sécu de mon père ... : 1 47 ..."),
            # and the whole sentence: the number comes after what it is for
            context=[
                "sécurité sociale",
                "securite sociale",
                "nir",
                "insee",
                "carte vitale",
                "sécu",
                "secu ",
                "assurance maladie",
                "ameli",
            ],
        )

    context_window = 120

    def validate_result(self, pattern_text: str) -> bool | None:
        """A right key makes it certain; a wrong one (a typo, an invented example) leaves the
        weak score, which a context word lifts over the threshold."""
        raw = re.sub(r"\s", "", pattern_text).upper()
        body, key = raw[:13], raw[13:]
        # Corsica: 2A counts as 19, 2B as 18, in the key's computation
        number = (
            int(body.replace("2A", "19", 1).replace("2B", "18", 1))
            if body[5:7] in ("2A", "2B")
            else int(body)
        )
        return True if 97 - number % 97 == int(key) else None


# From a line's name up to its number: a few words, no digit, no sentence's end, and not a call
# from a number to the desk ("he's been ringing the front desk from 07...").
_UP_TO_NUMBER = r"(?:(?!\b(?:from|von|depuis|desde|da|vanaf)\b)[^\n\d.!?]){0,40}$"
# A company's line named just before the number: "customer service number 030 2970".
# Also a desk or line every organisation has ("the hotel's front desk is ...", "our company
# switchboard, ...", "le numéro de l'accueil ...", "Sales: ..."), a compound's end ("Kundenhotline")
# and the organisation named between ("Le service client d'EDF, c'est bien le ...").
# Since round 17 also a desk ("helpdesk", "service desk") and the freephone names of the other
# languages ("numéro vert", "numero verde").
BUSINESS_LINE_BEFORE = re.compile(
    r"(?:\b(?:customer (?:service|services|support|care|line)|helpline|support line|service line|"
    r"support number|sales line|sales number|front desk|switchboard|help-?desk|service desk|"
    r"num[ée]ro vert|numero verde|n[úu]mero gratuito|sav|service apr[èe]s-vente|"
    r"kundenservice|kundendienst|servicenummer|zentrale|service client|service clients|"
    r"(?:le|notre|votre|du|un|son|leur) standard|accueil|atención al cliente|centralita|"
    r"servizio clienti|"
    r"centralino|"
    # round 24: "le numéro du support de notre éditeur est le 01 ...", "support technique"
    r"num[ée]ro (?:du |de |de la )?support|support (?:technique|client)|"
    # round 25: an office's desk ("das Sekretariat der Grundschule ist unter", "le secrétariat
    # du collège", "call the main line", "l'assistance de notre logiciel", "Support for our
    # payroll software is")
    r"sekretariat|secr[ée]tariat|secretar[íi]a|segreteria|secretariaat|main line|"
    r"l['’]assistance|support for|"
    # round 26: a venue's or a restaurant's booking line ("lists its events line as",
    # "Reservierungsnummer", "il numero ... per le prenotazioni")
    r"events? line|reservierungs\w*|prenotazion[ei]|"
    # round 64: a supplier's credit control ("call our credit control line on")
    r"credit control|"
    # round 68: a breakdown or an assistance service ("ADAC-Pannenhilfe ist 089 ...", "Le
    # numéro d'assistance de mon assureur est le 09 ...")
    r"pannenhilfe|pannendienst|breakdown (?:service|line|cover|number)|dépannage|"
    r"num[ée]ro d['’]assistance|assistance routière|asistencia en carretera|soccorso stradale|"
    r"wegenwacht|"
    # round 28: a club's or an association's office ("Die Geschäftsstelle vom Kreissportbund ist
    # unter ...")
    r"gesch(?:ä|ae)ftsstelle|"
    # round 93: a freephone line by its name, and a business's own office ("Flyer ...,
    # Büro: 030 ...", "bureau : 02 ...", "Ons kantoor is bereikbaar op", "teléfono gratuito
    # 900 ..."; not the writer's, "my office: ...")
    r"freephone|toll-?free|gebührenfrei|num[ée]ro gratuit|numero gratuito|tel[ée]fono gratuito|"
    r"gratis nummer|(?:unser(?:e|em)?|notre|nuestra|il nostro|ons|our)\s+(?:büro|bureau|"
    r"kantoor|oficina|ufficio|office)|"
    r"(?<!\bmy\s)(?<!\bmein\s)(?<!\bmon\s)(?<!\bmijn\s)(?:büro|bureau|kantoor|oficina|ufficio|"
    r"office)(?=\s*:)|"
    r"klantenservice)\b|hotline\b|\b(?:sales|support)\s*:)"
    + _UP_TO_NUMBER
    # round 23: the line of an organisation named right after it ("Die Hotline von Condor 069
    # ...", "the helpline of the council"): "von" there is whose line, not where a call is from
    + r"|(?:hotline|\bhelpline|\bkundenservice|\bkundendienst|\bservice client)\s+"
    r"(?:von|vom|der|des|of|de|du|d['’]|del|della|di|van)\s+" + _UP_TO_NUMBER,
    re.IGNORECASE,
)
# Round 95: a business's customer services as a label, its address between, on the number's
# line ("Our wholesaler's customer services: New Covent Garden Market, London SW8 5EE, 020 ...").
SERVICES_LABEL_BEFORE = re.compile(
    r"\b(?:customer services?|kundenservice|kundendienst|service client|servicio al cliente)"
    r"\s*:[^\n!?]{0,100}$",
    re.IGNORECASE,
)
# Round 23: a desk's line named after the number ("is 0345 600 7788 really the gym's
# membership helpline?"), in the same clause.
ORGANISATION_LINE_AFTER = re.compile(
    r"[^\n\d.!?]{0,40}\b(?:helpline|hotline|customer service|service line|switchboard|"
    r"freephone|servicenummer|kundenservice|num[ée]ro vert|service client|"
    # round 26: "ha il numero 02 8736 4410 per le prenotazioni", "for bookings"
    r"per le prenotazioni|for (?:bookings|reservations)|pour (?:les )?réservations?|"
    r"para (?:reservas|reservar)|für reservierungen)\b"
    # round 24: said to be a company's number ("0345 ..., which is the Barclays number")
    r"|[^\n\d.!?]{0,20}\b(?:which|that)(?: is|['’]s) the (?-i:(?:[A-Z][\w&'’-]*\s){1,3})"
    r"(?:number|line|phone number)\b",
    re.IGNORECASE,
)
_ORGANISATION = (
    r"(?:airline|bank|company|practice|surgery|clinic|hospital|hotel|shop|store|restaurant|"
    r"school|council|insurer|supplier|garage|agency|pharmacy|firm|dealer|operator|provider|"
    r"centre|center|office|site office|letting agent|utility|water company|energy company|"
    # round 21: the other languages' ("den Hausmeisterservice anrufen:", "le fournisseur
    # d'énergie est joignable au")
    r"hausverwaltung|hausmeisterservice|stadtwerke|gemeinde|rathaus|versicherung|krankenkasse|"
    r"fournisseur|mairie|syndic|agence|banque|assurance|mutuelle|ayuntamiento|compañía|"
    r"comune|gemeente|"
    # round 63: an authority, a society in German, a box office ("Our local authority adoption
    # line is", "der Deutschen Alzheimer Gesellschaft hat die Nummer", "La billetterie de la
    # Philharmonie de Paris répond au")
    r"authority|\w*gesellschaft|\w*verband|\w*verein|\w*stiftung|billetterie|box office|"
    r"biglietteria|"
    # round 64: a warehouse, a depot, a co-operative ("the warehouse's phone is")
    r"warehouse|depot|co-?op|"
    # round 62: a club, a society, an institution or a public place ("the club's number is",
    # "the observatory's line")
    r"club|society|association|charity|foundation|institute|university|college|hospice|trust|"
    r"federation|observatory|museum|library|insurance company|"
    # round 76: a village's or a church's hall, a post office, a town hall's department ("the
    # village hall line is", "the post office's number", "l'ufficio tecnico del comune risponde
    # allo"; not a house's "hall phone")
    r"village hall|church hall|parish hall|community hall|post office|ufficio|"
    r"service technique|"
    # round 104: a venue, an arena ("the venue's emergency number", "the arena's line")
    r"venue|arena)"
)
# A company's legal form (case-sensitive: "AG", not "ag"), shared with the address rules'
# (pii_address._LEGAL_FORM) own list: "Müller & Söhne GmbH", "Tauchshop Blauwasser GmbH".
# (the ones written with their dots: no word boundary follows their last dot, so a pattern
# ends them with "(?!\w)"; pii_name_cues.LEGAL_FORM_AFTER reads them after a name)
DOTTED_LEGAL_FORMS = r"S\.L\.|S\.A\.|S\.r\.l\.|S\.p\.A\.|B\.V\.|N\.V\."
LEGAL_FORMS = (
    r"GmbH|AG|KG|UG|Ltd|LLC|Inc|PLC|LLP|SARL|SAS|SCI|" + DOTTED_LEGAL_FORMS + r"|"
    # round 71: without their dots ("Brillo Cristales SL", "Vetri Chiari Srl", "Helder
    # Glasbewassing BV"), a French one-person company, a German partnership
    r"SL|SLU|Srl|SRL|SpA|BV|EURL|Sàrl|GbR|"
    # round 92: the British public company as it writes itself ("Harbour Estates plc")
    r"plc|Plc"
)
# Premises that are a business's or a public service's, named before its phone number in the
# same sentence (ORGANISATION_LINE_BEFORE) or before its address (pii_address._BUSINESS_NOUN),
# rounds 63-64: a harbour's office, a school's office, a Spanish bakery, a care home, a
# co-operative, a parcel shop, a depot ("La capitainerie est au 1 quai ..., tél. 02 ...",
# "EHPAD Les Tilleuls, 5 avenue ...").
PREMISES = (
    r"marina|capitainerie|havenkantoor|harbou?r office|harbou?r master|porto turistico|"
    r"oficina del puerto|chandlery|scolarité|horno|care home|nursing home|ehpad|co-?op|"
    r"coopérative|cooperativa|genossenschaft|point relais|depot|"
    # round 67: a hairdresser's salon ("Unser Salon: Hauptstraße 12, ..., Tel.", "Nuestro salón:")
    r"salon|salón|salone|kapsalon|friseursalon|friseur|coiffeur|coiffure|peluquería|"
    r"parrucchiere|"
    # round 68: a dealer, a workshop, a campsite, an inn, a physiotherapist's ("Le
    # concessionnaire Moto Passion, 45 avenue ...", "El taller Motos Guadalquivir, avenida ...",
    # "Gasthof Zur Post, Marktplatz 3", "Harbourside Physiotherapy, 14 Quay Street, ... phone")
    r"concessionnaire|concesionario|concessionario|dealership|taller|camping|campsite|gasthof|"
    r"gasthaus|physiotherapy|physiotherapie|kinésithérapie|fisioterapia|fysiotherapie|"
    # round 73: a supplier or a wholesaler, a shop that German names a house ("Our supplier is
    # Nailsmith Wholesale, 14 Canal Street", "Onze leverancier is ...", "Das Sanitätshaus in der
    # Hauptstraße 12", "Pianohaus Keller, Hauptstraße 44")
    r"suppliers?|lieferant(?:en)?|fournisseurs?|proveedor(?:es)?|fornitor[ei]|leveranciers?|"
    r"wholesale|wholesalers?|distributors?|distribution|gro(?:ß|ss)handel|groothandel|"
    r"distributeur|distribuidora?|distributore|sanitätshaus|pianohaus|musikhaus|autohaus|"
    r"kaufhaus|möbelhaus|modehaus|reformhaus|brauhaus|wirtshaus|warenhaus|einrichtungshaus|"
    r"fachgeschäft|fachhandel|"
    # round 74: an Italian wholesaler, a German trade business by its word ("Il nostro grossista
    # è in via ...", "Schornsteinfegerbetrieb, Gewerbestraße 12", "Elektromeisterbetrieb")
    r"grossista|\w*betrieb|"
    # round 77: a pharmacy, a dealer in German, a home-care service, a workshop and an
    # upholsterer in the other languages ("the pharmacy at 120 Oxford Street", "Der
    # Getränkehändler Getränke Kühn, Industriestraße 12", "Die Sozialstation am Marktplatz 3",
    # "Il nostro laboratorio: Tappezzeria Navigli, Via ...", "Onze werkplaats: ...")
    r"pharmacy|pharmacie|farmacia|apotheke|apotheek|chemist|\w*händler|sozialstation|"
    r"pflegedienst|laboratorio|werkplaats|tapicería|tappezzeria|stoffeerderij|polsterei"
)
# Round 17: an organisation named as the number's owner ("the airline's number is", "the
# practice number"), a line by what it is for ("the leisure centre's booking line is"), an
# organisation called on its number ("I called the insurer on 0345 ..."). Unlike the desks above
# these are said of a sole trader's mobile too ("our supplier's number is +33 6 ..."): the
# scanner drops only numbers that are no mobile (``pii._not_a_persons_phone``).
ORGANISATION_LINE_BEFORE = re.compile(
    # (round 62: or the line for what it handles, "our insurer's claims line is"; round 63: a
    # word between, "our local authority adoption line is")
    # (round 76: two words between, "the council pest control number is")
    rf"(?:\b{_ORGANISATION}(?:['’]s)? (?:\w+ ){{0,2}}"
    r"(?:main |phone |contact |landline |claims |support |help "
    r"|emergency |fax |sales |general |direct |enquiries |customer service |out-of-hours )?"
    r"(?:number|line|phone)|"
    r"\b(?:booking|bookings|enquiry|enquiries|reservations?|appointments?|ticket|tickets) "
    r"(?:line|number|hotline)|"
    # a business's own line, said by it or of it ("our office line is", "their office line")
    r"\b(?:our|their|its) (?:office|main|shop|reception|business|company) (?:line|number|phone)|"
    # (round 68: an organisation by its acronym after the number's word, "Le numéro de la DGFiP
    # pour les particuliers, c'est bien le", "el teléfono ANAR")
    r"\b(?:num[ée]ro|nummer|número|numero|number|teléfono|telefono|téléphone|telefon|phone)\s+"
    # (an article between, not "de" alone: "mon numéro de GSM" is the writer's mobile)
    r"(?:(?:de la|de l['’]|du|des|der|vom|von der|of the|del|della|van de|van het)\s+)?"
    r"(?-i:[A-Z]{2,}[A-Za-z]*[A-Z])\b|"
    # (round 67: "my studio's business line is")
    r"\b(?:business|office) (?:line|landline))"
    + _UP_TO_NUMBER
    + rf"|\b(?:called|rang|phoned|call|ring|phone|contact|contacted) the {_ORGANISATION} "
    r"(?:on|at)\s*$"
    # round 94: a business's team or department where it answers ("Our accounts team can be
    # reached on 01482 ...", "the sales department is on")
    r"|\b(?:our|their|the|its) (?:accounts|sales|support|customer services?|service|billing|"
    r"bookings?|reservations|orders|dispatch|technical|admin|trade|credit control|purchasing) "
    r"(?:team|department|dept|desk)\b[^\n\d.!?]{0,30}\b(?:on|at|is|are|via)\s*:?\s*$"
    # round 96: a business's number by its word in German and French ("Unsere Geschäftsnummer
    # ist", "Numéro de la boutique :")
    r"|\b(?:geschäftsnummer|firmennummer|büronummer|ladennummer|geschäftstelefon|firmentelefon)"
    r"\b[^\n\d.!?]{0,20}$"
    r"|\bnum[ée]ro (?:de la boutique|du magasin|de l['’]entreprise|du bureau|de la société|"
    r"professionnel|pro)\b[^\n\d.!?]{0,20}$"
    # round 21: an organisation's line by what it says or where it answers ("the council says
    # ring 0300 ...", "questions to the site office on 020 ...", "den Hausmeisterservice
    # anrufen: 0221 ...", "le fournisseur d'énergie est joignable au 09 ..."), and a company
    # named before "number" ("is the Virgin Media number 0345 ...")
    # (not someone "at the office on", "from the council at": a person's line there)
    + r"|(?<!\bfrom )(?<!\bat )(?<!\bof )(?<!\bvon )(?<!\bbei )(?<!\bfrom the )"
    + rf"\b(?:the|to|den|die|der|dem|vom|le|la|l['’]|du|el|del|il|het|de) ?(?:\w+ ){{0,2}}"
    rf"{_ORGANISATION}(?:['’]s)?\b[^\n\d.!?]{{0,30}}"
    r"\b(?:says|said|on|at|ring|call|phone|anrufen|unter|erreichbar|joignable|au|al|allo|op|"
    # round 63: "la mairie, service espaces verts, est le", "répond au", "hat die Nummer"
    r"est le|c['’]est le|hat die nummer)\s*:?\s*$"
    r"|\bthe (?-i:(?:[A-Z][\w&'’-]*\s){1,3})(?:number|line|phone number)\s*$"
    # round 62: "the Royal Observatory Greenwich phone is"
    # (round 64: "and", "of", "for" between the capitalised words, "The NHS Blood and
    # Transplant line is")
    r"|\bthe (?-i:[A-Z][\w&'’-]*\s(?:(?:(?:and|of|for|&)\s)?[A-Z][\w&'’-]*\s){1,4})"
    r"(?:phone|number|line|phone number)\s+(?:is|was)\s*$"
    # round 26: a practice's, a clinic's or a venue's number after its address, in the same
    # sentence ("Harbourside Veterinary Centre, 14 Harbour Street, Whitby YO21 3PU, 01947 ...")
    r"|\b(?:veterinary|vets?|tierklinik|tierarzt\w*|clinique|clínica|clinica|\w*kliniek|"
    r"dierenarts|hotel|venue|restaurant|practice|praxis|cabinet|"
    # rounds 63-64: PREMISES; a club's or a box office, a bakery or a shop, a clinic, a
    # physiotherapist's, a warehouse ("Unsere Filiale: Bäckerei Morgenrot, Hauptstraße 12, ...,
    # Tel. 0761 ...", "Riverside Sports Injury Clinic, 40 Harbour Street, ..., tel 0117 ...")
    + PREMISES
    + r"|club office|box office|billetterie|biglietteria|taquilla|bakery|boulangerie|bäckerei|"
    r"bakkerij|panadería|filiale|magasin|clinic|\w*praxis|kiné|warehouse|"
    # round 65: a dive centre, school or shop ("Le centre de plongée Les Calanques, tél.",
    # "Tauchbasis", "Tauchshop"), a company by its legal form ("Tauchshop Blauwasser GmbH,
    # Hauptstraße 12, ..., Tel.")
    r"centre de plongée|tauch\w+|dive (?:centre|center|shop|school)|"
    # (round 73: not "\b" after a form that ends in a dot, "Nagel Groothandel B.V., ...")
    rf"(?-i:{LEGAL_FORMS}))(?!\w)"
    r"(?:[^\n.!?]|\.(?!\s+[A-Z])){0,120}$",
    re.IGNORECASE,
)
