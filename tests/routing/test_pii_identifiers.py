"""Identifiers and numbers: the kinds Presidio misses, and the look-alikes it over-reads.

Examples written for each class (none from the corpora); the scanner is the real one.
"""

from __future__ import annotations

import pytest

from routing_mcp.pii import PiiScanner

RULES_ONLY = True  # the scanner fixture: what the rules alone find (conftest.py)


@pytest.mark.parametrize(
    ("prompt", "entity", "value"),
    [
        ("Charge it to 2720 9900 0000 0007 please", "CREDIT_CARD", "2720 9900 0000 0007"),
        # round 15: a Luhn-valid card in four groups outside the issuers' ranges, named a card
        # in the sentence before it; a person's number after a desk word further back, a mobile
        # in international form (not card-shaped: three groups after the country code)
        (
            "the old debit card my dad keeps in the drawer, the one from the credit union: "
            "5712 3400 8812 6634, can I shred it?",
            "CREDIT_CARD",
            "5712 3400 8812 6634",
        ),
        (
            "Ma carte bancaire 8800 1234 5678 9010 a été avalée par le distributeur",
            "CREDIT_CARD",
            "8800 1234 5678 9010",
        ),
        ("met her at the front desk. Her mobile: 07911 402 883", "PHONE_NUMBER", "07911 402 883"),
        # round 17: whoever did it, in a log or a comment; a one-word handle of an initial and a
        # surname; a realm after a log-in name; a short name after a room in an entity id; a
        # desk's word in a person's address at a mail service, or after a given name
        ("the nightly job was triggered by hkowalczyk at 03:00", "PERSON", "hkowalczyk"),
        ("# autor: tbergstrom, bitte nicht anfassen", "PERSON", "tbergstrom"),
        ("@jvanderberg kannst du den PR nochmal ansehen?", "PERSON", "jvanderberg"),
        ("PVE sagt: user ewozniak@pve has no permission", "PERSON", "ewozniak"),
        ("light.chambre_leo reste allumée la nuit", "PERSON", "leo"),
        (
            "reply to dnkosi.lettings@gmail.com about the deposit",
            "EMAIL_ADDRESS",
            "dnkosi.lettings@gmail.com",
        ),
        (
            "my sister's shop mail is clara.sales@woolandloom.co.uk",
            "EMAIL_ADDRESS",
            "clara.sales@woolandloom.co.uk",
        ),
        (
            "hello@margotlefevre.fr is her portfolio contact",
            "EMAIL_ADDRESS",
            "hello@margotlefevre.fr",
        ),
        ("Notfallnummer der Oma: 0711 4482 913", "PHONE_NUMBER", "0711 4482 913"),
        # round 18: a lower-case title before a double surname, a trade before a lower-case
        # given name, a sole trader's mobile though "their office line" names a business
        ("Geschenkidee für frau brandt-yilmaz zum Abschied?", "PERSON", "frau brandt-yilmaz"),
        ("our plumber kwame sorted the leak in an hour", "PERSON", "kwame"),
        # round 19: a relative's title before a name in a device's name, someone's own thing
        # after "'s" in lower case
        ("DHCP lease for Grandpa-Bill-Tablet keeps expiring", "PERSON", "Bill"),
        ("Tendai's collection of scans is 300 GB now", "PERSON", "Tendai"),
        # round 20: whose a household's thing is, in any compound or file name: after a
        # relative's title, a family's or a room's word, a person's desk or plug, a printer;
        # a surname beside a device; a club's officer before a name the lists lack
        ("Jellyfin user nana_joan can't see the new films", "PERSON", "nana_joan"),
        ("backup job for nas-share-famille-lemoine failed twice", "PERSON", "lemoine"),
        ("the ESPHome node kinderzimmer-leonie drops off wifi", "PERSON", "leonie"),
        ("switch.tariq_desk draws 90 W at night", "PERSON", "tariq"),
        ("who can read notes_sandra_kowalczyk.docx on the share?", "PERSON", "sandra_kowalczyk"),
        ("drucker-buero-helmut is offline again", "PERSON", "helmut"),
        ("Tablet-Okonkwo won't charge past 80 %", "PERSON", "Okonkwo"),
        ("notre trésorière Maëlys Guivarc'h gère les cotisations", "PERSON", "Maëlys Guivarc'h"),
        ("la coiffeuse anaïs m'a fait une coupe ratée", "PERSON", "anaïs"),
        # round 21: school roles before a lower-case name, a child by its age, a class after
        # the role word; an id before its name
        ("meine nachhilfeschülerin lotte braucht Hilfe bei Brüchen", "PERSON", "lotte"),
        ("la mia alunna beatrice ha la dislessia, come la aiuto", "PERSON", "beatrice"),
        ("my 10 year old tendai loves maths", "PERSON", "tendai"),
        ("un élève de 4e, Yanis, refuse de rendre ses devoirs", "PERSON", "Yanis"),
        ("ist LX4R72K19 mein Reisepass oder die Seriennummer?", "ID_NUMBER", "LX4R72K19"),
        # (round 79: the passport's number with a hyphen, "Pass-Nummer")
        ("die Pass-Nummer L7T4Z9K21 passt nicht ins Formular", "ID_NUMBER", "L7T4Z9K21"),
        # (round 80: a health card by its name)
        (
            "the health card for my mother shows 5521-904-318-KT, valid?",
            "ID_NUMBER",
            "5521-904-318-KT",
        ),
        # round 22: "Fam." as a title, a mentor, a folder per person's data
        ("Etiketten für Fam. Wojciechowski drucken", "PERSON", "Fam. Wojciechowski"),
        ("my mentor Oyelaran suggested I apply", "PERSON", "Oyelaran"),
        ("rsync -a /mnt/fotos/henrike/ /backup/", "PERSON", "henrike"),
        ("their office line is 07825 331 904, a mobile", "PHONE_NUMBER", "07825 331 904"),
        ("ring my cousin at the office on 0113 496 0820", "PHONE_NUMBER", "0113 496 0820"),
        ("ruf ihn an unter 0049 1511 2345 678", "PHONE_NUMBER", "0049 1511 2345 678"),
        ("he keeps ringing the front desk from 07392 118 405", "PHONE_NUMBER", "07392 118 405"),
        # round 23: a booking's name in lower case with an initial, a double surname after "au
        # nom de", a landlady's or landlord's name in Spanish and Dutch, a grandparent's name in
        # an entity id, a French social security number (wrong key) named by its everyday word
        # a sentence before
        ("the table is booked in name of r. okonkwo for eight people", "PERSON", "r. okonkwo"),
        ("la réservation est au nom de Benali-Fontaine, deux nuits", "PERSON", "Benali-Fontaine"),
        ("la propietaria Maripili dice que el lunes viene el fontanero", "PERSON", "Maripili"),
        ("de verhuurder Joop wil de huur verhogen", "PERSON", "Joop"),
        ("automation: turn on light.granddad_ray_reading when he gets home", "PERSON", "ray"),
        (
            "le numéro de sécu de ma mère, pour la clinique et pour la mutuelle aussi : "
            "2 61 08 13 055 117 42",
            "FR_NIR",
            "2 61 08 13 055 117 42",
        ),
        # round 24: a surname that is also a word after a lower-case title, a number that
        # called or wrote, a person then the name in apposition, a greeting's "its <name>" in
        # lower case, German's article before a given name, what only a person has after "'s",
        # a mention ending in an underscore
        ("schreib herrn fischer wegen dem Dach eine Mail", "PERSON", "herrn fischer"),
        ("Hoy me llamó el 655 31 28 47 y no sé quién es", "PHONE_NUMBER", "655 31 28 47"),
        ("me mandaron un SMS del 688 40 17 29 con un enlace raro", "PHONE_NUMBER", "688 40 17 29"),
        ("we got a quote from a local bloke, Bill Rush, who seemed keen", "PERSON", "Bill Rush"),
        ("she texted 'hi its oluwaseun, running late'", "PERSON", "oluwaseun"),
        ("ich hab der ilka gesagt, dass sie den Schlüssel behalten kann", "PERSON", "ilka"),
        ("is it weird that Dale's birthday party is on a Monday?", "PERSON", "Dale"),
        ("tag @marta.kowalczyk_ in the group photo", "PERSON", "marta.kowalczyk"),
        # round 25: names before a score, an application's failed log-in, a birthday without
        # its year said of a birth, "my name's" before a famous name, a UK driving licence by
        # its format alone
        ("grades for the report: Tunde 8.5, Marisol 7.0, Jaroslav 9.1", "PERSON", "Tunde"),
        (
            "the Nextcloud log says 'Login failed: henrike (Remote IP: 10.0.0.7)', is that her?",
            "PERSON",
            "henrike",
        ),
        ("our son was born on 14 March, what goes on the card?", "DATE_OF_BIRTH", "14 March"),
        # round 57: a birth on a feast day of a given year
        (
            "grandad was born on New Year's Eve 1944, plan his party",
            "DATE_OF_BIRTH",
            "New Year's Eve 1944",
        ),
        ("need a CV summary, my name's Emma Watson and I've done retail", "PERSON", "Emma Watson"),
        (
            "scan of my card: HARRI711129JD9AB, valid to 01/2031",
            "UK_DRIVING_LICENCE",
            "HARRI711129JD9AB",
        ),
        # round 26: a title before a surname in an id, a booking "under" a surname, a pasted
        # chat's speaker
        ("automation for the camera zone 'mr_okonjo_gate' keeps firing", "PERSON", "okonjo"),
        ("Table for four under Szymanski at 8pm, please confirm by text", "PERSON", "Szymanski"),
        (
            "summarise this:\nanja.k: who took my charger\nanja.k: it was on my desk",
            "PERSON",
            "anja.k",
        ),
        # round 28: an English pet name made with "-ie" as a log-in, a Gaelic surname by its
        # prefix, someone "and I", a lower-case name in brackets after who it is, a name in an
        # MQTT topic's level and in a broker's client id, the writer's own id given further on
        # (a National Insurance number whose prefix is no issued one, too)
        ("Failed password for greggie from 81.2.69.160 port 4222 ssh2", "PERSON", "greggie"),
        ("ask Fergie MacAskill for the spare key", "PERSON", "Fergie MacAskill"),
        ("Yuzuki and I are moving in March, what do I do with the router?", "PERSON", "Yuzuki"),
        ("the tiler (dariusz) quoted 900 for the bathroom, fair?", "PERSON", "dariusz"),
        (
            "zigbee2mqtt publishes to home/bedroom_maximilian/humidity, how do I graph it?",
            "PERSON",
            "maximilian",
        ),
        ("1717171717: Client esp32_ingrid has exceeded timeout", "PERSON", "esp32_ingrid"),
        (
            "I need to update my passport number in the airline app. It keeps rejecting what I "
            "type, which is 533870214.",
            "ID_NUMBER",
            "533870214",
        ),
        (
            "Does my national insurance number go on the rental form? For the record it's TQ 18 "
            "44 90 B",
            "ID_NUMBER",
            "TQ 18 44 90 B",
        ),
        # round 29: ringing or celebrating someone, a minister by title, what everyone calls
        # someone, a relative's name that is also a word, initials after a title, whose room,
        # a log-in's feminine form, a URL's user, an access log's user, a VM named for its user
        # and its system, a relative's word glued to a name, the health insurer's number, an
        # id whose owner is said after its name, the writer's own number further on, a message
        # to someone before a colon, an MQTT client connected as
        ("can you ring Ugochukwu tomorrow about the keys", "PERSON", "Ugochukwu"),
        ("we're celebrating Zolani turning 40 on Friday, ideas for the cake?", "PERSON", "Zolani"),
        ("Pfarrer Wojciechowski wants the newsletter as a PDF", "PERSON", "Wojciechowski"),
        (
            "my nephew Bartholomew, though everyone calls him Barty, wants a Minecraft server",
            "PERSON",
            "Barty",
        ),
        ("my niece Saffron wants her own Jellyfin profile", "PERSON", "Saffron"),
        ("Mrs K.L. asked for a copy of the minutes", "PERSON", "Mrs K.L."),
        ("the light in Tamsinne's room keeps flickering", "PERSON", "Tamsinne"),
        ("Benutzerin 'friederike' kann sich nicht bei Nextcloud anmelden", "PERSON", "friederike"),
        (
            "ftp://mkowalczyk:hunter2@nas.lan/ stopped working after the update",
            "PERSON",
            "mkowalczyk",
        ),
        (
            '81.2.69.160 - hfontaine [12/Mar/2025:10:00:00 +0000] "GET /files HTTP/1.1" 200 512',
            "PERSON",
            "hfontaine",
        ),
        ("VM 'sunita-win10' needs more RAM, how do I resize it live?", "PERSON", "sunita"),
        ("Plex user 'omaHildegard' can't log in on the TV", "PERSON", "Hildegard"),
        (
            "Meine Krankenkassennummer ist A123456789, gehört die auf das Formular?",
            "ID_NUMBER",
            "A123456789",
        ),
        (  # round 70: a member's number at a French mutual insurer
            "Pour l'assurance santé, quel est ton numéro d'adhérent ? Le mien c'est 71029384756",
            "ID_NUMBER",
            "71029384756",
        ),
        (  # round 70: a Canadian province's health card
            "my daughter's health card number is 5512-338-901-AB, the pharmacy says invalid",
            "ID_NUMBER",
            "5512-338-901-AB",
        ),
        (  # round 69: the insured's number abbreviated
            "Anmeldung fürs Zeltlager: Barmer, Versichertennr. M731046285, reicht das?",
            "ID_NUMBER",
            "M731046285",
        ),
        (  # round 68: whose it is by their name, then a clause before the number
            "le numéro de passeport de Maëlle pour le voyage de classe en Espagne : 19AB83725",
            "ID_NUMBER",
            "19AB83725",
        ),
        (  # round 67: whose it is in German's genitive, then a clause before the number
            "Versichertennummer meines Sohnes für die Anmeldung beim Zahnarzt: T602554817, passt?",
            "ID_NUMBER",
            "T602554817",
        ),
        (
            "the passport number of my grandfather for the genealogy society's registration form "
            "is 803611472",
            "ID_NUMBER",
            "803611472",
        ),
        (
            "Pon mi número de teléfono en el cartel para que me escriban: 622 41 93 07",
            "PHONE_NUMBER",
            "622 41 93 07",
        ),
        ("text oyelowo: running late, start without me", "PERSON", "oyelowo"),
        (
            "mosquitto: New client connected from 10.0.0.5 as tasmota-agnieszka-lamp (p2, c1)",
            "PERSON",
            "tasmota-agnieszka-lamp",
        ),
        # round 30: a log-in after the next field's word, a residence permit's number and
        # "mine is", German's genitive before an id, a marketplace profile, a birthday written
        # short, initials and a surname beyond ASCII, "sign them as", a seller in brackets,
        # initials after a relation, dating someone, a street named after a market, a message
        # signed after a dash, "im <name>." in lower case
        ("Group folder owner is user tnowakowski, how do I change it?", "PERSON", "tnowakowski"),
        (
            "is the BRP number needed on the tenancy form? mine is RK7205518 if that matters",
            "ID_NUMBER",
            "RK7205518",
        ),
        (
            "Er hat mir ein Bild seines Reisepasses geschickt, Nummer C01X00T47, ist das echt?",
            "ID_NUMBER",
            "C01X00T47",
        ),
        ("im Profil steht 'jolanta_kr_88', sie antwortet nicht", "PERSON", "jolanta_kr_88"),
        ("mum's b-day 03/11/1958, what's a good present", "DATE_OF_BIRTH", "03/11/1958"),
        ("Property of J. Wiśniewska is written inside the lid", "PERSON", "J. Wiśniewska"),
        ("Reply to all of them and sign them as Briar.", "PERSON", "Briar"),
        ("a seller (Hazel) wants cash only, is that a red flag?", "PERSON", "Hazel"),
        ("card for our housemate R.K. who's leaving for Leeds", "PERSON", "R.K."),
        (
            "I've been dating Sage since June, is it too early to meet his parents?",
            "PERSON",
            "Sage",
        ),
        (
            "Meldeadresse ist Heumarkt 7, 50667 Köln, aber ich wohne woanders",
            "LOCATION",
            "Heumarkt 7, 50667 Köln",
        ),
        ("how long does a visa take? Applied 2 March. — Jae-won", "PERSON", "Jae-won"),
        ("hi. im oksana. write a short profile for me", "PERSON", "oksana"),
        # round 31: born somewhere, then when; a one-word street before a UK town and postcode;
        # an initial before an Irish surname; a farmer and a business partner by their word; a
        # child by what the parents call it; a possessive before a room in an entity id; a
        # person's papers named after them; a guest's id in a lock's log
        (
            "our twins were born in the back of a taxi on 04/03/2024, what goes on the form?",
            "DATE_OF_BIRTH",
            "04/03/2024",
        ),
        (
            "please forward the parcel to 14 Broadway, Ludlow SY8 1AB, it's my aunt's",
            "LOCATION",
            "14 Broadway, Ludlow SY8 1AB",
        ),
        (
            "Timesheet says 'Repairs: K. O'Donnell 6 hrs', is that the going rate?",
            "PERSON",
            "K. O'Donnell",
        ),
        ("Was schenkt man Bauer Hinrichsen zum 70. Geburtstag?", "PERSON", "Hinrichsen"),
        (
            "Comment annoncer à mon associée Nafissatou que je quitte la boutique ?",
            "PERSON",
            "Nafissatou",
        ),
        ("is it normal that our boy Cobalt still naps twice?", "PERSON", "Cobalt"),
        ("HA shows 'sensor.amelies_room_humidity' at 80 %, what dehumidifier?", "PERSON", "amelie"),
        ("scan saved as 'desmond_payslip_march.pdf', how do I protect it?", "PERSON", "desmond"),
        ("lock log: 18:40 unlocked (guest: NAKAMURA_T)", "PERSON", "NAKAMURA_T"),
        # round 32: a health plan's member id, the German ID card as people call it, a
        # Raspberry Pi named after its user, a name in capitals with a particle, Dutch "ze heet"
        (
            "the pharmacy wants my health plan member ID, it's K550193877, is that safe?",
            "ID_NUMBER",
            "K550193877",
        ),
        (
            "mein perso (T22000129) ist abgelaufen, kann ich damit noch fliegen?",
            "ID_NUMBER",
            "T22000129",
        ),
        ("ssh: Could not resolve hostname oluwaseun-pi, what now?", "PERSON", "oluwaseun"),
        (
            "The form says 'client: RAFAEL DE SOUSA, 2 adults'. What does the second line mean?",
            "PERSON",
            "RAFAEL DE SOUSA",
        ),
        ("Onze oppas is heel fijn. Ze heet Joke, hoe schrijf ik een referentie?", "PERSON", "Joke"),
        # round 33: a councillor as a title, in lower case too; a local politician by office; an
        # ssh target's user; an admin's account; a family by its surname before a day of its
        # life; a surname in a document's file name; a French log-in id in quotes; a German
        # street after "Hinter der"
        (
            "can you chase cllr adeyemi-cole about the streetlight outside",
            "PERSON",
            "cllr adeyemi-cole",
        ),
        (
            "a summary of what Bürgermeisterin Schwarzkopf said about the new school",
            "PERSON",
            "Schwarzkopf",
        ),
        ("'ssh tomasz@homelab' asks for a password every time, why?", "PERSON", "tomasz"),
        ("my Nextcloud admin is 'a.kowalski' and I forgot the password", "PERSON", "a.kowalski"),
        (
            "lens for the Castellanos family portrait in a small living room?",
            "PERSON",
            "Castellanos",
        ),
        ("rename payslip_Kowalczyk_2025-03.pdf to something neutral", "PERSON", "Kowalczyk"),
        ("mon identifiant 'm.dubreuil' ne marche plus sur le NAS", "PERSON", "m.dubreuil"),
        (
            "Meine Adresse ist Hinter dem Markt 12, 48143 Münster, reicht das?",
            "LOCATION",
            "Hinter dem Markt 12, 48143 Münster",
        ),
        # a national number after its name, its check digit mistyped: still someone's
        ("Mitt personnummer är 19900314-1234, stämmer formatet?", "ID_NUMBER", "19900314-1234"),
        ("my PPS number is 7654321XA, the form rejects it", "ID_NUMBER", "7654321XA"),
        # round 6: India's PAN (upper case, the holder's kind in the fourth letter), Mexico's CURP
        # (its check digit right)
        ("the tax portal rejects my PAN AFZPK7190K, why?", "IN_PAN", "AFZPK7190K"),
        ("mi CURP es GOMC921106MJCNRR04 y no me deja entrar", "MX_CURP", "GOMC921106MJCNRR04"),
        # round 8: Switzerland's AHV number (EAN-13 check), Belgium's national register number
        ("meine AHV-Nummer ist 756.3047.5009.62, stimmt das Format?", "CH_AHV", "756.3047.5009.62"),
        (
            "mon numéro national : 90.02.01-997.04, c'est correct ?",
            "BE_NATIONAL_NUMBER",
            "90.02.01-997.04",
        ),
        # round 10: Canada's SIN and Australia's TFN after their names (one number in ten or
        # eleven passes the check), Ireland's PPSN, Germany's pension insurance number, Brazil's CPF
        ("my new employer wants my SIN by text: 312 940 760, normal?", "CA_SIN", "312 940 760"),
        ("on me demande mon NAS, c'est 312-940-760", "CA_SIN", "312-940-760"),
        ("the form wants my TFN, it is 876 123 409", "AU_TFN", "876 123 409"),
        ("her PPS number is 2470316U, does she need a card?", "IE_PPSN", "2470316U"),
        ("meine Rentenversicherungsnummer: 12 150376 M 046", "DE_RVNR", "12 150376 M 046"),
        ("o consulado pede meu CPF 529.982.247-25", "BR_CPF", "529.982.247-25"),
        # round 10: birth dates in more forms: year first with slashes, a key of a JSON record, a
        # form's "Né le :", a death notice's star, a GEDCOM birth event, "born" further on
        ("my card shows birth date 1983/12/09, wrong", "DATE_OF_BIRTH", "1983/12/09"),
        ('{"nom": "X", "date_naissance": "1992-03-17"}', "DATE_OF_BIRTH", "1992-03-17"),
        ("Nom : Martin\nNé le : 12/04/2012", "DATE_OF_BIRTH", "12/04/2012"),
        ("Wir trauern um Erna Vogt, * 4. März 1938 † 2. Mai 2026", "DATE_OF_BIRTH", "4. März 1938"),
        ("0 @I1@ INDI\n1 BIRT\n2 DATE 14 APR 1902\n2 PLAC Leeds", "DATE_OF_BIRTH", "14 APR 1902"),
        (
            "she was born during a storm in Leeds, 9th of October 1996, and",
            "DATE_OF_BIRTH",
            "9th of October 1996",
        ),
        ("class birthdays: Ama 12 Feb, Kai 3 Jul, Liam 28 Oct", "DATE_OF_BIRTH", "3 Jul"),
        # round 11: year first with dots, a month's abbreviation between dashes before its name
        ("our baby was born 2023.07.14, her age?", "DATE_OF_BIRTH", "2023.07.14"),
        ("A2 has 07-Apr-1969 (my mum's date of birth)", "DATE_OF_BIRTH", "07-Apr-1969"),
        # round 12: a German tax id as the tax office groups it, anywhere (its check)
        ("die nummer ist 47 156 839 220, elster sagt fehler", "DE_TAX_ID", "47 156 839 220"),
        # a wrong key counts after its name; a right one anywhere
        ("N° de sécurité sociale : 2 91 03 75 116 052 42", "FR_NIR", "2 91 03 75 116 052 42"),
        ("numéro 2910375116052 20 sur la carte", "FR_NIR", "2910375116052 20"),
        ("Patient NHS number 123 456 7881 needs a letter", "UK_NHS", "123 456 7881"),
        ("Ich wurde am 12. Mai 1990 geboren", "DATE_OF_BIRTH", "12. Mai 1990"),
        # dates of birth in every phrasing of the six languages
        (
            "Born on the 3rd of March 1988, what's my star sign?",
            "DATE_OF_BIRTH",
            "3rd of March 1988",
        ),
        ("DOB: 1979-11-30, please fill the form", "DATE_OF_BIRTH", "1979-11-30"),
        ("patient d.o.b. 04/07/1969 needs a reminder", "DATE_OF_BIRTH", "04/07/1969"),
        ("Herr Keller, geb. 14.02.1956, wohnt in Köln", "DATE_OF_BIRTH", "14.02.1956"),
        ("Ma sœur est née le 8 août 1993", "DATE_OF_BIRTH", "8 août 1993"),
        ("mi hija nació el 2 de junio de 2011", "DATE_OF_BIRTH", "2 de junio de 2011"),
        ("mio figlio è nato il 15 maggio 2015", "DATE_OF_BIRTH", "15 maggio 2015"),
        ("mijn zoon is geboren op 21-09-2012", "DATE_OF_BIRTH", "21-09-2012"),
        (
            "Agent: and your date of birth?\nCustomer: 3 Elm Row. 03.04.1962",
            "DATE_OF_BIRTH",
            "03.04.1962",
        ),
        # round 34: an access log's user whatever the name, a Nextcloud user's WebDAV folder, a
        # URL's user parameter, a player in a game server's log, a player's sheet, families in
        # French and German, a German genitive, a group's organiser, an admin account after its
        # owner, Paperless's folder of a person's scans
        (
            '10.0.0.5 - rbaker [02/Dec/2026:10:11:12 +0000] "GET /photos HTTP/1.1" 200',
            "PERSON",
            "rbaker",
        ),
        ("PROPPATCH /remote.php/dav/files/hwalker/Notes.md fails with 423", "PERSON", "hwalker"),
        ("the share link is https://photos.example.net/view?user=tamsin&a=12", "PERSON", "tamsin"),
        ("[12:00:01] [Server thread/INFO]: ingrid_k left the game", "PERSON", "ingrid_k"),
        ("Spieler: Oksana Hrytsenko\nKlasse: Magierin\nStufe: 4", "PERSON", "Oksana Hrytsenko"),
        ("on est invités chez les Marchetti vendredi, idée de dessert ?", "PERSON", "Marchetti"),
        ("Wir sind heute bei Kowalskis eingeladen, was bringt man mit?", "PERSON", "Kowalskis"),
        ("Heute ist Friederikes Einschulung, was schenkt man?", "PERSON", "Friederike"),
        ("our book club organiser is Philippa and she never replies", "PERSON", "Philippa"),
        ("Jellyfin shows two accounts, admin_ottilie and kids", "PERSON", "ottilie"),
        (
            "paperless ignores /opt/paperless/consume/benedikt/ since the update",
            "PERSON",
            "benedikt",
        ),
        # round 35: the name a card prints, a vicar by the title, a shop log's customer, someone
        # by what they did to the writer, a pupil, Belgian order with a four-digit postcode, a UK
        # address in lower case before its postcode
        ("name on the card: PRIYA K RAMAN, expiry 03/28", "PERSON", "PRIYA K RAMAN"),
        ("please send the receipt to Revd Abernethy-Clarke", "PERSON", "Revd Abernethy-Clarke"),
        ("order 5512 shipped cust=m.okafor status=OK", "PERSON", "m.okafor"),
        (
            "we were helped by Marisol at the till, can you write a nice review?",
            "PERSON",
            "Marisol",
        ),
        (
            "Envoie le colis à Avenue Louise 231, 1050 Bruxelles stp",
            "LOCATION",
            "Avenue Louise 231, 1050 Bruxelles",
        ),
        ("ship to 42 marlowe rd, reading rg1 4ab please", "LOCATION", "42 marlowe rd"),
        # round 36: a name field in capitals, a Dutch transfer's payee, a handle asked about, a
        # Polish grandmother and a surname-only name after a grandfather in entity ids
        ("Name of the account holder: ROSALIND M OYELARAN", "PERSON", "ROSALIND M OYELARAN"),
        ("Betaling aan de verhuurder t.n.v. J. van Dijk graag vandaag", "PERSON", "J. van Dijk"),
        ("who is 'marta.k' in the Grafana audit log?", "PERSON", "marta.k"),
        ("light.babcia_halina stays on all night", "PERSON", "halina"),
        ("sensor.opa_dekker_temperature shows 14 degrees", "PERSON", "dekker"),
        # session 19: the card's holder in title case, not only in capitals
        ("name on card Rose Achterberg, exp 04/29", "PERSON", "Rose Achterberg"),
        ("the name on the card is Amber Thistlewood", "PERSON", "Amber Thistlewood"),
        # session 19 (round 39): a user's account of a given name that is a word and an
        # initial, a French user of an initial and a surname that is a given name, where a
        # bank's app logged in from, an NHS number named right after it
        ("Emby logs out the user 'summer_k' every night", "PERSON", "summer_k"),
        ("partage le dossier avec l'utilisateur 'lmartin' seulement", "PERSON", "lmartin"),
        (
            "my brokerage app from 82.132.215.40 says new device, that's me on holiday",
            "IP_ADDRESS",
            "82.132.215.40",
        ),
        ("is 501 023 2138 a real NHS number? it's my son's", "UK_NHS", "501 023 2138"),
        # a payment's other party in quotes, as a statement prints them
        ("got a transfer from 'KOWALCZYK MARTA' with no reference", "PERSON", "KOWALCZYK MARTA"),
        # round 40: an account of an initial and a name the lists do not hold, Medicaid's id
        ("Benutzer 'k.wojciechowska' kann sich nicht anmelden", "PERSON", "k.wojciechowska"),
        ("my daughter's Medicaid ID is 73619204B, which form field?", "ID_NUMBER", "73619204B"),
        # round 41: an account asked about after "whoever"
        ("whoever 'r.okonkwo' is just deleted the wiki page, who is it?", "PERSON", "r.okonkwo"),
        # round 43: a lower-case name starting its clause before its verb (a given name, a
        # surname before what a person does), a greeting after a colon, a given name alone in
        # capitals where a person stands, a file named after someone, a person's folder, birth
        # dates after the field's name in the plural
        ("so ngozi was late again and the stand-up ran over", "PERSON", "ngozi"),
        ("okonkwo never replies to the group chat. how do i mute just him", "PERSON", "okonkwo"),
        ("polish this: hi darius the flat viewing moved to 6", "PERSON", "darius"),
        ("and then SIOBHAN said she'd pay me back friday", "PERSON", "SIOBHAN"),
        (
            "scan saved as Okafor-Chidinma-2025-03.pdf, rename it to something shorter",
            "PERSON",
            "Okafor-Chidinma",
        ),
        ("du -sh /volume1/amaury/backups says 400G, why so big", "PERSON", "amaury"),
        ("Syncthing pushes /mnt/pool/Henrike/Fotos to the NAS every hour", "PERSON", "Henrike"),
        (
            "their dates of birth are 03/11/1987 and 21/06/1990 for the form",
            "DATE_OF_BIRTH",
            "21/06/1990",
        ),
        (
            "Die Geburtsdaten der Kinder: 14.02.2015 und 30.09.2017, bitte ins Formular",
            "DATE_OF_BIRTH",
            "14.02.2015",
        ),
        # round 55: the account a user command makes, an account to come, a first and last name
        # joined by a dot whose surname is also a word, a name in a message written in capitals,
        # an Italian number after its word
        (
            "sudo useradd -m -G video lwisniewski on the media box, then what?",
            "PERSON",
            "lwisniewski",
        ),
        ("the nextcloud login will be tkaminski once I make the account", "PERSON", "tkaminski"),
        ("log line: 'upload ok user=ysoline.ford size=2MB'", "PERSON", "ysoline.ford"),
        ("TELL NIAMH THE BACKUP DRIVE IS FULL AGAIN, SHE NEVER READS EMAIL", "PERSON", "NIAMH"),
        # round 56: failures counted for an account, a command run as an account, a copy's
        # remote account before its host and path
        ("fail2ban: 'too many failures for oyinlola.b from 203.0.113.77'", "PERSON", "oyinlola.b"),
        ("why does `sudo -u tkrawczyk crontab -e` open nano?", "PERSON", "tkrawczyk"),
        ("scp report.pdf wiebke@fileserver:/srv/inbox/ asks for a password", "PERSON", "wiebke"),
        # round 57: an account at a host's address, a German log's genitive, an account after a
        # realm or a Windows domain, the members listed after a field, a name in quotes weighed
        # as an account, a relative's word glued to a name, a capitalised name in a profile's
        # place
        ("ssh says permission denied for user okowalski@192.168.8.20", "PERSON", "okowalski"),
        ("rsync as hnakagawa@10.20.0.5 stalls at 40%", "PERSON", "hnakagawa"),
        ("Sperrung des Benutzers fbergmann nach drei Fehlversuchen", "PERSON", "fbergmann"),
        ("radius: reject for user isp.net/mguerrero7 (bad password)", "PERSON", "mguerrero7"),
        ("event 4740: account HOME\\tlindholm was locked out", "PERSON", "tlindholm"),
        ("LDAP group 'parents' with members: bkaminski, rsantos, mdubois", "PERSON", "mdubois"),
        ("is 'r.oyelaran' fine as a login for the school portal?", "PERSON", "r.oyelaran"),
        ("Emby: create user 'omagerda' with the Filme library only", "PERSON", "omagerda"),
        ("set up a Disney+ profile for 'Rose' with PG only", "PERSON", "Rose"),
        # round 65: a badge's holder in a door log, an ssh client config's user
        ("door log: 'ACCESS DENIED card=0x91AF holder=OKONJO_CHIDI'", "PERSON", "OKONJO_CHIDI"),
        (
            "is this ok?\nHost grandad-nas\n  HostName 10.0.0.9\n  User primrose\n",
            "PERSON",
            "primrose",
        ),
        # round 63: the accounts a field lists after "sind", an initial and a surname no list
        # holds in a log-in field, an account quoted before its word, a command's account, a
        # Home Assistant person in a template's state object
        ("Benutzer sind: kschreiber, t.yilmaz und wendelin", "PERSON", "kschreiber"),
        (
            "Plex says 'user mbogdanovic is not authorised' for the 4K library",
            "PERSON",
            "mbogdanovic",
        ),
        ("Emby: hide the Kids library from the 'ayodele' account", "PERSON", "ayodele"),
        (
            "is `occ user:disable --help` the same for occ user:disable vkarapetyan",
            "PERSON",
            "vkarapetyan",
        ),
        (
            "curl -u 'dnwachukwu:Spring25' https://nc.example.net/ocs returns 401",
            "PERSON",
            "dnwachukwu",
        ),
        ("{{ states.person.ingeborg.state }} shows not_home all day", "PERSON", "ingeborg"),
        # round 63: Denmark's number by its letters, a mailbox at a provider mistyped
        ("my CPR number (Denmark) is 211085-2437, where does it go?", "ID_NUMBER", "211085-2437"),
        (
            "send it to tomasz.wrobel@hotmail.cmo please",
            "EMAIL_ADDRESS",
            "tomasz.wrobel@hotmail.cmo",
        ),
        # round 62: a commit's author, a VM's name said after its kind
        ("the regression came in with the patch by tnakashima last week", "PERSON", "tnakashima"),
        ("LXC 203 'jellyfin-grace' has no GPU passthrough", "PERSON", "grace"),
        # round 61: a name after a room and a device word at an id's end, a name before an
        # office, a surname an e-mail address gives said again in a host's name, initials and a
        # surname as a log-in
        ("zha says 'nursery_motion_sensor_amara' is unavailable", "PERSON", "amara"),
        ("rdp to 'priyanka-office' drops every hour", "PERSON", "priyanka"),
        (
            "mail goes to dilnoza.yusupova@gmx.de, and the NAS is nas.yusupova.home",
            "PERSON",
            "yusupova",
        ),
        ("lock out the user h.o.mbeki until Monday", "PERSON", "h.o.mbeki"),
        # round 60: a surname before a kitchen in an entity id, a handheld named after its
        # player, a share per person, a portrait's file, a shorter access log's user, a driving
        # licence by its letters
        ("sensor.freezer_temp_kowalczyk_kitchen reads -12", "PERSON", "kowalczyk"),
        ("my son's 'matteo-deck' won't join the VLAN", "PERSON", "matteo"),
        ("du -sh /srv/share/rosalind-k/ says 400G", "PERSON", "rosalind-k"),
        ("resize 'portrait_Ingeborg_Lindqvist.png' to 800px", "PERSON", "Ingeborg_Lindqvist"),
        (
            "which is the bot?\n81.2.69.160 - tomasz.w GET /admin\n10.0.0.9 - - GET /",
            "PERSON",
            "tomasz.w",
        ),
        ("the form rejected my DL number K5521-3390-1178, why?", "ID_NUMBER", "K5521-3390-1178"),
        # round 59: a handle made from a person's e-mail address, someone's log-in said a few
        # words after its field, a CSV's column of accounts
        (
            "sqlite> select * from users;\n1|admin|admin@localhost\n"
            "2|mwierzbicka|magdalena.wierzbicka@onet.pl\nreset mwierzbicka's password?",
            "PERSON",
            "mwierzbicka",
        ),
        (
            "my login for the optician's portal is tfairclough_79, locked again",
            "PERSON",
            "tfairclough_79",
        ),
        (
            "date,route,km,user\n05-02,canal loop,32,hkristiansen\nsum km per user?",
            "PERSON",
            "hkristiansen",
        ),
        # round 58: an initial and a surname before more, a host in a shell prompt, a NAS named
        # after its family, a compound ending in a computer, an account quoted after "written
        # by", an account at a host without a domain, a data folder inside another
        (
            "emby: `User lbergstrom-kids authenticated from 81.2.69.160`",
            "PERSON",
            "lbergstrom-kids",
        ),
        ("prompt shows root@pve-kowalczyk:~# after the upgrade", "PERSON", "kowalczyk"),
        ("mounting nas-dimitrios over NFS fails since the update", "PERSON", "dimitrios"),
        ("Hostname 'gamingrechner-leander' ist zu lang?", "PERSON", "leander"),
        (
            "git says the line was written by 'maria-jose.ferreira' last year",
            "PERSON",
            "maria-jose.ferreira",
        ),
        ("my ssh key ends with 'wojciech@latitude-7420', can I edit that?", "PERSON", "wojciech"),
        ("du -sh /srv/nextcloud/data/gunhild/files is 300G", "PERSON", "gunhild"),
        # round 57: a name before a room, an archive's name, an owner's "s" at an id's start, a
        # folder named in full, a surname in lower case beside a device
        ("z2m name 'svetlana_bedroom_radiator' has to go, rename?", "PERSON", "svetlana"),
        ("qmrestore vzdump-qemu-110-ingeborg-desktop.vma.zst 110", "PERSON", "ingeborg"),
        ("the SSID 'Kowalskis_Upstairs' is on channel 1", "PERSON", "Kowalskis"),
        ("our network TheOkonkwosHub keeps dropping", "PERSON", "Okonkwos"),
        ("Nextcloud: files/Amara Nwosu/Taxes/2025.pdf is locked", "PERSON", "Amara Nwosu"),
        ("container pve-lxc-kowalczyk-photos won't start", "PERSON", "kowalczyk"),
        # (a host of a family's own domain)
        ("cert renewal fails for vault.brennan-family.org since Monday", "PERSON", "brennan"),
        ("my caddy serves git.the-oyelarans.net, why a 404?", "PERSON", "oyelarans"),
        ("the pve node at pve1.haugland.home lost quorum", "PERSON", "haugland"),
        (
            "my new number in Milan: numero 345 902 7781, add it to the contact card",
            "PHONE_NUMBER",
            "345 902 7781",
        ),
        # round 53: a script named after whose backup it is; an account's name in capitals in a
        # PC's name; a name's possessive before a prescription; a green card's number
        ("crontab: 0 2 * * * /opt/backup_ottilie.sh fails silently", "PERSON", "ottilie"),
        ("unifi client list: 'LAPTOP-MKOWALCZYK' uses 40 GB a day", "PERSON", "MKOWALCZYK"),
        (
            "Benedetta's prescription is ready at the pharmacy, can HA remind me?",
            "PERSON",
            "Benedetta",
        ),
        (
            "where do I type my green card number, is it LIN2290481736?",
            "ID_NUMBER",
            "LIN2290481736",
        ),
        # round 52: a person's workstation; an address of the writer's office at home; an id
        # named, then "one is"; a US immigrant's number; a learner driver's permit
        ("the Backblaze job for 'amara-workstation' keeps failing", "PERSON", "amara"),
        (
            "the council says my garden studio at 22 Rowan Way, Bath BA2 4RT needs planning",
            "LOCATION",
            "22 Rowan Way, Bath BA2 4RT",
        ),
        (
            "renewing mum's passport online before the summer - the number on her old one is "
            "548213907, ok?",
            "ID_NUMBER",
            "548213907",
        ),
        (
            "USCIS wants my wife's alien registration number: A-117-302-948",
            "ID_NUMBER",
            "A-117-302-948",
        ),
        (
            "my son's learner's permit is W7720-4415-0093, can he drive at night?",
            "ID_NUMBER",
            "W7720-4415-0093",
        ),
        # round 51: a name after a place outside the home in a camera's name; beside a date in
        # a clip's file name; a student's work named after them; a JSON key's value, quoted,
        # and who a sensor says it is; Mosquitto's user of a client; an Italian title
        # abbreviated with its ending; a virtue name saying who calls
        ("go2rtc stream porch_ingrid stutters at night, any idea?", "PERSON", "ingrid"),
        ("einfahrt_jonas hat keinen Ton mehr, Reolink oder Go2rtc?", "PERSON", "jonas"),
        ("exported clip garage_20250411_tobias.mp4 is only 2 seconds", "PERSON", "tobias"),
        ("Rename Thesis_draft3_Adeyemi.pdf before I send it", "PERSON", "Adeyemi"),
        ('node-red msg: {"student":"maelle","grade":14}, sort by grade', "PERSON", "maelle"),
        ('the BLE tracker sends {"person": "giorgos", "rssi": -71}', "PERSON", "giorgos"),
        ('{"username":"fredrik","status":"online"} from the Jellyfin API', "PERSON", "fredrik"),
        (
            "mosquitto: Client esp32-attic connected (p2, c1, k30, u'benedikt')",
            "PERSON",
            "benedikt",
        ),
        (
            "Devo mandare la tesi alla dott.ssa Cavalcanti entro venerdì",
            "PERSON",
            "dott.ssa Cavalcanti",
        ),
        ("hello, this is Verity from the parish office, ring me back", "PERSON", "Verity"),
        # round 50: a card holder no list knows, in capitals; a foster child by the relation's
        # German word; a name's possessive before a person's papers; the health insurer's
        # member number in one German compound
        (
            "the receipt printout says CARDHOLDER T. WIELGOSZ, is that the tip line?",
            "PERSON",
            "T. WIELGOSZ",
        ),
        ("unser Pflegesohn Kai braucht einen neuen Schulranzen", "PERSON", "Kai"),
        ("why did the GP reject Faith's NHS number on the form?", "PERSON", "Faith"),
        (
            "Krankenkassen-Mitgliedsnummer von meinem Sohn: X482910374, wohin im Formular?",
            "ID_NUMBER",
            "X482910374",
        ),
        # round 49: a role's variable assigned a name, sending someone a message in German, a
        # person's own tablet (a name that is also a word), a Spanish laptop named after its
        # owner
        (
            "the grading config has pupil: 'rhiannon' hardcoded, how do I read it from argv?",
            "PERSON",
            "rhiannon",
        ),
        ("schick eine Nachricht an Jorinde wegen dem Kühlschrank", "PERSON", "Jorinde"),
        ("Ivy's ipad keeps asking for the Apple ID password", "PERSON", "Ivy"),
        ("el portatil-de-hugo no coge la red de invitados", "PERSON", "hugo"),
        # round 48: a name as a query's field value, a given name glued to a year, a person's
        # own instance of a service, "txt" as a verb, a health insurance card's number
        (
            "SELECT * FROM members WHERE last_name = 'Oyelowo-Brandt' ORDER BY joined",
            "PERSON",
            "Oyelowo-Brandt",
        ),
        ("is 'Henrike1962' too weak as her router password?", "PERSON", "Henrike"),
        ("port 8096 goes to jellyfin-marguerite on the NAS", "PERSON", "marguerite"),
        ("pls txt Ottavina that the van's booked", "PERSON", "Ottavina"),
        (
            "my daughter's health insurance card number is HX 4471-2290-18, where does it go?",
            "ID_NUMBER",
            "HX 4471-2290-18",
        ),
        # round 47: an account whose check digits hold, its length not its country's; a title
        # of no gender; a name before its number in a list; a grandparent's short word and a
        # capitalised one glued to a name; a handle of a given name glued to a surname; a
        # member's number after an insurer's word
        (
            "transfer the rent into my account ES98 2100 0418 4502 0005 133 please",
            "IBAN_CODE",
            "ES98 2100 0418 4502 0005 133",
        ),
        (
            "can you write a short reference for Mx Adeyemi-Clarke, our stage manager",
            "PERSON",
            "Mx Adeyemi-Clarke",
        ),
        ("the rota so far: ifeoma 07700 912345, callum 07911 123456", "PERSON", "ifeoma"),
        ("phone tree for the trip - Henrike: +49 171 2345678", "PERSON", "Henrike"),
        ("Nextcloud share for gma_rosalind isn't syncing", "PERSON", "rosalind"),
        ("Jellyfin profile OpaHeinrich keeps losing his watch history", "PERSON", "Heinrich"),
        ("ping @mariakowalczyk about the PR before Friday", "PERSON", "mariakowalczyk"),
        (
            "my health fund wants the member number again: 4471 2209 813",
            "ID_NUMBER",
            "4471 2209 813",
        ),
        # (and whom a poem or a card is for, a name no list holds)
        ("a limerick dedicated to Quillon, our lighting person", "PERSON", "Quillon"),
        ("a farewell card for Ottavina from the choir", "PERSON", "Ottavina"),
        # round 46: an account after a log-in's success or failure in English, French and
        # Italian, in French guillemets, in a dispatch log, with a Proxmox realm
        (
            "audit.log: 'Login successful: \"mwachira\" from 10.0.0.8' is that normal?",
            "PERSON",
            "mwachira",
        ),
        (
            "'Échec de connexion : ttremblay (IP distante : 10.1.1.4)', pourquoi ?",
            "PERSON",
            "ttremblay",
        ),
        ("log: 'Accesso non riuscito: fbianchi (IP remoto: 10.2.0.9)'", "PERSON", "fbianchi"),
        ("le compte de l'utilisateur « ndiallo » est bloqué", "PERSON", "ndiallo"),
        ("04:40 ASSIGN drv=o.adeyemi veh=VAN3 late start", "PERSON", "o.adeyemi"),
        ("give the pool to user hvantwout@pve read-only", "PERSON", "hvantwout"),
        # round 45: a lower-case name before what a person did to a thing, wherever it stands;
        # a topic level named after someone below a room's
        ("reword it: 'undo the mess tobiasz deleted from the wiki'", "PERSON", "tobiasz"),
        ("the topic home/bedroom/ifeoma_ph/battery stopped updating", "PERSON", "ifeoma"),
        # round 44: ranks before a surname (abbreviated, French, German, police), a home by its
        # family's surname, a service member's id after its name
        (
            "can you draft a thank-you to Lt. Okonkwo-Bassey for the reference?",
            "PERSON",
            "Lt. Okonkwo-Bassey",
        ),
        ("le sergent Kowalczyk veut le planning avant jeudi", "PERSON", "sergent Kowalczyk"),
        ("l'adjudant Rakotomalala m'a renvoyé le planning", "PERSON", "adjudant Rakotomalala"),
        (
            "Oberfeldwebel Schimanski hat mir die Bescheinigung geschickt",
            "PERSON",
            "Oberfeldwebel Schimanski",
        ),
        ("Constable Mbeki left a card about the stolen bike", "PERSON", "Constable Mbeki"),
        ("dashboard heading 'Solar – Nakashima household', fine to post?", "PERSON", "Nakashima"),
        ("which form wants my EDIPI? it's 1609273845 if that matters", "ID_NUMBER", "1609273845"),
        # round 38: sshd's account whatever the name, a German failed log-in, the health
        # insurance's number in one word, a Proxmox VM named after its user, "tenant is ..."
        ("Accepted publickey for jwhite from 10.0.0.9 port 51234 ssh2", "PERSON", "jwhite"),
        ("Anmeldung fehlgeschlagen: m.hartwig von 10.0.0.4", "PERSON", "m.hartwig"),
        (
            "Meine Krankenversicherungsnummer ist L294017386, wohin damit?",
            "ID_NUMBER",
            "L294017386",
        ),
        ("proxmox: vm-201-florentina-win won't boot after the update", "PERSON", "florentina"),
        ("section 8 notice help: tenant is Obinna, arrears two months", "PERSON", "Obinna"),
        # ids after their name, also as a compound or a sentence later
        ("Mi número de pasaporte es PAB123456", "ID_NUMBER", "PAB123456"),
        ("La mia patente è U1A23B456C, scade nel 2030", "ID_NUMBER", "U1A23B456C"),
        ("mijn BSN is 123456782", "ID_NUMBER", "123456782"),
        ("Führerscheinnummer B072RRE2I55 bitte prüfen", "ID_NUMBER", "B072RRE2I55"),
        (
            "Where is my driver's license? The number is S530-4128-9981",
            "ID_NUMBER",
            "S530-4128-9981",
        ),
        ("numéro de passeport : 18CV52417", "ID_NUMBER", "18CV52417"),
        # a service word on a person's own domain is still her address (round 13, default-deny)
        (
            "write to hello@annamueller.de about the invoice",
            "EMAIL_ADDRESS",
            "hello@annamueller.de",
        ),
        ("info@kowalski-family.pl bounced my mail", "EMAIL_ADDRESS", "info@kowalski-family.pl"),
        # round 91: Medicare's beneficiary identifier by its name, a passport's number further
        # after its name, a phone among test cases said to be the writer's
        (
            "My dad's Medicare Beneficiary Identifier is 1EG4-TE5-MK72, where does it go?",
            "ID_NUMBER",
            "1EG4-TE5-MK72",
        ),
        (
            "Reisepass für meinen Sohn verlängern, alte Nummer C4J8R2T71. Geht das online?",
            "ID_NUMBER",
            "C4J8R2T71",
        ),
        (
            "Regex for UK mobiles? Test cases: 07723 446 190 (mine), 07812 003 559 (my wife's)",
            "PHONE_NUMBER",
            "07723 446 190",
        ),
    ],
)
def test_identifiers_found(scanner: PiiScanner, prompt: str, entity: str, value: str) -> None:
    found = [(f.entity, prompt[f.start : f.end]) for f in scanner.scan(prompt)]
    assert (entity, value) in found, found


@pytest.mark.parametrize(
    "prompt",
    [
        "Convert the epoch 1698765438 to a date",  # passes NHS mod 11, never issued
        "Invoice RG-2024-118841 and SN/4471902 are in the ERP",
        "Ticket 3125550147 is still open, escalate it",
        "size=131072 offset=4382791680 in the zfs event",
        "kernel: [ 5132.907113] usb 1-1: reset high-speed USB device",
        "The changelog of 5.15.2 mentions 5.15.1.4 as broken",
        "Plan a 10 day road trip through Wales",
        "Batch 2910375116052 48 passed QA",  # NIR-shaped, wrong key, no context
        # digits inside a hex trace id pass the PESEL checksum by chance
        "GET /api/states 200 22.6 ms bytes=63119 trace=1d78691547276b50",
        # dates that are no birth dates, ids that are no personal ids
        "Bash (Bourne-again shell) 5.2 was released on 2022-09-26",
        "Date of birth fields should use ISO format, e.g. 2025-01-31",
        "The passport photo must be 35x45 mm",
        "the ID card reader on COM3 at 9600 baud drops frames",
        "Apache License 2.0 or MIT for release 4.12.0?",
        # round 10: a Luhn-valid nine digits without the SIN's name, a NAS (the box) with a model,
        # one day and month after "birthdays" (a list needs two), a version with four dots, a
        # version named so elsewhere, a subscriber number counted up as an example, the DNI of
        # every tutorial
        "sin embargo el pedido 312 940 760 no llega",
        "my NAS is a TS-453D with 4x 8TB, which RAID?",
        "ages on birthdays: if someone is born on 29 February, when are they 18?",
        "Chrome 131.0.6778.86 or 131.0.6778.108, which is newer?",
        "the commit says bump to 2.14.0.3; what is version 2.14.0.3?",
        "how are German numbers written, e.g. +49 30 1234567?",
        "¿cómo se calcula la letra del DNI? con el ejemplo típico 12345678Z",
        # round 11: a handset's IMEI and a company's SIRET after a few words, a timetable's
        # stops and times, a placeholder town, a hotel's and a gallery's addresses, traceroute
        "my phone's IMEI is 35-209900-176148-1, can it be blocked?",
        "un numéro SIRET comme 732 829 320 00074, à quoi servent les chiffres ?",
        "Linie 5: Goetheplatz 06:12 – Schillerstraße 06:15",
        "our docs use '123 Main St, Anytown' as the sample address",
        "Qu'est-ce que l'hôtel Le Bristol, au 112 rue du Faubourg Saint-Honoré, a de spécial ?",
        "La Galleria degli Uffizi è in Piazzale degli Uffizi 6?",
        "traceroute:\n 1  192.168.1.1  0.6 ms\n 3  81.2.69.160  11.2 ms",
        # round 12: a role's mailbox, a birth before 1900
        "From: Plex <no-reply@plex.tv>, is this mail real?",
        "stimmt es, dass Goethe am 28. August 1749 geboren wurde?",
        # round 13: a public person's birth date, a machine's mailbox, a famous address
        "Grace Hopper was born on 9 December 1906. Write three quiz questions",
        # round 57: a feast day without a birth, a greeting before a day's name
        "we moved in on Christmas Day 2019, write a card for the neighbours",
        "hi, it's Monday, so the bins go out",
        "cloning git@github.com:acme-org/api.git fails with publickey",
        # round 15: a company's desks, also after a department word
        "write to customer-service@loomfield-outdoor.com about the broken tent pole",
        "la tienda dice que escriba a devoluciones y a returns@kettlebrook.es, ¿cuál?",
        "Datenschutzanfragen bitte an datenschutz@stadtwerke-lindau.de schicken",
        # the SSA's numbers for advertisements, shown as examples
        "the sample record in our tutorial has SSN 987-65-4325, is that range reserved?",
        "What's at 1600 Amphitheatre Parkway? worth a stop?",
        # round 17: the desks of the six languages and their plurals, a company's general
        # mailbox at a domain that names no one; feasts and places that are names somewhere;
        # German nouns that are names somewhere; an abbreviation's letters; an elided pronoun
        "send the CV to recruitment@harwick-logistics.co.uk or apply online?",
        "Rechnungen bitte an buchhaltung@kranwerk-sued.de, nicht an mich",
        "écris à accueil@mairie-exemple.fr pour réserver la salle des fêtes",
        "el hotel dice que escribas a reservas@posada-del-rio.es para el grupo",
        "info@bouldercafe-nordend.de antwortet nie, gibt es eine andere Adresse?",
        "contact@kayak-estuaire.fr, c'est la bonne adresse pour les groupes ?",
        "we eat lamb at Easter and goose at Christmas, any wine ideas?",
        "a day trip from Florence to Venice by train, doable?",
        "Wir fahren im Herbst für drei Tage an die Ostsee, was einpacken?",
        "Welche Hilfen gibt es, z. B. Gehstock oder Duschhocker?",
        "ils m'ont répondu hier, c'est bon signe ?",
        # round 18: a club's and a shop's desks, a letter's salutation, a breed named after a
        # person, a number shown as fictional
        "Abwesenheitsnotiz für vorstand@sv-lindenau.de bis zum 6. Januar, bitte",
        "the shop inbox sav@velos-exemple.fr never answers, what now?",
        "Cher {prenom}, merci pour votre inscription : comment fusionner ça ?",
        "is a Parson Russell easier to train than a beagle?",
        # round 19: a desk's word glued to a word, a family's shared thing in an entity id, a
        # log line's level before a lane
        "their fanservice@arena-tickets.co.uk address bounced, any other contact?",
        "notify.family_chat gets every alert twice, why?",
        "restore config_backup_2025.tar.gz and settings_main.yaml from the NAS",
        "the esphome node bedroom-sensor-2 reports 19 °C",
        "2025-03-01T09:00:12.114Z WARN  lane 2 jammed, gate 4 ok",
        "in the film they call 0117 496 0123, a fictional number, right?",
        # round 21: an organisation's line by what it says or where it answers, a company named
        # before "number", a property's number, security and release desks, a speaker named
        # like a health term, "depressing", continents, a saint and a game's character
        "the water company says ring 0345 070 1122 for leaks, is that free?",
        "le syndic est joignable au 04 91 55 20 30 le matin seulement ?",
        "is the Octopus Energy number 0808 164 1088 open on Sundays?",
        "le numéro invariant 0691234560 figure sur l'avis, c'est quoi ?",
        "je dois signaler le mail de securite@banque-exemple.fr comme phishing",
        "mail from releases@openbsd.org says the tarball is signed, how to check?",
        "ma sœur m'a offert une enceinte Bluetooth, laquelle choisir ?",
        "my son says the new flat is depressing, how do we brighten it?",
        "cheapest flights from Europe to Asia in March?",
        "what do kids in Belgium get from Sint-Nicolaas or saint Nicolas?",
        "does my daughter have to pay Tom Nook back in the game?",
        # round 22: example domains of the six languages, a home network's reserved domain, a
        # setting's name before an address, a UID's address, the IT desk; a booking's
        # confirmation number, an order at a shop and its number, an IMEI as printed, a health
        # term as a device's feature, a pandemic as a time
        "NOTIFY_EMAIL=alerts@ejemplo-tienda.es in der .env, ist das richtig?",
        "smtp to=<backup@home.arpa> status=deferred, why?",
        "DEFAULT_SENDER=noreply@voorbeeld.nl werkt niet",
        "the invite UID is 0d2f6b8e1a347f3c2a9e4b1d4e8a9c55@calendar.test.org, fine?",
        "forward it to it@werkstatt-muster.de please",
        "the confirmation number 3318.402.775 is for a different hotel",
        "mi pedido de Mango número 4471902283 no ha llegado",
        "Bestellung bei Conrad, Nummer 0301188457, wo bleibt sie?",
        "IMEI of the work phone: 35 209900 176148 1",
        "does the new sleep apnea feature work on my mum's Series 9?",
        "my colleague asked what the rules were during Covid in Scotland",
        # round 23: a known name with its middle initial, one written surname first, a desk's
        # address of ordinary words, a company's hotline "von" it, a helpline named after its
        # number, Dutch "ventilator" (a fan)
        "What films has Samuel L. Jackson made with Tarantino?",
        '[White "Carlsen, Magnus"] how do I parse this PGN header',
        "please write to customer.feedback@skyjet-airways.com about my lost bag",
        "Die Hotline von Vodafone 0221 7171 7171 ist dauernd besetzt",
        "Is 0333 014 3344 really the Bupa helpline, or a scam?",
        "Zet de ventilator aan als het in mijn kamer warmer is dan 25 graden",
        # round 24: an encoding's or a version's number after a name, a law's title after a
        # relation's word, a relation's word used as a verb before a bank, a family's plural
        # that is a bank and a number said to be a company's, the middle groups of a longer
        # number, a letter to whoever lives there, digits counted, a dotted identifier, a work
        # after an elided article, a French support line
        "Charlie-2 is the radio call sign of our scout group",
        "what does the Tenant Hayes Amendment say?",
        "please contact Halliburton about the invoice",
        "calls from 0330 088 2266, which is the Lloyds number, keep dropping",
        "what does 'Supply 01 801 100 27 2001 5568 842' on my electricity bill mean?",
        "'Mrs Occupier' keeps getting letters at my flat",
        "my regex should accept numbers like 0123 456 789, why doesn't it?",
        "the bank wants ISO 20022 camt.052.001.08 files",
        "on va voir l'Amélie de Jeunet ce soir ?",
        "le numéro du support technique est le 01 44 55 66 77, c'est gratuit ?",
        # round 25: premises on a business estate, a school's desk, a bare relation's word
        # before a noun, a fine's notice number, a number counted after its country code,
        # Dutch's neuter article, a form letter's addressee; a guard (clean before and after): no
        # one's birthday in general
        "the nursery is at Unit 9, Riverside Business Park, Bradford BD4 7TJ, any reviews?",
        "das Sekretariat der Musikschule erreicht man unter 0221 9431 207, schreib eine Anfrage",
        "print the candidate numbers list for the exam hall",
        "le numéro d'avis 8812 4471 3390 est refusé par le site",
        "does this regex validate numbers like +44 1234 567890?",
        "Hoe zeg je 'fiets' in het Frans?",
        "Sehr geehrte Kundin, Ihre Bestellung ist unterwegs",
        "if someone is born on 29 February, when is their birthday in other years?",
        # round 26: a practice's address and number, a restaurant's booking line, a dish named
        # after someone, a receipt's quantity before a dish, what the writer is, a French verb
        # after a relation
        "Our vet is Meadowbank Veterinary Centre, 22 Mill Lane, Leeds LS6 2AB, 0113 278 4410. Ok?",
        "Il ristorante ha il numero 02 6688 1290 per le prenotazioni, cosa chiedo?",
        "Recette de la Poire Belle-Hélène pour six personnes ?",
        "parse this till line: '3x Margherita 27.00 | 1x Tiramisu 6.00'",
        "I'm sad my team lost again, cheer me up",
        "Ma meilleure amie vit à Lyon maintenant, idée de cadeau ?",
        # round 28: the writer's "I've" after a greeting, English "family" before a product, a
        # notice's sign-off, security software and a router named like people, someone's manner
        # ("-style"), a date and its hour after an address in a log, a German office's
        # switchboard (extension 0), a company's customer line, a club's address
        "Is the 'Hello Dad, I've lost my phone' message a known scam?",
        "our family Jellyfin keeps buffering on the TV",
        "Affiche pour la kermesse : samedi 14h. Signée : l'association des parents.",
        "Is Norton worth it on a Linux laptop?",
        "sensor.fritz_box_7590_uptime is unavailable since the update",
        "Write a Phil Mitchell-style speech for the quiz night",
        "fail2ban: Ban 198.51.100.7 - 2025-03-14 21:07:55 repeated",
        "Der Verband hat die Nummer 0711 89254-0, wann ist da jemand?",
        "the Argos customer line 0345 640 2020 just hangs up",
        "The cricket club, 7 Pavilion Road, Hove BN3 2AA, needs a new website",
        # round 29: German New Year's Eve, a family firm's address, a letter to a bakery (its
        # address after its name), an assistant addressed before a colon
        "Hochzeit an Silvester: wie plane ich das Feuerwerk?",
        "A thank-you card to Baxter & Sons Ironmongers, 22 Quay Street, for the donated paint",
        "Un mot à la boulangerie Le Fournil, 12 rue des Lilas, qui nous offre le pain",
        "tell chatgpt: summarise this log",
        # round 34: a system account in an access log, WebDAV and a URL; a film and a team after
        # "les"; a company's genitive; a game's default skin as an example
        '10.0.0.5 - admin [02/Dec/2026:10:11:12 +0000] "GET / HTTP/1.1" 401',
        "GET /remote.php/dav/files/admin/ returns 401",
        "the login page redirects to /login?user=admin&next=/",
        "On regarde Les Misérables ce soir, c'est long ?",
        "Philips Hue bulbs flicker when the dimmer is at 10 %",
        "docker-compose mit Redis und MariaDB, Host 192.168.2.10",
        "We're only in Paris Tuesday and Wednesday, is the Louvre open?",
        "PROPFIND /remote.php/dav/files/family/Photos/ HTTP/1.1 207",
        # round 35: a railcard for students
        "Can I buy a Student Railcard online?",
        # round 38: sshd's system accounts and its "invalid user"
        "journalctl shows 'Accepted publickey for admin from 10.0.0.15 port 51822'",
        "auth.log: 'Failed password for invalid user admin from 203.0.113.54 port 51122 ssh2'",
        # round 39: a relation's nationality, two places of two words, a frequent German word
        # after the Dutch greeting, a virus that is a given name, a program after a letter
        "my tutor is French, she is great, how do I thank her in French?",
        "Two weeks in Costa Rica or Sri Lanka for a honeymoon, which is better in May?",
        "Beste Zeit für eine Radtour am Rhein, Mai oder September?",
        "Is Zika still a risk in Brazil in March?",
        "the service runs as user 'xserver' and can't open the display",
        "payment to Scottish Power failed twice, why?",
        # round 55: a user command's system account, an account to come that is a role, two
        # words joined by a dot, a question written in capitals, an order number after "numero"
        "useradd -m -s /bin/bash jellyfin",
        "the first account will be admin, username will be admin too",
        "user=home.assistant logged in from 10.0.0.4",
        "MY NAS WONT BOOT AFTER THE UPDATE, WHAT DO I DO",
        "traefik.thehomelab.net and nas.home.lan both fail the cert check",
        "grafana at smart-home.example.org is slow",
        "Host(`cloud.maison.lan`) and rota.lan in the traefik rules",
        "scp config.yaml root@nas:/etc/app/ fails with permission denied",
        # round 65: an ssh config's system account, an indented "User" without a Host block
        "Host backup\n  HostName 10.0.0.5\n  User root\n  Port 22",
        "Apache:\n  User www-data\n  Group www-data",
        # round 63: a field's word then a word, a command's system account, a program's account
        "Plex says 'user settings changed' after the update",
        "curl -u 'admin:changeme' http://192.168.1.2:8080/api fails",
        "occ user:add --display-name=Backup backup",
        "the 'jellyfin' account can't read /media",
        # round 62: Windows's own profile folder, a VM named after programs
        "robocopy C:\\Users\\Public\\Documents D:\\share fails",
        "VM 105 'nextcloud-redis' uses too much RAM",
        "why is my container 'nostalgic_florence' restarting?",
        # round 61: a room's device that ends in a word, a home office, a file's name of an
        # initial and a word
        "kids_room_lamp_warm is unavailable since yesterday",
        "vpn into the home-office subnet is slow",
        "rename a.outfile to b.config please",
        # round 60: a kitchen's sensor without a name, a deck that is a boat's or a house's, a
        # shared folder of media, a download's number
        "sensor.fridge_temp_main_kitchen says 7.4",
        "the sun-deck-lights automation fails at dusk",
        "du -sh /srv/share/media/ is slow",
        "the dl number on the mirror page changed, which is right?",
        # round 59: a system account in a column of accounts, someone's log-in that is a
        # service's
        "date,job,user\n05-02,backup,root\n05-03,backup,www-data\nwhich failed?",
        "my user account on the NAS is media, why no write access?",
        # round 58: a package's tag after "@", a team's mailbox and its word, a data folder's
        # system account, a product after a rank's letters
        "npm install vue@next fails on node 22",
        "write to sales.team@example.org: the Sales page is down",
        "du -sh /srv/nextcloud/data/appdata_oc123/ is huge",
        "DS Lite tunnel on the router: can I still reach IPv4 hosts?",
        "a PC Specialist tower won't POST after the BIOS update",
        # round 57: a system's account at an address, a service's account in a
        # domain, a program's name before "login", a thing before a room, a plural's file
        "ssh root@192.168.1.2 works but not with a key",
        "login failed for user WORKGROUP/backup from the scanner",
        "is 'grafana' the default login for the dashboard?",
        "rename 'cable_bedroom_sensor' to something shorter",
        "extract Backups_Old_2019.tar.gz into /srv",
        "rsync -a /data/ backup@192.168.178.40:/volume1/daten/ every night",
        "sudo -u www-data php occ files:scan --all",
        "write to hello@example.com: thanks for the quick reply",
        "Node-RED: msg.payload = {who: msg.topic}; is that valid?",
        "WHY DOES JELLYFIN SAY PLAYBACK ERROR ON THE LIVING ROOM TV",
        "il numero d'ordine 4471 2290 31 non risulta, cosa faccio?",
        # round 53: a script of a thing, a new PC's random name, a company's appointments page
        "run backup_home.sh every night via cron",
        "unifi client 'DESKTOP-7F3K2LQ' is a new Windows PC",
        "Apple's appointments page is down again",
        # round 52: a company's office, a workstation by its model
        "our office at 1 Canada Square, London E14 5AB has a new reception desk",
        "the Backblaze job for 'dell-precision-workstation' keeps failing",
        # round 51: a camera after its place and its model, a clip's file name of a date and
        # a word, a student's work with no name, system accounts and nobody as JSON values
        "frigate cameras: driveway_reolink, garden_tapo, door_main",
        "motion clip 2025-04-11_sunset.mp4 is only 2 seconds",
        "Rename Thesis_draft3_final.pdf before I send it",
        '{"user":"admin","status":"online"} from the Jellyfin API',
        '{"person": "unknown", "score": 0.41} from Frigate',
        "Ho la verità: la sig.ra del piano di sopra è gentile",
        # round 50: a template's placeholder in a card holder's field, a company's photo app
        "the card holder field says CARD HOLDER NAME in the template",
        "Apple's passport photo app, any good?",
        # round 49: a company's and a console's account, a placeholder as a role's value
        "Apple's account page keeps logging me out",
        "the Nintendo Switch's profile page is blank",
        "student = 'example' in the docs sample",
        "every log line ends in tenant=praxis-nord, what is a tenant in a booking system?",
        # round 48: products and a tool glued to a year, a service's own image
        "Windows2000 and Office2019 images for a VM lab",
        "docker image jellyfin-ffmpeg keeps crashing on start",
        # round 47: an IBAN whose check digits fail, a mouse and a DNS record, a bot's handle, a
        # gym's member number
        "is ES99 2100 0418 4502 0005 133 a valid IBAN?",
        "the Logitech MX Master 3 scroll wheel stopped working",
        "set the MX record for mail.example.com to priority 10",
        "the dependabot and @renovatebot PRs pile up",
        "the gym app asks for the member ID 55382201 again, is that normal?",
        "the song is dedicated to Liverpool fans",
        "the router page lists LAN: 192.168.178.1/24 and WAN: 100.72.14.9",
        # round 46: system accounts in the same messages and realms; the messages' own words
        "log: 'Échec de connexion depuis 10.9.8.7 : mot de passe incorrect', que faire ?",
        "a fail2ban failregex for the 'Login failed' lines of Nextcloud please",
        "auth.log: 'Login successful: \"admin\" from 10.0.0.8'",
        "give the pool to user root@pam read-only",
        # round 45: a product before what was done to it, a level below a room's of no one
        "the config nginx changed on reload is wrong, why?",
        "home/bedroom/light_main/state keeps flapping",
        # round 44: a rank before a word, a title with "Sergeant" in it, a household's word
        # after a product, the name of a service member's id asked about
        "General Motors recalled the model, is mine affected?",
        "Sergeant Stubby was a dog, right? for my kid's school project",
        "the Windows household license covers how many PCs?",
        "what does the EDIPI field on a CAC look like?",
        # round 43: products starting a lower-case clause, a text in capitals, a given name in
        # capitals with no person around it, a public figure's file, folders of no one, a
        # greeting to no one after a colon
        "so django has a new release, what changed?",
        "grafana has a new alerting UI since v10",
        "ALERT: DISK FULL ON NAS, MARIA BACKUP FAILED AT 03:00",
        "the error says JULIA not found, which package do I install?",
        "Einstein_Albert_notes.pdf is a scan from the archive",
        "rsync /mnt/data/media/photos to the backup pool",
        "/srv/jellyfin/photos is the library folder",
        "Note: hello world examples are in /docs",
        # round 36: devices named in title case after "name ...:"; a therapist's job advert
        "best way to name devices: 'Living Room Lamp', 'Kitchen Ceiling' or room.device style?",
        "Wie formuliere ich eine Stellenanzeige für eine Psychotherapeutin (m/w/d)?",
        # round 91: a placeholder counted on past 9 after an id's name, further than 40
        # characters on
        "Was bedeutet 'Ungültige Steuer-ID: Prüfziffer falsch' im Elster-Testformular bei "
        "12345678901?",
        # round 92: the standard example IBAN after a German compound of "example", a desk's
        # mailbox by the display name before it
        "Erkläre die IBAN-Prüfsumme mit dem Standardbeispiel DE89 3704 0044 0532 0130 00.",
        "From: Accounts Receivable <ar@brightflow-chemicals.co.uk>\nSubject: RE: invoice",
    ],
)
def test_look_alikes_are_not_personal(scanner: PiiScanner, prompt: str) -> None:
    assert scanner.scan(prompt) == [], [
        (f.entity, prompt[f.start : f.end]) for f in scanner.scan(prompt)
    ]


@pytest.mark.parametrize(
    "prompt",
    [
        "Numéro de commande 302-5518276-4417208 : le colis est en retard",
        "Fattura n. 2024/001532 del fornitore: cosa sono gli oneri?",
        "factuurnummer 2023-0041187 staat niet in de mail",
        # round 6: a number glued to more of an identifier, a meter's supply point
        "el número de pedido es 5521-7730-B, ¿dónde está?",
        "Mon PDL : 0541 2387 6650 19, c'est quoi exactement ?",
        # a mistyped CURP check digit, a PAN in lower case (a word, not the id)
        "the sample CURP GOMC921106MJCNRR05 in the docs",
        "run the job afzpk7190k again",
        # round 7: examples and placeholders of the documentation, device numbers, services
        "for the docs, use contact@example.org and support@shop.test as sample addresses",
        "our API test suite charges 4242 4242 4242 4242, the sandbox test card",
        "Beispiel-IBAN für die Doku: DE89 3704 0044 0532 0130 00",
        "in the film the number was e.g. (555) 555-0142, is that a real format?",
        "IMEI: 490154203237518, is the phone stolen?",
        "the router log says DNS-Server: 212.18.3.5, whose is it?",
        "nhs_number = '9999999999'  # placeholder in the fixture",
        # round 8: an upgrade between two versions, a version after its number, a serial
        "the switch went from 2.1.0.8 to 2.1.0.12 and lost its VLANs",
        "is a 3.0.1.7 version string valid semver?",
        "Seriennummer WX 4471 208315 steht auf dem Typenschild, was heißt das?",
        "the test IBAN NL00 0000 0000 0000 00 fails my validator",
        # round 9: a company's line, a number of zeros, a famous address
        "is the airline's customer service number still 0800 123 4567 on weekends?",
        "the flyer says call 020 000 000 00 for bookings, is that a typo?",
        "write a mystery opening set at 742 Evergreen Terrace on a stormy night",
        # round 15: freephone numbers in each region, a desk or line of an organisation named
        # before the number, digits glued to letters, a card-shaped number that fails the Luhn
        # check (in any grouping), a barcode, the Spanish "n.º"
        "is 0800 157 0044 free to call from a mobile?",
        "die Nummer 0800 555 7788 steht auf der Packung, kostet das was?",
        "le numéro vert 0800 29 31 47 répond le dimanche ?",
        "they said to ring 1-866-520-4471 for a replacement part",
        "the gym's front desk is 0161 496 0715, should I call or email?",
        "Notre standard : 04 72 19 55 80. Tu peux faire une signature ?",
        "Unsere Servicehotline ist unter 089 4412 7765 erreichbar, formulier das freundlicher",
        "Sales: +44 113 496 0521, Returns: returns@shop.test, make it a table",
        "la referencia ES-2023-448120 no aparece en mi cuenta",
        "el número 6011 4590 2231 8872 no pasa la validación, ¿por qué?",
        "check digit of 5021443198837765 by hand, please",
        "what does the EAN barcode 4006381333931 encode?",
        "mi paquete n.º 55-3301-2294 sigue en aduanas",
        # round 17: a desk's line by what it is for, an organisation called on its number or
        # named as the number's owner, a helpdesk, Italy's freephone, a device's number
        "the leisure centre's booking line is 0113 496 0288, is it open late?",
        "I phoned the surgery on 0345 601 2277 and waited 40 minutes",
        "The garage's number is 0161 496 0114, should I text instead?",
        "la helpdesk (030 2284 9911) non risponde mai",
        "il numero verde 800 455 210 è gratuito anche da cellulare?",
        "Die Vertragsnummer 4471229018 steht oben rechts, wo finde ich die Kundennummer?",
        # round 68: a breakdown service's, an assistance line's, an organisation's by its
        # acronym
        "Ist die Pannenhilfe vom ACE unter 0711 530 34 35 rund um die Uhr erreichbar?",
        "le numéro d'assistance de ma banque est le 09 69 39 99 98, c'est gratuit ?",
        "¿El teléfono FAD 900 16 15 15 es gratuito desde el móvil?",
        # round 67: an order number after the shop's prefix (a Swedish personnummer's shape)
        "Bestellung Nr. ORD-20250514-4713 ist nicht angekommen, was nun?",
        # round 71: a helpline or a switchboard asked about, its number in the next sentence; a
        # business by its legal form without dots
        "What's the Shelter helpline? I have 0808 800 4444 written down",
        "What's the main switchboard for St Thomas' Hospital? Is it 020 7188 7188?",
        "Haz un cartel para Cristalería Sol SL, calle Mayor 8, 28013 Madrid, tel. 915 31 22 40",
        # round 70: a business's line after its address, a mobile too (a German mobile prefix, a
        # UK mobile reading of a German landline)
        "Heating spares: Brookside Plumbing Supplies Ltd, 9 Canal Street, Derby DE1 2RJ, tel "
        "01777 812 904 - draft an order",
        "Bestattungshaus Lindner, Gartenstraße 8, 70173 Stuttgart, Tel. 0711 3398 210: Text bitte",
        # round 67: a salon's phone after its address, a business line said of a studio
        "Unser Friseursalon: Marktplatz 3, 79098 Freiburg, Tel. 0761 388 4410. Bitte ein Schild",
        "Nuestro salón: Gran Vía 40, 28013 Madrid, tel. 915 22 31 40. Haz un cartel",
        "the gallery's business line is 0345 600 9912, write an out-of-office message",
        # round 65: a company by its legal form after its address, a dive centre in French
        "Tauchschule Tiefblau GmbH, Seestraße 4, 82211 Herrsching, Tel. 08152 998 120: Text bitte",
        "Le centre de plongée du Cap, tél. 04 94 07 11 22 : rédige une demande de devis",
        # round 64: an organisation of several capitalised words with "and" between, a clinic
        # after its address, a warehouse's phone, a supplier's credit control line
        "The Blood and Transplant Unit line is 0300 123 99 88 - open Sundays?",
        "Hillside Sports Clinic, 4 Mill Road, Leeds LS6 1AA, tel 0113 496 0321: write a poster",
        "the warehouse's phone is 0345 600 4411 on the site, is 0345 free?",
        "or call our credit control line on 0161 496 0777 between 9am and 5pm",
        # round 63: an authority's line by what it handles, a society's, a box office's, a
        # harbour office's and a bakery's after their address, a town hall's said after it
        "our local authority housing line is 0113 496 0451, is it open Saturdays?",
        "Die Hotline der Deutschen Krebsgesellschaft hat die Nummer 030 3229 3290?",
        "Our box office is on 0161 496 0999, write it on the poster",
        "La capitainerie est au 3 quai Solidor, tél. 02 99 81 22 33 : écris la demande",
        "Bäckerei Sonnenkorn, Lindenstraße 4, 79098 Freiburg, Tel. 0761 204 1188: Text fürs Schild",
        "le numéro de la mairie, service urbanisme, est le 01 42 76 51 00 ?",
        # round 62: an insurer's line by what it handles, a society's number, a museum's phone
        "the insurer's emergency line 0345 030 3900 said a builder is coming",
        "the society's number is 0121 496 0032, do they answer on Sundays?",
        "the Natural History Museum phone is 020 7942 5000, can I book a school trip?",
        # round 18: a ticket line, a business's own line, an after-sales desk, a company's
        # registration number, a ticket's number after "-Nr."
        "the theatre's ticket line 0161 496 0550 is always engaged",
        "our shop line 0113 496 0772 goes to voicemail after six",
        "le SAV répond au 01 84 88 42 10 du lundi au vendredi ?",
        "Company No. 09876543 must be on every invoice, right?",
        # round 19: "un standard" (an organisation's switchboard)
        "la mairie a un standard au 01 84 88 10 20, ils ouvrent à quelle heure ?",
        "Ticket-Nr. 2025-004471: VPN bricht ab, was prüfen?",
        # round 73: a German compound of an order before its number, a reference led by its
        # year and month, a number reserved for drama shown as a format
        "Die Ersatzteilbestellung Nr. 2025-09-7712 ist nie angekommen, wie reklamiere ich?",
        "a Python regex for UK landlines such as 0113 496 0518, please",
        # round 74: a number counted up, in a question about a regex
        "validate German mobiles with a regex, e.g. format 0151 1234567 or +49 151 1234567",
        # round 74: premises on a business estate before their phone
        "Flyer: Ramonage des Cimes, 8 ZA des Iles, 74300 Cluses, tél. 04 50 98 11 62",
    ],
)
def test_order_and_invoice_numbers_are_not_phones_or_ids(scanner: PiiScanner, prompt: str) -> None:
    assert scanner.scan(prompt) == [], [
        (f.entity, prompt[f.start : f.end]) for f in scanner.scan(prompt)
    ]


@pytest.mark.parametrize(
    "prompt",
    [
        "what does the netmask 255.255.240.0 allow?",
        "the logs say 'Upgrading gitea from 1.21.4.2' after pulling gitea:1.22 - why?",
        "Call with the mobile team, due 2026-03-14, agenda please",
        "our sandbox test card 4000 0566 5566 5556 got declined, expected?",
    ],
)
def test_netmasks_versions_dates_and_test_cards_are_not_personal(
    scanner: PiiScanner, prompt: str
) -> None:
    found = [f for f in scanner.scan(prompt) if f.entity != "CREDIT_CARD"]
    assert found == [], found


@pytest.mark.parametrize(
    ("prompt", "date"),
    [
        ("Birthdays to remember: Gran - 03/07/1938, Leon - 21/11/2011", "03/07/1938"),
        ("Der Geburtstag von Jonas ist der 14.05.2009, plane eine Feier", "14.05.2009"),
    ],
)
def test_birth_dates_in_birthday_lists(scanner: PiiScanner, prompt: str, date: str) -> None:
    found = [prompt[f.start : f.end] for f in scanner.scan(prompt) if f.entity == "DATE_OF_BIRTH"]
    assert date in found


@pytest.mark.parametrize(
    "prompt",
    [
        # round 76: a UK-wide 03 number (an organisation's: Ofcom gives the range to no
        # household), an advice line by its other names, a village hall's line, a council's
        # line two words after it, an Italian office that "answers on"
        "is 0345 300 0481 the right number for the tax office or a scam?",
        "Die Alzheimer-Beratung hat ein Infotelefon, auf dem Flyer steht 030 259 379 514.",
        "the village hall line is 01865 274 800, add it to the booking form",
        "the council bulky waste number is 0113 222 4406, do they take sofas?",
        "l'ufficio anagrafe risponde allo 02 8846 5570 solo la mattina?",
        # round 77: a company's register number, an IP address in brackets
        "company registration: 09876543, where does it go on the invoice footer?",
        "what is the printer's fixed IP (10.20.30.40) supposed to be in the DHCP table?",
        # round 80: a span of years
        "caption text 'Les Nymphéas, 1915-1926' for the frame label",
        # round 91: a customer's number at a supplier, Dutch's order number, schools' doors
        # with their lines
        "Mon numéro client 0048221937 chez EDF, où je le trouve sur l'appli ?",
        "Bestelnummer 7734-220-918 bij de apotheek, hoe volg ik het pakket?",
        "Die Musikschule Am Markt, Marktplatz 3, 72070 Tübingen, Tel. 07071 204 118, fürs Flyer",
        "Pour l'affiche : École de musique du Vieux-Port, 12 quai du Port, 13002 Marseille, "
        "04 91 90 12 34.",
        # round 92: an order's number with its shop between, a dry cleaner's and an
        # orthopaedic supplier's doors with their lines
        "my order number from Screwfix is 8046173352, where do I track it",
        "La ortopedia 'OrtoSalud', Calle Mayor 45, 28013 Madrid, tel. 915 32 18 40: un correo",
        "Ortopedia Sanitaria Lombardi, Via Roma 12, 20121 Milano, tel. 02 8645 2210: scrivi",
        # round 93: a business's office line and a freephone line by their names
        "Flyer für unseren Heckenschnitt-Service, Büro: 030 8145 2270",
        "Ons kantoor is bereikbaar op 030 271 4490, schrijf een voicemailtekst",
        "Escribe un folleto de primavera contra hormigas, teléfono gratuito 900 812 340.",
        # round 94: a signature's phone on the line under the business's address, a business's
        # team where it answers
        "Summarise: 'Kind regards,\nHarbour Tiles Ltd, 4 Quay Street, Bristol BS1 4DJ\n"
        "Tel 0117 496 0732'",
        "Our sales team can be reached on 0117 496 0732 until 5, write that politely",
        # round 95: a business's customer services as a label with its address between, a
        # business's address ending a sentence before its phone's label
        "Our supplier's customer services: Unit 3, Canal Wharf, Leeds LS11 5PZ, 0113 496 0321.",
        "A flyer for Oakfield Garden Centre, 3 Mill Road, Thame. Phone 01844 496 112. Open daily.",
        # round 96: a business's number by its word in German and French
        "Unsere Geschäftsnummer ist 0761 2901 4455, bitte für den Flyer formatieren.",
        "Numéro de la boutique : 04 72 10 35 80, formate-le pour le site",
        # round 104: an arena's and a venue's line
        "the arena's emergency line is 01865 721 490, add it to the risk assessment",
        "the venue's booking line is 0161 950 5000, what time do they open?",
    ],
)
def test_rounds_76_to_105_organisation_lines_and_register_numbers_are_not_phones(
    scanner: PiiScanner, prompt: str
) -> None:
    assert [f for f in scanner.scan(prompt) if f.entity == "PHONE_NUMBER"] == []


@pytest.mark.parametrize(
    ("prompt", "number"),
    [
        # round 82: an international number said to be someone's, in a range libphonenumber
        # does not list as allocated (its tables lag the operators')
        ("my brother's mobile is +44 7911 504213, add him to the alarm group", "+44 7911 504213"),
        ("Opa ist erreichbar unter +49 176 9999 88, trag das ins Dashboard ein", "+49 176 9999 88"),
    ],
)
def test_round_82_an_international_number_said_to_be_someones(
    scanner: PiiScanner, prompt: str, number: str
) -> None:
    found = [prompt[f.start : f.end] for f in scanner.scan(prompt) if f.entity == "PHONE_NUMBER"]
    assert number in found


def test_round_76_a_german_area_code_03_stays_a_phone(scanner: PiiScanner) -> None:
    """Halle's 0345 written as Germans write it is no UK-wide number."""
    prompt = "ruf bitte Tante Gerda an, 0345 6781234, wegen Sonntag"
    assert [f for f in scanner.scan(prompt) if f.entity == "PHONE_NUMBER"] != []
