"""Names inside the identifiers a homelab prompt pastes: Home Assistant person entities, devices
and host names that carry their owner's name, log-in names, and the user names made from a name
the text gives.

The name rules (:mod:`routing_mcp.pii_names`) read names as words of a sentence; a DHCP lease
list ("lenovo-priyam", "iPhone-de-Beatriz", "LEO-LAPTOP"), an sshd log ("publickey for
jkowalski"), an LDAP entry ("uid=yhassan ... cn: Yasmin Hassan") or an automation
("person.rosalind_ng") holds them glued into one token. Each rule here needs the identifier's
kind to be certain (a person entity, a device word beside the name, a log-in field, a home
directory) or the name it is made from to be in the same text: a given name alone in a host name
("pve-node1", "pixel-7-pro") is not enough. Since session 10 (rounds 10 to 12, each judged on a
corpus written before it) a name the lists know as a given name and no word also counts where
it is glued to what marks it as someone's: a surname ("henrik-lindgren-tv", "LukaPetrovic"), a
connector ("alerts-for-hamish", "Galaxy-A54-von-Wolke"), a person's own resource
("bryony-blog"), another name and "and" ("Nikos-and-Eleni-5G"), or a Home Assistant entity id,
whose words name rooms, things and the people they belong to ("binary_sensor.bed_sensor_mieke").
Since session 21 (rounds 47 to 49) also a name where a list or code puts it beside what makes
it someone's: before a phone number as a list's item ("malik 07583 206194"), as the value of a
name's field or of a person's role ("surname = 'Fairweather'", "STUDENT=caoimhe") and glued to
a year ("Deloris1947"). Since session 22 (round 51) a name after a place outside the home in a
camera's name ("front_door_kemal"), beside a date in a clip's file name, after a student's work
in a file's name, and a name quoted as a JSON key's value ("{"user":"astrid"}", "who"); since
rounds 52-53 a person's workstation, a script or a scan named after its owner
("backup_mariam.sh", "Rx_scans_Dariusz") and an account's name in capitals in a PC's name
("DESKTOP-JBALOGUN"). Since session 23 (round 55) the account a user command makes or changes
("useradd -m -u 1001 fkowalczyk"), an account to come ("username will be pjaramillo"), a given
name and a surname joined by a dot whatever the lists say of the surname ("isabeau.leclerc"),
and a family's own domain in a host name ("jellyfin.okafor-family.net", "cloud.the-abioyes.uk",
"pve.lindgren.home"); since round 56 the account failures are counted for ("too many failures
for mehmet.aksoy"), a command is run as ("sudo -u ptrzaskowski") or a copy goes to
("benedicte@nas:/backup/"), and not the accounts self-hosted services run as ("jellyfin").
Since round 57 an account at a host's address ("rkowalczyk@192.168.1.40"), a Windows domain's
or after a realm ("CORP\\dkowalski", "fti/jpmorel4"), the members listed after a field, a name
in quotes weighed as an account ("is 'o.bergstrom' a good username"), a relative's word glued to
a given name ("mamalupe"), a given name before a room ("olga_bedroom_sensor"), whose an
identifier is at its start ("Annas_Officejet", "ThePatelsHouse"), a folder named after someone
in full, and a name in capitals beside an initial, as bank statements and cards write payees
and holders ("HUSSAIN M", "J ARMITAGE"); since round 58 "SURNAME, GIVEN" in capitals, a police
officer by rank ("PC Oduya"), a name an e-mail address gives said again ("Ottoline" beside
"ottoline.drew@..."), an account at a host without a domain ("aleksandra@thinkpad-x1") or
quoted after "written by", a host in a shell prompt and a NAS or Proxmox host named after its
family ("root@pve-kalinowski"), and a data folder inside another ("/nextcloud/data/hendrik/");
since round 59 a given name and a surname's initial ("Jo B."), the handles an e-mail address's
name makes ("pkowalska" beside "paulina.kowalska@..."), someone's log-in said a few words after
its field, and a CSV's column of accounts; since round 60 a surname before a kitchen in an
entity id, a handheld named after its player ("yuki-deck"), a share per person, a portrait's
file, and the user of a shorter access log's line.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Callable, Container, Iterator

from routing_mcp.pii_known import is_known
from routing_mcp.pii_lexicon import Lexicon, Token, fold
from routing_mcp.pii_lexicon import key as _key
from routing_mcp.pii_name_cues import PERSON_ROLE_FIELDS, word_set

# Home Assistant's person domain: the object id is a person's name, whatever it looks like.
# (round 63: or in a template's state object, "states.person.hiroshi.state")
PERSON_ENTITY = re.compile(r"(?:(?<![\w.])|(?<=\bstates\.))person\.([a-z0-9]+(?:_[a-z0-9]+)*)\b")
# An entity whose object id names a device: "device_tracker.pixel_7_hamid",
# "sensor.anna_iphone_battery".
# (round 67: in a template's state object too, "states.sensor.heidrun_seizure_count")
ENTITY = re.compile(
    # (round 93: an id as a person types it, with a letter of their language in it:
    # "sensor.wohnzimmer_temp_jürgen")
    r"(?:(?<![\w.])|(?<=\bstates\.))(?P<domain>[a-z_]+)\.(?P<id>[a-z0-9ß-ÿ]+(?:_[a-z0-9ß-ÿ]+)+)\b"
)
# Parts glued by "-" or "_" into one host or device name.
COMPOUND = re.compile(
    r"(?<![\w.@\\-])[^\W\d_][^\W_]*(?:[-_][^\W_]+)+"
    # not a host going on ("nas.fritz.box"), but a device on a home network's domain
    r"(?![\w@/\\-]|\.(?!(?:lan|local|home|internal|localdomain|home\.arpa|fritz\.box)\b"
    # (and a file's name: "passwords_tomas_vasquez.txt", round 20)
    r"|(?:txt|pdf|docx?|xlsx?|odt|ods|csv|jpe?g|png|heic|mp4|mov|zip|kdbx|json|ya?ml|conf|"
    r"log|md|bak|"
    # (round 53: a script's, "backup_mariam.sh")
    r"sh|py|ps1|bat|"
    # (round 57: a backup's or a disk's, "vzdump-lxc-104-henrik-laptop.tar.zst")
    r"tar|tgz|gz|zst|xz|bz2|vma|img|iso|qcow2|vmdk|ova)\b)\w)"
)
DEVICE_WORDS = word_set(
    "iphone ipad ipod macbook macbookpro macbookair imac mbp mac pixel galaxy android laptop "
    "notebook desktop pc phone handy telefon tablet lenovo thinkpad ideapad dell xps hp surface "
    "chromebook kindle watch applewatch xbox ps4 ps5 playstation switch nintendo oneplus xiaomi "
    "redmi huawei samsung asus acer moto motorola nokia oppo vivo xperia fairphone telephone "
    "téléphone telefono teléfono telefoon mobile mobil portable celular cellulare tv fernseher "
    "chromecast firestick firetv roku shield echo homepod steamdeck oculus quest vr headset "
    "ps3 wii kindle tolino ereader printer drucker imprimante stampante impresora "
    # round 29: a VM named after its user and its system ("karim-win11"); round 32: a
    # Raspberry Pi or a mini PC named after its user ("ashwini-pi")
    "win win10 win11 windows pi rpi raspi raspberrypi nuc "
    # round 38: a Proxmox VM or container named after its user ("vm-105-mariam-windows")
    "vm ct lxc "
    # round 49: a phone and a computer in Spanish and French, unaccented ("movil-de-hugo")
    "movil móvil smartphone portatil portátil ordenador computer ordinateur ordi "
    # round 52: a person's workstation ("kofi-workstation")
    "workstation "
    # round 57: a printer by its range's name ("Ruths_LaserJet")
    "laserjet officejet deskjet inkjet pixma ecotank "
    # round 58: a Proxmox host or a NAS named after its family ("root@pve-kalinowski")
    "pve proxmox nas "
    # round 60: a handheld games PC named after its player ("yuki-deck")
    "deck "
    # round 69: a phone by its French short name ("peer: tel-maxime")
    "tel"
)
# Round 62: a machine's kind and number before its quoted name ("VM 104 'nextcloud-maria'",
# "LXC 'pihole-ines'", "hostname: 'nas-ilse'"); round 82: or its name in brackets after its
# number, as Proxmox's messages write it ("VM 101 (jens-homeassistant) is locked").
_MACHINE_BEFORE = re.compile(
    # (round 101: or its name said so, "VM named 'tax-docs-veronique'")
    r"\b(?:(?:vm|lxc|ct|container|host(?:name)?)\s*(?:\d+\s*)?(?:(?:named|called)\s+)?[:=]?\s*"
    r"['\"`‘“]|"
    r"(?:vm|lxc|ct)\s*\d+\s*\()\Z",
    re.IGNORECASE,
)
# Round 58: a shell prompt's host after its user ("admin@nas-oyelaran:~$").
_PROMPT_HOST = re.compile(r"(?<=@)[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?=:[~/])", re.IGNORECASE)
# Round 58: a compound word that ends in a computer's ("lernserver-konstantin", "kinderlaptop").
_DEVICE_ENDINGS = ("server", "rechner", "laptop", "computer", "tablet")
# Between the device and its owner: "iPhone-de-Beatriz", "Handy-von-Heinz"; and between a
# thing and whom it is for: "alerts-for-hamish", "oculus-quest-of-theo".
CONNECTORS = word_set("de von di da du van of for für pour para per voor")
# What a person's own resources are called beside their name: "bryony-blog", "laptop-wolfgang".
OWN_WORDS = word_set(
    "blog site homepage photos fotos files backup backups share cloud mail vm desktop room "
    "zimmer chambre camera kamera bed bett dataset home "
    # round 20: a person's desk, lamp or plug, a printer at someone's desk ("kamala_desk",
    # "imprimante-bureau-jerome")
    "desk schreibtisch bureau escritorio scrivania bureau lamp lampe plug steckdose prise "
    "monitor passwords passwörter "
    # round 31: a person's papers, named after them ("gustavo_passport.pdf")
    "passport passeport reisepass pasaporte passaporto paspoort payslip payslips contract cv "
    "resume lebenslauf visa ausweis "
    # round 34: a person's admin account ("admin_sigrid")
    "admin "
    # round 101: a person's documents ("tax-docs-veronique")
    "docs documents dokumente unterlagen "
    # round 103: a person's birthday, as a folder of its photos names it ("Beatrix_birthday")
    "birthday geburtstag anniversaire cumpleaños compleanno verjaardag "
    # round 48: a person's own instance of a homelab service ("nextcloud-graham", "plex_oma")
    "nextcloud jellyfin plex emby immich vaultwarden bitwarden photoprism syncthing paperless "
    # round 60: a person's portrait ("headshot_Farrukh_Tashkentov.jpg")
    "headshot headshots portrait selfie "
    # round 51: a student's own work, named after them ("Dissertation_FINAL_v7_Okoro.docx")
    "dissertation thesis essay coursework homework transcript portfolio masterarbeit "
    "bachelorarbeit hausarbeit abschlussarbeit thèse mémoire memoire tesis tesina tesi scriptie "
    # round 53: a person's scans and prescriptions ("Rx_scans_Dariusz")
    "scans scan rx prescriptions records "
    # round 68: a person's health data by what it tracks ("benji_pain", "ignatius_weights.csv")
    "pain weights weight sleep steps glucose bloodsugar bg mood meds medication insulin seizures "
    "symptoms "
    # round 70: where someone is and what wakes them ("ozan_location", "wecker_greta")
    "location alarm wecker réveil reveil sveglia despertador wekker"
)
# Folders that hold a folder per person: the one below is named after its owner when it is a
# clear given name ("/srv/daten/marlies", not "/srv/data/media").
_DATA_FOLDERS = (
    r"(?:homes|data|daten|donnees|données|datos|dati|gegevens|users|benutzer|nutzer|"
    r"utilisateurs|usuarios|utenti|gebruikers|photos|fotos|pictures|bilder|documents|dokumente|"
    # round 34: Paperless's folder it takes each person's scans from ("consume/ruairi/")
    r"consume|"
    # round 60: a share per person ("/srv/share/eleanor-w/")
    r"shares?|"
    r"backups?|sicherungen|sauvegardes|sync|syncthing|nextcloud|family|familie|famille|members)"
)
# A constant's or an environment variable's name in capitals ("ROTA_DB_URL"; round 73).
_CONSTANT = re.compile(r"\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b")
# Round 56: failures counted for an account ("too many failures for mehmet.aksoy", "2 failed
# logins for rfernandes") and a command run as one ("sudo -u ptrzaskowski", "crontab -u"): both
# a log-in field (LOGIN) and one that only ever names an account (_SURE_LOGIN).
_FAILURES_FOR = (
    r"(?:auth(?:entication)? )?failures? for|failed (?:logins|log-ins|attempts|authentications) for"
)
_RUN_AS = r"sudo\s+-u|crontab\s+-u|runuser\s+-u"
# A log-in field: the account name right after it (sshd, LDAP, user admin, file ownership).
LOGIN = re.compile(
    # (round 25: an application's failed log-in, "Login failed: colette (Remote IP: ...)")
    # (round 91: dropbear's log of a log-in, "Password auth succeeded for 'gwen'", "Bad
    # password attempt for 'gwen'")
    r"(?:\b(?:(?:password|pubkey) auth succeeded for|bad password attempt for|"
    r"publickey|password|invalid user|login failed|failed login(?: for)?|"
    # round 46: a log-in's success, and its failure in French and Italian ("Login successful:
    # \"jpaulsen\"", "Échec de connexion : gdupont", "Accesso non riuscito: lromano"), a
    # dispatch log's driver ("drv=k.mensah")
    r"login successful|successful login(?: for)?|connexion réussie|échec de connexion|"
    # (round 69: "Connexion échouée : f.girardot")
    r"connexion échouée|"
    r"accesso (?:non )?riuscito|drv(?=\s*[:=])|driver(?=\s*[:=])|"
    # round 38: a German failed log-in ("Anmeldung fehlgeschlagen: k.oezdemir")
    r"anmeldung fehlgeschlagen(?: für)?|"
    # round 67: Jellyfin's log of a log-in ('Authentication request for "ddoherty" has been
    # denied')
    r"authentication request for|"
    rf"{_FAILURES_FOR}|(?:login|log-in) attempts? for|{_RUN_AS}|su\s+-l?|"
    r"authentication failed for|user(?:name)?s?|login|log-in|account|uid|"
    # round 70: the account a device or a person logs in as ("our rota tablet logs in as
    # lorraine_b"), an admin renamed ("change the jellyfin admin from 'cormac'"), a thing's
    # maker by handle ("made by jb_adeleke")
    r"(?:logs?|logged|logging|signs?|signed|signing) (?:in|on) as|"
    r"admin(?:istrator)?(?= from\s+['\"`‘“])|"
    r"made by(?=\s+['\"`‘“]?[a-z][a-z0-9]*[._][a-z])|"
    # (round 57: a German log's genitive, "Anmeldung des Benutzers jkrause")
    r"benutzer(?:name|s)?|nutzers?|konto|utilisateur|compte|usuario|cuenta|utente|"
    r"gebruiker(?:snaam)?|"
    # round 57: the members a group is given ("group 'trustees' with members: aeriksen, ...")
    r"members?(?=\s*:)|"
    # round 29: the feminine forms ("Jellyfin-Nutzerin 'noemi'"), an MQTT client's id after its
    # address ("connected from 92.40.177.9 as esp32-amara-garage")
    r"benutzerin|nutzerin|utilisatrice|usuaria|gebruikster|anmeldename|"
    # round 30: a marketplace profile's name ("laut Profil 'mareike_hb_99'")
    r"profile|profil|perfil|profilo|profiel|"
    r"connected from [\w.:\[\]-]+ as|"
    # round 51: Mosquitto's log of a client's user name ("(p2, c1, k60, u'cristobal')")
    r"(?<=[(,\s])u(?=')|"
    # a setting's user ("NEXTCLOUD_ADMIN_USER=bjoern.hansen"), a code comment's owner
    # ("TODO(rkowalczyk)"), a commit's or a file's author
    r"\w+_user(?:name)?|todo\(|fixme\(|xxx\(|hack\(|@author|author|assignee|owner|"
    # a ticket's people, a player's or a chat's handle: "assigned to rhiannon.p", "gamertag
    # xX_Tomasz_Xx"
    r"assigned to|reported by|created by|opened by|gamertag|gamer tag|psn|steam name|xbox name|"
    # round 74: whose a thing is, the account in quotes ("VM 104 belongs to 'tschmidt'", "the
    # only allowed key is for 'hbarnes'")
    r"(?:belongs|belonging|belonged) to(?=\s+['\"`‘“])|owned by(?=\s+['\"`‘“])|"
    r"key (?:is )?for(?=\s+['\"`‘“])|"
    # round 62: a commit's or a change's author ("came from commit by wkowalczyk")
    r"(?:commits?|patch|pr|pull request|change|merge request|mr) (?:by|from)|"
    # since round 17 whoever did it, in the six languages: "deployed by `jsilva-ortega`",
    # "deploy started by gdubois", "lancé par", "gestartet von", "creado por", "avviato da",
    # a code comment's "auteur : j.rey"
    r"\w+ed by|(?:written|rewritten|overwritten) by(?=\s+['\"`‘“])|\w+é(?:e|s|es)? par|"
    r"(?:erstellt|gestartet|geändert|ausgelöst|angelegt|deployt) von|"
    r"\w+(?:ado|ido) por|\w+(?:ato|ito) da|auteur|autor|autore|auteurs|"
    r"discord|handle|nick(?:name)?|"
    # round 33: an admin's account ("my Vaultwarden admin is 'p.lindstrom'"), a French log-in
    # id in quotes ("identifiant 'g.fontaine'")
    r"admin(?:istrator)?(?=\s+(?:is|=|:)|\s*[:=])|"
    r"identifiant(?=\s*:?\s*['\"‘“«])|"
    # round 31: a guest's or a machine operator's id ("guest: ABRAMS_J", "operator ID: ...")
    r"guest(?=\s*:)|gast(?=\s*:)|operator(?:\s+id)?(?=\s*:)|"
    # round 36: someone asked about by their handle in quotes ("who is 'sanjay.r' in my
    # logbook", "qui est 'p.lambert'", "wer ist 'jkern'")
    # (round 41: "whoever 'j.mwangi' is")
    r"(?:who(?:['’]s| is)|whoever|qui est|wer ist|quién es|chi è|wie is)(?=\s+['\"‘“«])|"
    # round 35: a shop log's customer ("cust=t.brandt", "customer: jkowalski")
    r"cust(?:omer)?(?:[ _]?(?:name|id))?(?=\s*[:=])|kunde(?=\s*[:=])|"
    # round 65: a card's or a badge's holder in a door controller's or a till's log
    # ("holder=PATEL_NIKHIL")
    r"(?:card[ _]?)?holder(?=\s*[:=])|"
    # round 28: an MQTT broker's client ("Client zigbee2mqtt_mikael disconnected")
    # (an id, with a separator or a digit: not "un client allemand", "Steam-Client: Fehler")
    r"client(?:[ _-]?id)?(?=\s*[:=]?\s*['\"`]?[a-z][a-z]*[-_.\d])|"
    # a rota's or a review's people ("primary: kasia.nowak"), a home directory ("/home/svetozar/",
    # "C:\Users\klara\")
    r"(?:primary|secondary|reviewers?|approvers?|maintainers?)(?=\s*:)|"
    r"(?<=/)home(?=/)|(?<=/)Users(?=/)|(?<=\\)Users(?=\\)|"
    # round 22: a folder of each person's data ("/srv/daten/marlies", "/mnt/photos/ines/")
    rf"(?<=/){_DATA_FOLDERS}(?=/)|"
    # round 55: the account a user command makes or changes ("useradd -m -u 1001 fkowalczyk",
    # "usermod -aG dialout bartek"), its options and their values skipped
    r"(?:useradd|adduser|usermod|userdel|deluser|smbpasswd|pdbedit)"
    r"(?:\s+--?[a-z][\w-]*(?:[ =](?!-)[^\s-]\S*)?)*)"
    # (round 55: the account to come, "username will be pjaramillo")
    r"\b(?:\s+(?:for|für|pour|para|per|voor|de|di|von|van|is|ist|est|es|è|"
    # (round 63: the accounts a field lists, "Nutzer sind: mbauer, s.ozturk und fridolin")
    r"are|sind|sont|son|sono|zijn|"
    r"(?:will|would|should|shall) be)\b)?"
    r"(?:\s+\w+(?=\s+['\"`‘“«]))?"  # a service's name between: "utente plex 'gianmarco_r'"
    # (round 51: a JSON key's closing quote before its colon, "{\"user\":\"astrid\"}")
    r"(?:['\"]\s*[:=]|\s*[:=/\\]?)\s*['\"`‘“«]?\s*)"
    # (the whole account name: not the start of an e-mail address, a finding of its own; a
    # realm after it is no domain: Proxmox's "mkoch@pve", Kerberos' "jdoe@CORP")
    # (not the next field's word: "Owner is user fkowalczyk"; round 30)
    r"(?P<name>(?!(?:user(?:name)?|account|login|owner|uid|benutzer|utilisateur|usuario|utente|"
    r"gebruiker)\b)[a-z][a-z0-9._-]{2,31})"
    # (round 57: a host's address after "@" is no e-mail's domain: "user rkowalczyk@192.168.1.40")
    r"(?![\w-]|@(?!\d{1,3}\.\d)[\w-]*\.\w|\.\w)",
    re.IGNORECASE,
)
# A compound between two slashes, a topic's or a path's level (COMPOUND stops before "/"; round
# 28).
_SEGMENT = re.compile(r"(?<=/)[a-z]+(?:[-_][a-z0-9]+)+(?=/)")
# Accounts every system has: never a person.
SYSTEM_ACCOUNTS = word_set(
    "root admin administrator user users guest nobody daemon www-data pi ubuntu debian postgres "
    "mysql git docker plex homeassistant hass abc test demo backup sync ftp mail operator service "
    "svc jenkins ansible deploy www nginx apache redis minio sonarr radarr prowlarr sabnzbd "
    "truenas admin1 default system "
    # round 62: Windows's own profile folders ("C:\\Users\\Public\\")
    "public defaultuser0 wdagutilityaccount "
    # round 56: the accounts self-hosted services run as ("useradd -r -s /bin/false jellyfin")
    "jellyfin emby nextcloud paperless immich frigate mosquitto syncthing gitea forgejo grafana "
    "prometheus influxdb nodered vaultwarden pihole unbound caddy traefik transmission "
    "qbittorrent lidarr readarr bazarr overseerr tautulli homebridge zigbee2mqtt esphome kodi "
    "minecraft steam"
)
_WORD = re.compile(r"[^\W_][\w.'-]*[^\W_]|[^\W_]", re.UNICODE)
_SPLIT = re.compile(r"[-_.]")
_DIGITS = re.compile(r"\d+$")

_DATA_FOLDER = re.compile(_DATA_FOLDERS, re.IGNORECASE)
_DATA_FOLDER_BEFORE = re.compile(rf"/{_DATA_FOLDERS}/\Z", re.IGNORECASE)

Span = tuple[int, int]


class Inside:
    """Whether a position is inside one of many spans, in logarithmic time (a pasted log holds
    thousands of names)."""

    def __init__(self, spans: list[Span]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def __contains__(self, at: int) -> bool:
        k = bisect.bisect_right(self._starts, at) - 1
        return k >= 0 and at < self._ends[k]


def _token(text: str, start: int = 0) -> Token:
    """A part of an identifier as the lexicon reads a word: capitalised (an upper-case part
    would count as an acronym)."""
    return Token(text[:1].upper() + text[1:].lower(), start, start + len(text))


def _clear_given(lex: Lexicon, part: str) -> bool:
    t = _token(part)
    return len(part) >= 3 and lex.is_given(t) and not lex.is_plain_word(t)


def _clear_surname(lex: Lexicon, part: str) -> bool:
    t = _token(part)
    return len(part) >= 4 and lex.is_surname(t) and not lex.is_plain_word(t)


def _listed_or_unknown(lex: Lexicon, name: str, listed: Callable[[Lexicon, str], bool]) -> bool:
    """A name ``listed`` accepts (``_clear_given``, ``_clear_surname``) or a word no list holds;
    never a program's or a product's (the lists' ``tech``)."""
    return _key(name) not in lex.tech and (listed(lex, name) or not lex.is_word(_token(name)))


def lettered(text: str, letter: str, start: int, end: int) -> bool:
    """``letter``, an initial of the span ``start``..``end``, letters an item of a list: the
    next or previous letter of the alphabet stands with its period within 40 characters ("A.
    Backend B. Frontend C. Docs")."""
    near = text[max(0, start - 40) : start] + " " + text[end : end + 40]
    code = ord(letter)
    return any(f"{chr(c)}. " in near for c in (code - 1, code + 1) if 65 <= c <= 90)


def _parts(value: str, offset: int) -> list[tuple[str, int, int]]:
    out, at = [], 0
    for piece in _SPLIT.split(value):
        start = value.index(piece, at) if piece else at
        at = start + len(piece)
        if piece:
            out.append((piece, offset + start, offset + start + len(piece)))
    return out


def entity_names(lex: Lexicon, text: str) -> Iterator[Span]:
    """A clear given name among an entity id's words ("input_boolean.fenja_hausaufgaben",
    "binary_sensor.bed_sensor_mieke"). A name after a family's, a room's or a relative's word
    ("sensor.stromzaehler_familie_bergmann_total", "climate.kinderzimmer_mia"):
    :func:`owned_devices`, for entity ids as for every compound (:func:`_owner_after`)."""
    for m in (*ENTITY.finditer(text), *_NAMED_OBJECT.finditer(text)):
        for part, start, end in _parts(m.group("id"), m.start("id")):
            # (round 91: not a frequent word of the other languages, which an id is written
            # in lower case like them: "switch.zona_huerto")
            if (
                part.isalpha()
                and len(part) >= 4
                and _clear_given(lex, part)
                and _key(part) not in lex.common
                # (round 93: nor a German word in a German text's id, "die das Hallenlicht
                # bei Bewegung einschaltet? binary_sensor.halle_bewegung"; but a French text's
                # "sensor.manchon_porte_heures_solange")
                and not (_key(part) in lex.german and _german(text))
            ):
                yield start, end


# Round 93: a text written in German, by its function words (two of them at least).
_GERMAN_WORDS = re.compile(
    r"\b(?:der|die|das|und|ich|ein|eine|einen|nicht|wie|bei|mit|ist|auf|für|zeigt|wird)\b",
    re.IGNORECASE,
)


def _german(text: str) -> bool:
    return len(_GERMAN_WORDS.findall(text, 0, 2000)) >= 2


# Round 67: an automation's, a script's or a scene's id said after its kind, without its domain
# ("l'automatisation 'reveil_camille_semaine'", "script: morning_routine_ingrid").
_NAMED_OBJECT = re.compile(
    r"\b(?:automations?|automatisations?|automatisierung(?:en)?|automatizaci[oó]n(?:es)?|"
    r"automazion[ei]|automatisering(?:en)?|scripts?|scenes?|szenen?|scènes?|escenas?|scen[ae]|"
    r"routines?|blueprints?)\s*[:=]?\s*['\"`‘“«]?\s*(?P<id>[a-z0-9]+(?:_[a-z0-9]+)+)\b",
    re.IGNORECASE,
)


_FAMILY = frozenset(
    {
        "familie",
        "family",
        "famille",
        "familia",
        "famiglia",
        "famile",
        # round 101: its short form ("ct-jellyfin-fam-wagner")
        "fam",
        # round 67: or the parents' ("maison-parents-berthier", "nas-eltern-krause")
        "parents",
        "eltern",
        "padres",
        "genitori",
        "ouders",
    }
)
# A relative's title before a name in a device's name: "Grandma-Sue-iPad", "Oma-Rose-Tablet".
_KIN = word_set(
    "grandma grandpa granny gran nana nan nanna mum mom dad mama papa oma opa mamie papi mémé "
    "pépé nonna nonno abuela abuelo aunt auntie aunty uncle tante onkel tata tonton tia tio "
    "zia zio "
    # round 23: the other grandparents' words, and siblings, children and spouses
    # ("sensor.grandad_joe_motion", "light.bruder_jan")
    "grandad granddad grandfather grandmother gramps grampa grandpapa grandmama omi opi papy "
    "mamy papie abuelita abuelito nonnina opoe "
    "brother sister son daughter wife husband bruder schwester sohn tochter frere soeur fils "
    "fille hermano hermana hijo hija fratello sorella figlio figlia broer zus zoon dochter "
    # round 35: Polish grandparents, aunts and uncles ("dziadek_stanislaw")
    "dziadek babcia babci dziadka ciocia wujek "
    # round 47: a chat's short forms of grandparents ("gma_ines", "gpa-joe")
    "gma gpa gramma grammy "
    # round 69: "grampy"
    "grampy"
)
KIN_WORDS = _KIN  # (pii._in_identifier: a relative's name in a dashed host name; round 67)
_ROOMS = ("zimmer", "room", "chambre", "kamer", "habitacion", "stanza", "cameretta", "nursery")
# Round 60: the other rooms a name stands before in an entity id ("..._mcallister_kitchen").
_HOME_ROOMS = ("kitchen", "kueche", "küche", "cuisine", "cocina", "cucina", "keuken")
# Round 61: and someone's office or study ("gabriele-office", "buero_kemal"; not "home-office":
# "home" is no given name)
_WORK_ROOMS = ("office", "study", "buero", "büro", "bureau", "ufficio", "kantoor", "oficina")
_ROOM_ENDINGS = _ROOMS + _HOME_ROOMS + _WORK_ROOMS
# round 51: the places outside a home a camera watches, before the name of whom it is for or
# whose it is ("front_door_kemal", "drive_shahid", "einfahrt-jonas")
_OUTSIDE = word_set(
    "door frontdoor backdoor driveway drive garden yard backyard porch patio gate garage "
    "entrance entry hallway doorbell carport shed "
    "tuer tür haustuer haustür einfahrt garten eingang hof terrasse "
    "porte portail jardin entree entrée allee allée cour "
    "puerta entrada jardín cochera porton portón "
    "porta cancello giardino ingresso vialetto "
    "deur voordeur oprit tuin poort"
)
# A title before a surname in an id: "mrs_abara_driveway", "frau-schulze-briefkasten" (round 26)
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "herr", "frau", "mme", "mlle", "sig", "sra"})


def _owner_after(lex: Lexicon, before: str, part: str) -> bool:
    """Whose a thing is, after a word of a compound or an entity id: a given name after a
    relative's title ("grandpa_ted", "Grandma-Sue-iPad"), a family's name after its word
    ("vm-nextcloud-familie-schuster", not "notify.family_group"), a clear given name after a
    room ("bedroom-ananya", "climate.kinderzimmer_mia")."""
    if not part.isalpha() or len(part) < 3:
        return False
    return (
        # (round 36: or a name the lists hold only as a surname, "opa_kees", but no word)
        (
            before in _KIN
            and (
                lex.is_given(_token(part))
                or (lex.is_surname(_token(part)) and not lex.is_plain_word(_token(part)))
            )
        )
        or (before in _TITLES and len(part) > 3 and not lex.is_plain_word(_token(part)))
        or (before in _FAMILY and not lex.is_plain_word(_token(part)))
        or (before.endswith(_ROOMS) and _clear_given(lex, part))
        or (before in _OUTSIDE and _clear_given(lex, part) and not lex.is_word(_token(part)))
    )


def _owner_before(lex: Lexicon, words: list[str], n: int, owned: Container[str]) -> bool:
    """Part ``n`` a given name with a possessive "s", the part after it what it owns:
    "Johns-MacBook-Pro", "Jasmines-Galaxy-S23" (a name that is also a word), and since round 31
    "sensor.lucys_room_temperature"."""
    word = words[n]
    return (
        word.endswith("s")
        and len(word) >= 4
        and lex.is_given(_token(word[:-1]))
        and n + 1 < len(words)
        and words[n + 1] in owned
    )


# Round 76: a given name's possessive before a device only a person has ("Is Ruby's phone
# randomising its MAC?", "when DOMINIC'S laptop is on"): the name counts even when it is also a
# word ("Ruby", "Jade") or written in capitals; not a company's ("Apple's phone": no given name).
_DEVICE_OWNER = re.compile(
    r"(?<![\w'’.-])(?P<name>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,}|[A-ZÀ-ÖØ-Þ]{3,})['’][sS]\s+"
    r"(?:(?:new|old|own|work|school)\s+)?"
    r"(?:phone|mobile|laptop|tablet|ipad|iphone|macbook|chromebook|kindle|pc|computer|"
    r"switch|xbox|playstation|ps5|smartwatch)\b",
    re.IGNORECASE,
)


def device_owners(lex: Lexicon, text: str) -> Iterator[Span]:
    """The owner of a device by their name's possessive (:data:`_DEVICE_OWNER`)."""
    for m in _DEVICE_OWNER.finditer(text):
        name = m.group("name")
        if (
            (name[1:].islower() or name.isupper())
            and lex.is_given(_token(name))
            and _key(name) not in lex.tech
            and not is_known(name)
        ):
            yield m.start("name"), m.end("name")


def person_entities(text: str) -> Iterator[Span]:
    """``person.<object id>``: Home Assistant's person entities (not "person.guest")."""
    for m in PERSON_ENTITY.finditer(text):
        if m.group(1) not in SYSTEM_ACCOUNTS and m.group(1) not in _NOBODY:
            yield m.start(1), m.end(1)


_NOBODY = frozenset({"guest", "guests", "visitor", "family", "home", "house", "everyone", "anyone"})


# A document's or a picture's extension right after a compound: the compound is a file's name.
_FILE_EXTENSION = re.compile(
    r"\.(?:txt|pdf|docx?|xlsx?|odt|ods|csv|jpe?g|png|heic|mp4|mov|zip|kdbx|md)\b", re.IGNORECASE
)


def _file_names(lex: Lexicon, parts: list[tuple[str, int, int]]) -> Iterator[Span]:
    """A given name and a surname side by side in a file's name, in either order and any case:
    "KAMARA_Isatou_2024.pdf", "Isatou-Kamara-CV.docx" (round 43: not a street's name, which
    a file's name is not)."""
    for (a, sa, _), (b, _, eb) in itertools.pairwise(parts):
        if not (a.isalpha() and b.isalpha()):
            continue
        paired = (_clear_given(lex, a) and _clear_surname(lex, b)) or (
            _clear_surname(lex, a) and _clear_given(lex, b)
        )
        if paired and not (is_known(f"{a} {b}") or is_known(f"{b} {a}")):  # "Einstein_Albert"
            yield sa, eb


def _dated_files(lex: Lexicon, parts: list[tuple[str, int, int]]) -> Iterator[Span]:
    """A clear given name that is no word beside a date's number in a file's name, as a camera
    names a clip after whom it saw or a scan is named after whose it is (round 51:
    "entree_2025-03-12_lucile.mp4", "kwabena_20250601.jpg")."""
    for n, (part, start, end) in enumerate(parts):
        beside = [parts[k][0] for k in (n - 1, n + 1) if 0 <= k < len(parts)]
        if (
            part.isalpha()
            and any(b.isdigit() for b in beside)
            and _clear_given(lex, part)
            and not lex.is_word(_token(part))
        ):
            yield start, end


def owned_devices(lex: Lexicon, text: str) -> Iterator[Span]:
    """The owner's name in a device's host name or entity id: a device word ("iphone",
    "laptop", a tracker entity) and a name beside it ("priyam", "Johns", "de-Beatriz")."""
    candidates: list[tuple[list[tuple[str, int, int]], bool]] = []
    for m in COMPOUND.finditer(text):
        parts = _parts(m.group(), m.start())
        candidates.append((parts, False))
        if "_" not in m.group() and _MACHINE_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            # round 62: a VM's or a container's name said after its kind ("VM 104
            # 'nextcloud-maria'"): a given name in it, even one that is also a word, but no
            # program's or system account's; not Docker's own names ("festive_hamilton")
            for n, (part, start, end) in enumerate(parts):
                if (
                    part.isalpha()
                    and len(part) >= 3
                    # (round 101: or a surname the lists hold and no word at the name's end,
                    # whose it is, "LXC 'nextcloud-okafor'"; not a machine's kind, "ubuntu-server")
                    and (
                        lex.is_given(_token(part))
                        or (n == len(parts) - 1 and n > 0 and _clear_surname(lex, part))
                    )
                    and not part.lower().endswith(_DEVICE_ENDINGS)
                    and _key(part) not in lex.tech
                    and part.lower() not in SYSTEM_ACCOUNTS
                ):
                    yield start, end
                elif (
                    # round 84: its owner's name with the possessive's "s" and no apostrophe
                    # ("container 'lucys-minecraft'")
                    part.isalpha()
                    and part.lower().endswith("s")
                    and _clear_given(lex, part[:-1])
                    and len(part) >= 5
                    and not lex.is_plain_word(_token(part))
                ):
                    yield start, end - 1
        if _FILE_EXTENSION.match(text, m.end()):
            yield from _file_names(lex, parts)
            yield from _dated_files(lex, parts)
    for m in ENTITY.finditer(text):
        candidates.append(
            (_parts(m.group("id"), m.start("id")), m.group("domain") == "device_tracker")
        )
    for m in _PROMPT_HOST.finditer(text):  # a shell prompt's host (round 58)
        candidates.append((_parts(m.group(), m.start()), False))
    for m in _SEGMENT.finditer(text):  # an MQTT topic's level: "home/rooms/bedroom_lukas/temp"
        parts = _parts(m.group(), m.start())
        candidates.append((parts, False))
        # round 45: a level named after someone below a room's ("home/bedroom/leilani_ph/")
        above = text[: m.start() - 1].rsplit("/", 1)[-1].lower()
        if above and (above.endswith(_ROOMS) or above in _KIN) and _clear_given(lex, parts[0][0]):
            yield parts[0][1], parts[0][2]
    # the first word of two or more constants' names in capitals: a program's prefix
    # (read only when there are identifiers to judge: a scan of the whole text)
    prefixes = Counter(
        c.split("_", 1)[0]
        for c in ({m.group() for m in _CONSTANT.finditer(text)} if candidates else ())
    )
    namespaces = {prefix for prefix, count in prefixes.items() if count >= 2}
    for parts, tracker in candidates:
        if parts and parts[0][0] in namespaces:
            continue  # constants of one program, "ROTA_DB_URL, ROTA_ADMIN_EMAIL" (round 73)
        words = [p.lower() for p, _, _ in parts]
        for n in range(1, len(parts)):
            part, start, end = parts[n]
            if words[n - 1] in _TITLES and parts[n - 1][0].isupper():
                continue  # an acronym, not a title: "MS-Therapie", "MS-Schub" (round 76)
            if _owner_after(lex, words[n - 1], part):
                yield start, end
        for (a, start, end_a), (b, _, _) in itertools.pairwise(parts):
            # round 69: a family's name before its word ("immich-photos-patel-family"), a
            # surname the lists hold that is no word
            if b.lower() in _FAMILY and len(a) >= 4 and a.isalpha() and _clear_surname(lex, a):
                yield start, end_a
        for (a, start, _), (b, _, end) in itertools.pairwise(parts):
            # "henrik-lindgren-tv"; not a street or a place named after someone, capitalised
            # ("Karl-Marx-Allee", "Marie-Galante")
            # (round 70: or the surname first, as a customer's folder files them,
            # "/kunden/weber_sabine/": a surname that is no given name)
            if (
                a.islower()
                and b.islower()
                and (
                    (_clear_given(lex, a) and _clear_surname(lex, b))
                    or (
                        _clear_surname(lex, a)
                        and not lex.is_given(_token(a))
                        and _clear_given(lex, b)
                        and _key(a) not in lex.tech
                    )
                )
            ):
                yield start, end
        for (a, sa, ea), (glue, _, _), (b, sb, eb) in zip(
            parts, parts[1:], parts[2:], strict=False
        ):
            # "Nikos-and-Eleni-5G": two given names joined by "and" in a wifi's or host's name
            if glue.lower() in _AND and (_clear_given(lex, a) or _clear_given(lex, b)):
                yield sa, ea
                yield sb, eb
        for n in range(len(parts) - 1):
            # round 57: a given name before a room ("olga_bedroom_sensor"); round 60: or a
            # surname ("sensor.fridge_temp_mcallister_kitchen")
            if words[n + 1].endswith(_ROOM_ENDINGS) and (
                _clear_given(lex, parts[n][0])
                or (
                    len(parts[n][0]) >= 5
                    and _clear_surname(lex, parts[n][0])
                    and not lex.is_word(_token(parts[n][0]))  # "fenster_klassenzimmer"
                )
            ):
                yield parts[n][1], parts[n][2]
        last, start, end = parts[-1]
        if (
            len(parts) >= 3
            and any(w.endswith(_ROOMS) for w in words[:-2])
            and _clear_given(lex, last)
            and not lex.is_word(_token(last))
        ):
            # round 61: whose a room's device is, at the id's end ("bedroom_sensor_yara",
            # "kinderzimmer-lampe-ayla")
            yield start, end
        device = any(
            w in DEVICE_WORDS or (w.endswith(_DEVICE_ENDINGS) and len(w) >= 9) for w in words
        )
        for n in range(1, len(parts)):
            # "alerts-for-hamish", "tv-de-pierrot": whom it is for (a name of the lists; with a
            # device, any word no dictionary knows: "Galaxy-A54-von-Wolke"); not a street's or a
            # room's name ("Charles-de-Gaulle", "salle-de-bain")
            part, start, end = parts[n]
            if words[n - 1] not in CONNECTORS or not part.isalpha() or len(part) < 3:
                continue
            if (_clear_given(lex, part) and (device or part.islower())) or (
                device and not lex.is_plain_word(_token(part))
            ):
                yield start, end
        if any(w in OWN_WORDS for w in words):  # "bryony-blog", "laptop-wolfgang"
            for n, (part, start, end) in enumerate(parts):
                if (_clear_given(lex, part) and len(part) >= 4) or (
                    # a file's name: "passport_Nakamura_TR6204815.pdf" (not "Hue-Lampe")
                    part[:1].isupper()
                    and words[n] not in OWN_WORDS
                    and "_" in text[start - 1 : end + 1]
                    and _clear_surname(lex, part)
                ):
                    yield start, end
                elif _owner_before(lex, words, n, OWN_WORDS):  # "sensor.lucys_room_temperature"
                    yield start, end - 1
        if not tracker and not device:
            continue
        for n, (part, start, end) in enumerate(parts):
            word = words[n]
            if word in DEVICE_WORDS or not part.isalpha():
                continue
            # (after a connector, a given name that is also a word: "tablet-von-Rose"; after a
            # relative's title: :func:`_owner_after`)
            after_connector = n > 0 and words[n - 1] in CONNECTORS
            if (
                (after_connector and len(part) >= 3 and lex.is_given(_token(part)))
                or _clear_given(lex, part)
                or (part[:1].isupper() and _clear_surname(lex, part))  # "Kindle-Rafferty"
                # round 57: or in lower case, no program's ("pve-ct-kowalczyk-files")
                or (
                    part.islower()
                    and len(part) >= 5
                    and _clear_surname(lex, part)
                    and _key(part) not in lex.tech
                )
                # round 53: an account's name in capitals, as Windows names a PC after its
                # user ("DESKTOP-JBALOGUN"; not "DESKTOP-7F3K2LQ")
                or (part.isupper() and len(part) >= 5 and login_name(lex, part.lower()))
            ):
                yield start, end
            elif _owner_before(lex, words, n, DEVICE_WORDS):  # "Johns-MacBook-Pro"
                yield start, end - 1
            elif (  # round 76: the possessive's apostrophe made a dash, "Ruby-s-iPhone"
                n + 2 < len(words)
                and words[n + 1] == "s"
                and words[n + 2] in DEVICE_WORDS
                and len(part) >= 3
                and lex.is_given(_token(part))
            ):
                yield start, end


# A given name and a surname glued in CamelCase ("xX_LukaPetrovic_Xx", "AnnaKowalski"), or
# joined by "-" in a link's path ("calendly.com/tariq-haddadin/30min").
_CAMEL = re.compile(
    r"(?<![^\W\d_])([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,})([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,})(?![^\W\d_])"
)
# (round 47: the relative's word capitalised too, "PapyMarcel", "OmaRose")
_KIN_CAMEL = re.compile(r"(?<![^\W\d_])([A-Za-z][a-z]+)([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,})(?![^\W\d_])")
_PATH_NAME = re.compile(r"(?<=/)([a-z]{3,})[-_.]([a-z]{3,})(?=[/?#\s\"')]|$)")
_AND = frozenset({"and", "und", "et", "y", "e", "en"})
# A folder named after its owner, holding their kind of data: "/mnt/tank/farhan/photos/",
# "/srv/nextcloud/Ilse/Documents" (the data folder before the name: LOGIN's _DATA_FOLDERS).
_OWNER_FOLDER = re.compile(
    rf"(?<=/)([^\W\d_]{{4,}})/(?={_DATA_FOLDERS}(?:/|\b(?!\.)))", re.IGNORECASE
)


# Round 57: an identifier that starts with whose it is, a name and a possessive or a family's
# plural "s" ("Annas_Officejet", "Nowaks_Garden_Cam", "ThePatelsHouse"), and a folder named
# after someone in full ("files/Rahel Tesfaye/Riders/").
_OWNER_S = re.compile(
    r"(?<![^\W_])(?:The|Die|Les|Los)?(?P<name>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,}s)(?=[A-Z][a-z]|_[A-Za-z])"
)
# (round 68: or a surname in capitals first, as records file people: "/clients/ABRAHAMS_Noah/")
_SURNAME_FIRST_FOLDER = re.compile(r"(?<=/)([A-ZÀ-ÖØ-Þ]{3,})_([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,})(?=/)")
# (round 67: or joined by "_", "Schüler/Greta_Vogel/Arbeitsblätter")
_NAMED_FOLDER = re.compile(
    r"(?<=/)([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,})[ _]([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,})(?=/)"
)


# Round 70: an identifier the text says holds a name ("hostname 'dns-hallorans' (our surname)",
# "wifi 'casa_iturbe' — my last name"): its parts that are no word, no program's.
_SAID_TO_BE_A_NAME = re.compile(
    # (the identifier from its start only: one try per token, not one per letter of it)
    r"(?<![\w.-])['\"`‘“]?(?P<id>[^\W\d_][\w.-]*[^\W_])['\"`’”]?\s*(?:\(|[-–—,:]\s*)"
    r"(?:that['’]s\s+|it['’]s\s+|is\s+)?(?:our|my|his|her|their|the family['’]s)\s+"
    r"(?:(?:sur|last |family |first |given |middle |maiden |pet |nick)name|nickname)\b",
    re.IGNORECASE,
)


def glued_names(lex: Lexicon, text: str) -> Iterator[Span]:
    """A clear given name and a clear surname glued in CamelCase, or in a link's path; a
    relative's word glued to a given name ("nanaBeatrice"; round 29)."""
    for m in _SAID_TO_BE_A_NAME.finditer(text):
        for part, start, end in _parts(m.group("id"), m.start("id")):
            if (
                part.isalpha()
                and part.lower() not in DEVICE_WORDS
                and part.lower() not in SYSTEM_ACCOUNTS
                and _key(part) not in lex.tech
                and (
                    _clear_surname(lex, part)
                    or _clear_given(lex, part)
                    or (len(part) >= 4 and not lex.is_word(_token(part)))
                )
            ):
                yield start, end
    for m in _CAMEL.finditer(text):
        if _clear_given(lex, m.group(1)) and _clear_surname(lex, m.group(2)):
            yield m.start(1), m.end(2)
    for m in _KIN_CAMEL.finditer(text):
        if m.group(1).lower() in _KIN and lex.is_given(_token(m.group(2))):
            yield m.start(2), m.end(2)
    for m in _OWNER_S.finditer(text):
        name = m.group("name")
        if (
            (_clear_given(lex, name[:-1]) or _clear_surname(lex, name[:-1]))
            and not lex.is_plain_word(_token(name))
            and _key(name) not in lex.tech
        ):
            yield m.start("name"), m.end("name")
    for m in _NAMED_FOLDER.finditer(text):
        if _clear_given(lex, m.group(1)) and not lex.is_plain_word(_token(m.group(2))):
            yield m.start(1), m.end(2)
    for m in _SURNAME_FIRST_FOLDER.finditer(text):  # "/clients/ABRAHAMS_Noah/" (round 68)
        if _clear_given(lex, m.group(2)) and not lex.is_plain_word(_token(m.group(1))):
            yield m.start(1), m.end(2)
    for m in _OWNER_FOLDER.finditer(text):  # "/mnt/tank/farhan/photos" (round 43)
        if _clear_given(lex, m.group(1)):
            yield m.start(1), m.end(1)
    for m in _PATH_NAME.finditer(text):  # a link's path: a surname the lists may not know
        surname = _token(m.group(2))
        if (
            _clear_given(lex, m.group(1))
            and not lex.is_plain_word(surname)
            and len(m.group(2)) >= 4
        ):
            yield m.start(1), m.end(2)


def names_someone(lex: Lexicon, label: str) -> bool:
    """A domain's name with a person's name in it: a clear given name or surname among its
    "-" parts ("baeckerei-schmidt", "priya-raman"), or a given name glued to a surname
    ("annamueller")."""
    parts = [p for p in label.split("-") if p.isalpha()]
    if any(_clear_given(lex, p) or _clear_surname(lex, p) for p in parts):
        return True
    return any(
        _clear_given(lex, p[:i]) and (_clear_surname(lex, p[i:]) or lex.is_surname(_token(p[i:])))
        for p in parts
        for i in range(3, len(p) - 2)
    )


# Words that a letter before makes a program, not an initial and a surname: "xserver".
_MACHINE_WORDS = word_set("server client host master node proxy router gateway stream worker agent")


def login_name(lex: Lexicon, name: str) -> bool:
    """An account name made of a person's name: "heinz", "bilal_k", "kai.takahashi08",
    "gkrause" (an initial and a surname), "annam" (a given name and an initial)."""
    if name.lower() in SYSTEM_ACCOUNTS:
        return False
    if _key(name) in lex.common and _key(name) in lex.german:
        return False  # a frequent German word after a user's field: "Benutzer nur" (round 93)
    parts = [_DIGITS.sub("", p) for p in _SPLIT.split(name)]
    parts = [p for p in parts if p.isalpha()]
    if any(_clear_given(lex, p) or _clear_surname(lex, p) for p in parts):
        return True
    if len(parts) > 1 and any(
        len(p) >= 6 and not lex.is_plain_word(_token(p)) and _clear_surname(lex, p[1:])
        for p in parts
    ):
        # an initial and a surname, then more: "jmcallister-kids" (round 58)
        return True
    if (
        len(parts) == 2
        and "." in name
        and len(parts[0]) >= 4
        and len(parts[1]) >= 4  # (not a file's extension: "repo.git")
        and not lex.is_plain_word(_token(parts[0]))
        and _key(parts[0]) not in lex.tech
        and parts[0].lower() not in SYSTEM_ACCOUNTS
        and (lex.is_surname(_token(parts[1])) or not lex.is_plain_word(_token(parts[1])))
    ):
        # a given name and a surname, joined by a dot as account names are, the first no word
        # or program the lists hold ("isabeau.leclerc"; round 55)
        return True
    if (
        len(parts) in (2, 3)
        and all(len(p) == 1 for p in parts[:-1])
        and "." in name
        and len(parts[-1]) >= 5
        and not lex.is_plain_word(_token(parts[-1]))
        and _key(parts[-1]) not in lex.tech
    ):
        # round 61: one or two initials, a dot and a surname no list holds, no word and no
        # program ("h.o.mbeki", "h.mbeki")
        return True
    if len(parts) == 2 and min(len(p) for p in parts) == 1:
        # a given name that is also a word, and an initial: "ebony_w", "r.hope"; or an initial
        # and a name the lists do not hold, no word, no program: "u.schneidereit",
        # "ravikumar_s" (session 19)
        given = max(parts, key=len)
        return (len(given) >= 3 and lex.is_given(_token(given))) or (
            len(given) >= 6
            and not lex.is_plain_word(_token(given))
            and _key(given) not in lex.tech
            and given.lower() not in SYSTEM_ACCOUNTS
        )
    core = "".join(parts)
    if (
        len(parts) == 1
        and any(
            core.lower().startswith(kin)
            and core[len(kin) : len(kin) + 1].islower()  # ("omaHildegard": glued_names' own)
            and len(core) - len(kin) >= 3
            and lex.is_given(_token(core[len(kin) :]))
            for kin in _KIN
        )
    ):
        # a relative's word glued to a given name: "mamalupe", "papaheinz" (round 57)
        return True
    if (
        len(parts) == 1
        and len(core) >= 6
        and not lex.is_plain_word(_token(core))
        and lex.is_surname(_token(core[1:]))
        and lex.is_given(_token(core[1:]))
        and core[1:].lower() not in _MACHINE_WORDS
    ):
        # an initial and a surname that is also a given name: "dmartin" (session 19; in an
        # account's place only; not "xserver", "pmaster": words the surname lists hold)
        return True
    return (
        len(parts) == 1
        and len(core) >= 5
        and not lex.is_plain_word(_token(core))  # "DOCKER-USER chain": a word, not "c" + "hain"
        and (
            _clear_surname(lex, core[1:])
            or _clear_given(lex, core[:-1])
            # round 47: a whole given name glued to a whole surname that is no word
            # ("julesvandenberg", "mariakowalczyk")
            or any(
                lex.is_given(_token(core[:i])) and _clear_surname(lex, core[i:])
                for i in range(4, len(core) - 4)
            )
        )
    )


def login_names(lex: Lexicon, text: str) -> Iterator[Span]:
    """The account after a log-in field: "publickey for jkowalski", "uid=yhassan",
    "Benutzer 'gkrause'", "runs as user heinz"; a home directory's owner whatever the name
    ("/home/elspeth/", "C:\\Users\\klara\\"), but a system account; the user of a web
    server's access log line ("212.159.44.101 - mirela [03/Jul/2024...") and a URL's
    ("rtsp://lwilkerson:...@"; round 29)."""
    for m in itertools.chain(
        _URL_USER.finditer(text),
        _SSH_USER.finditer(text),
        _GAME_LOG.finditer(text),
        _REMOTE_USER.finditer(text),
        _USER_AT_IP.finditer(text),
        _USER_AT_HOST.finditer(text),
        _DOMAIN_USER.finditer(text),
        _REALM_USER.finditer(text),
        _ACCOUNT_WEIGHED.finditer(text),
        _LOGIN_IS.finditer(text),
        _RUNS_AS.finditer(text),
        _QUOTED_ACCOUNT.finditer(text),
    ):
        if login_name(lex, m.group("name")):
            yield m.start("name"), m.end("name")
    for m in itertools.chain(
        _CURL_USER.finditer(text), _USER_QUOTED.finditer(text), _ACTIVITY_QUOTED.finditer(text)
    ):
        if login_name(lex, m.group("name")) or _initial_and_surname(lex, m.group("name")):
            yield m.start("name"), m.end("name")
    # Round 63: the account a Nextcloud occ user command names ("occ user:resetpassword
    # tkachenko.o"); round 76: or a Unix command ("getent passwd mehmet.aydin")
    for m in itertools.chain(_OCC_USER.finditer(text), _UNIX_ACCOUNT.finditer(text)):
        name = m.group("name").rstrip("._-")
        if login_name(lex, name) or _unknown_account(lex, name):
            yield m.start("name"), m.start("name") + len(name)
    # An account by its field alone, whatever its name, as a home directory's (round 34): an
    # access log's authenticated user ("- jdavenport ["), a Nextcloud user's WebDAV folder
    # ("/remote.php/dav/files/jdavenport/"), a URL's user parameter ("?u=ella&").
    for m in itertools.chain(
        _ACCESS_LOG_USER.finditer(text),
        _DAV_USER.finditer(text),
        _QUERY_USER.finditer(text),
        _SSH_CONFIG_USER.finditer(text) if _SSH_HOST.search(text) else (),
    ):
        name = m.group("name")
        if _own_account(name) or login_name(lex, name):
            yield m.start("name"), m.end("name")
    for m in itertools.chain(_DATA_DIR_USER.finditer(text), _ACCESS_LOG_DASH_USER.finditer(text)):
        # (a folder's or a host's name that is a word may be any data's or any machine's:
        # "/srv/data/media/files/", "192.168.1.40 - printer - Brother HL")
        name = m.group("name")
        if login_name(lex, name) or (_own_account(name) and _no_word(lex, name)):
            yield m.start("name"), m.end("name")
    pos = 0
    while (m := LOGIN.search(text, pos)) is not None:
        name = m.group("name").rstrip("._-")
        # (round 58: a data folder inside another, "/srv/nextcloud/data/hendrik/": the inner
        # one is a field too)
        pos = m.start("name") if _DATA_FOLDER.fullmatch(name) else m.end()
        home = (
            text[max(0, m.start("name") - 7) : m.start("name")]
            .lower()
            .endswith(("home/", "users/", "users\\"))
        )
        if home:
            own = _own_account(name)
        elif _DATA_FOLDER_BEFORE.search(text, 0, m.start("name")):
            own = name.isalpha() and _clear_given(lex, name)  # "/srv/daten/marlies"
        else:
            # sshd's account, whatever the name (round 38: "Accepted publickey for fmartin")
            # round 46: or the message of a log-in's success or failure before the name, or a
            # Proxmox realm after it, when the name is no word ("... de connexion pour
            # l'utilisateur", "... depuis 192.168.1.77"; not "'Login failed' lines")
            own = _own_account(name.replace(".", "")) and (
                _SSHD_LOGIN.match(m.group()) is not None
                or (
                    name.lower() != "invalid"
                    and _SSHD_PASSWORD.search(text, max(0, m.start() - 12), m.start("name"))
                    is not None
                )
                or (
                    (
                        _SURE_LOGIN.search(text, m.start(), m.start("name")) is not None
                        or _REALM.match(text, m.start("name") + len(name)) is not None
                    )
                    and _no_word(lex, name)  # "useradd ... jellyfin": a service's
                )
            )
        at = m.start("name") + len(name)
        if (
            own
            or login_name(lex, name)
            or _titled_given(lex, name, text[at : at + 1])
            or (not home and _initial_and_surname(lex, name))
        ):
            yield m.start("name"), at
            while (more := _NEXT_ACCOUNT.match(text, at)) and login_name(lex, more["name"]):
                yield more.start("name"), more.end("name")
                at = more.end()


# Round 63: an account quoted right before its word ("the 'oluwaseun' account", "das Konto
# 'mbauer'" is LOGIN's), a command-line client's user before its password ("curl -u
# 'hpatel:hunter2'"), a Nextcloud occ user command's account.
_QUOTED_ACCOUNT = re.compile(
    r"['\"‘“«`](?P<name>[a-z][\w.-]{1,31})['\"’”»`]\s+(?:user\s+)?"
    r"(?:account|konto|compte|cuenta|profile|profil|perfil)\b",
    re.IGNORECASE,
)
_CURL_USER = re.compile(r"(?:\s-u|--user)\s*['\"]?(?P<name>[a-z][\w.-]{1,31}):", re.IGNORECASE)
_OCC_USER = re.compile(
    r"\bocc\s+user:[a-z-]+(?:\s+--?[a-z][\w-]*(?:=\S+)?)*\s+['\"]?(?P<name>[a-z][\w.-]{1,31})",
    re.IGNORECASE,
)
# Round 76: the account a Unix command takes ("getent passwd mehmet.aydin", "usermod -aG docker
# lwhite", "sudo -u priya.s").
_UNIX_ACCOUNT = re.compile(
    r"\b(?:getent\s+(?:passwd|shadow)|usermod|userdel|deluser|chage|passwd|smbpasswd|"
    r"sudo\s+-u|su\s+-l?|lastlog\s+-u|pdbedit\s+-u)"
    r"(?:\s+-[a-z]+(?:\s+(?!-)[\w,]+(?=\s+[a-z]))?)*\s+['\"]?(?P<name>[a-z][\w.-]{1,31})",
    re.IGNORECASE,
)
# Two consonants that begin words of the six languages: any other pair opening an account's
# name is an initial before a surname ("mbauer", "jpetrosyan", "tkachenko" is no such pair).
_ONSETS = frozenset(
    str.split(
        "bl br ch cl cr dr dw fl fr gl gn gr kl kn kr ph pl pn pr ps qu rh sc sh sk sl sm sn sp "
        "sq st sv sw sz th tr ts tw tz vl vr wh wr zw zh"
    )
)
_VOWELS = frozenset("aeiouyäöüéèàáíóúâêîôû")


def commanded_account(text: str, start: int) -> bool:
    """Round 63: a name at ``start`` that a command gives as its account ("curl -u 'hpatel:...'",
    "occ user:resetpassword tkachenko.o", and since session 31 a Unix command's, "getent passwd
    anke.vogel", "sudo -u tmiller"): no tone of the text makes it anything else."""
    return any(
        m.start("name") == start
        for pattern in (_CURL_USER, _OCC_USER, _UNIX_ACCOUNT)
        for m in pattern.finditer(text, max(0, start - 80), start + 40)
    )


def _initial_and_surname(lex: Lexicon, name: str) -> bool:
    """Round 63: an account's name in a log-in field made of an initial and a surname no list
    holds ("user jdelacroix", "login is jpetrosyan", "mbauer"): letters only, its first two
    letters consonants no word starts with, then a vowel among the next two; neither the whole
    nor the rest (after one letter or two) a program's, a system's or a word (but a German
    one, "bauer")."""
    low = name.lower()
    return (
        name.isalpha()
        and len(name) >= 6
        and low[0] not in _VOWELS
        and low[1] not in _VOWELS
        and low[:2] not in _ONSETS
        and (low[2] in _VOWELS or low[3] in _VOWELS)
        and low not in SYSTEM_ACCOUNTS
        and low[1:] not in _MACHINE_WORDS
        and _no_word(lex, name)
        and _key(name[1:]) not in lex.tech
        # (the rest no word but a German one, "mbauer"; nor after two letters, "hrportal")
        and not lex.is_plain_word(_token(name[1:]))
        and not lex.is_plain_word(_token(name[2:]))
    )


def _unknown_account(lex: Lexicon, name: str) -> bool:
    """An account's name of letters (and "." or "_") that is no system's, program's or word."""
    bare = re.sub(r"[._]", "", name)
    return (
        bare.isalpha()
        and len(bare) >= 3
        and bare.lower() not in SYSTEM_ACCOUNTS
        and _no_word(lex, bare)
    )


def _no_word(lex: Lexicon, name: str) -> bool:
    """No word, frequent word or program's name the lists hold."""
    return (
        not lex.is_plain_word(_token(name))
        and _key(name) not in lex.common
        and _key(name) not in lex.tech
    )


# Round 59: someone's log-in said to be an account, a few words after its field ("my login to
# the physio booking portal is mcarrington_1987").
_LOGIN_IS = re.compile(
    # (round 76: the other languages' possessives and "c'est": "son identifiant c'est 'creid'")
    r"\b(?:my|our|his|her|their|mon|son|leur|sein|seine|ihr|ihre|mein|meine|su|mi|il suo|"
    r"zijn|haar|mijn)\s+(?:login|log-in|username|user name|user|account|handle|"
    r"benutzername|identifiant|usuario|utente)\b[^.\n\"]{0,40}?\s(?:is|ist|est|c['’]est|es|è)\s+"
    r"['\"`‘“«]?(?P<name>[a-z][\w.-]{2,31})",
    re.IGNORECASE,
)
# Round 98: an app's user quoted right after its field's word, in the six languages ("user id
# is 'b.okeke'", "son login c'est 'jpfontaine'", "Login fehlgeschlagen: \"tbecker\""): a
# person's name, or an initial and a surname no list holds (not "jvdberg": two initials and
# a particle's, which read as no name's start).
_USER_QUOTED = re.compile(
    r"\b(?:user(?:\s*id|name)?|login|log-in|benutzer(?:name)?|gebruiker(?:snaam)?|"
    r"utilisateur|identifiant|usuario|utente)\s*(?:(?:is|ist|est|c['’]est|es|è|=|:)\s*)?"
    r"(?:fehlgeschlagen\s*:\s*)?['\"‘“«]\s?(?P<name>[a-z][\w.-]{1,31})\s?['\"’”»]",
    re.IGNORECASE,
)
# Round 101: an account quoted where an app's log or activity names who did it ("Nextcloud
# activity says 'liesbeth'", "Grafana zeigt Logins von 'svenja.kluge'", "sign-ins by 'amir'").
_ACTIVITY_QUOTED = re.compile(
    r"\b(?:activity|activités?|aktivität(?:en)?|audit\s+log|log-?ins?|sign-?ins?|anmeldungen)\s+"
    r"(?:(?:says|shows|lists|zeigt|von|from|by|of|de|par|du)\s+){1,2}"
    r"['\"‘“«]\s?(?P<name>[a-z][\w.-]{1,31})\s?['\"’”»]",
    re.IGNORECASE,
)
# Round 76: what runs or logs in as an account ("one run as ug_okafor and one as root", "logged
# in as t.brandt").
_RUNS_AS = re.compile(
    # (round 80: or connects over ssh as it, "tried to ssh in as 'miriam'")
    r"\b(?:runs?|running|ran|logged\s+in|log\s+in|logs\s+in|signed\s+in|sign\s+in|"
    r"ssh(?:es|ed|ing)?(?:\s+in)?)\s+as\s+"
    r"(?:user\s+)?['\"`‘“«]?(?P<name>[a-z][\w.-]{2,31})",
    re.IGNORECASE,
)
# Round 59: a CSV's or a table's column of accounts: the values under "user", "username",
# "login" in the rows below their header ("date,exercise,reps,user" ... "03-01,clamshell,15,
# jbarnaby").
_ACCOUNT_COLUMNS = frozenset(
    {"user", "username", "user_name", "login", "userid", "user_id", "account"}
)


def account_columns(lex: Lexicon, text: str) -> Iterator[Span]:
    """The accounts under a CSV header's account column, in the rows of its width below it
    (round 59); a row of another width ends the table."""
    at = 0
    column: int | None = None
    width = 0
    for line in text.split("\n"):
        cells = line.split(",")
        if len(cells) >= 2:
            if column is None:
                keys = [c.strip().strip("\"'").lower() for c in cells]
                hits = [i for i, k in enumerate(keys) if k in _ACCOUNT_COLUMNS]
                if hits:
                    column, width = hits[0], len(cells)
            elif len(cells) == width:
                start = at + sum(len(c) + 1 for c in cells[:column])
                value = cells[column].strip().strip("\"'")
                if value and login_name(lex, value):
                    offset = start + cells[column].index(value)
                    yield offset, offset + len(value)
            else:
                column = None
        else:
            column = None
        at += len(line) + 1


def _titled_given(lex: Lexicon, name: str, after: str) -> bool:
    """A given name written as one, capitalised and quoted alone, in an account's place:
    "profile for 'Mats'" though "mats" is a word (round 57; not "members: 'Carol singing ...'")."""
    return (
        after in ("'", '"', "`", "’", "”", "»")
        and name[:1].isupper()
        and name[1:].islower()
        and len(name) >= 3
        and lex.is_given(_token(name))
    )


# The common and combined log formats: host, ident ("-"), the authenticated user, the time.
_ACCESS_LOG_HOST_USER = (
    r"(?<![\w.:])(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:]+) - (?P<name>[a-z][\w.-]{1,31}) "
)
_ACCESS_LOG_USER = re.compile(
    _ACCESS_LOG_HOST_USER
    # (round 60: or a shorter format's request right after, "- heidi.w GET /admin")
    # (round 76: or the request in its quotes, '- hussein "POST /login" 401')
    + r"(?:\[|\"?(?:GET|POST|PUT|DELETE|HEAD|PATCH|OPTIONS) /)",
    re.IGNORECASE,
)

# A game server's log of its players (Minecraft's "[21:03:44] clemence_r2 joined the game"):
# the player, when the handle is made of a name (round 34).
_GAME_LOG = re.compile(
    r"(?:^|\]:?\s)(?P<name>[a-z][\w.-]{2,15}) (?:joined the game|left the game|"
    r"lost connection|was slain by|was shot by|fell from|drowned|has made the advancement)",
    re.IGNORECASE | re.MULTILINE,
)
# A Nextcloud (or ownCloud) user's WebDAV files: "/remote.php/dav/files/jdavenport/".
_DAV_USER = re.compile(
    r"/remote\.php/dav/(?:files|calendars|addressbooks/users)/(?P<name>[a-z][\w.-]{1,31})(?=/|\s|$)",
    re.I,
)
# Round 82: an access log's user with the time left out, the line's next dash after it
# ("83.44.215.19 - ccortes - ..."): read only when no word (an inventory's "192.168.1.40 -
# printer - Brother HL" has the same shape).
_ACCESS_LOG_DASH_USER = re.compile(_ACCESS_LOG_HOST_USER + r"[-–—] ", re.IGNORECASE)
# Round 82: a user's folder in Nextcloud's data directory, its files below
# ("/var/www/nextcloud/data/okwuosa/files/Medical/").
_DATA_DIR_USER = re.compile(r"/data/(?P<name>[a-z][\w.-]{1,31})/files/", re.I)
# Round 65: an OpenSSH client config's account, the "User" line of a "Host" block ("Host
# mum-pi / HostName 81.98.147.62 / User hyacinth").
_SSH_CONFIG_USER = re.compile(r"(?m)^[ \t]+User[ \t]+(?P<name>[a-z][\w.-]{1,31})[ \t]*$")
_SSH_HOST = re.compile(r"(?m)^Host[ \t]+\S")
# A URL's parameter that names its user: "?u=ella&src=...", "&username=jkim".
_QUERY_USER = re.compile(
    r"[?&](?:u|uid|user|username|login)=(?P<name>[a-z][\w.-]{1,31})(?=[&#\s\"'>]|$)", re.I
)


# The log-in field that only ever names an account: sshd's "Accepted publickey for <user>";
# and (round 46) the messages of a log-in's success or failure, a French user in guillemets, a
# dispatch log's driver.
_SSHD_LOGIN = re.compile(r"publickey\s+for\s+", re.IGNORECASE)
# (round 93: and its password log-ins, "Failed password for jarrah from ...", not a bot's
# "Failed password for invalid user admin" nor "the default password for the admin")
_SSHD_PASSWORD = re.compile(r"(?:Failed|Accepted)\s+password\s+for\s+\Z")
_SURE_LOGIN = re.compile(
    r"login (?:failed|successful)|successful login|échec de connexion|"
    # (round 91: dropbear's)
    r"auth succeeded for|bad password attempt for|"
    r"connexion réussie|accesso (?:non )?riuscito|anmeldung fehlgeschlagen|"
    r"utilisat(?:eur|rice)\s*«|drv\s*[:=]|"
    # round 56: a command's account ("sudo -u ptrzaskowski", "useradd -m ... fkowalczyk") and
    # failures counted for an account
    rf"{_RUN_AS}|useradd|adduser|usermod|{_FAILURES_FOR}",
    re.IGNORECASE,
)


def _own_account(name: str) -> bool:
    """An account of letters that no system has: a person's."""
    return name.isalpha() and name.lower() not in SYSTEM_ACCOUNTS and name.lower() not in _NOBODY


# A Proxmox account's realm right after its name: "jbabatunde@pve", "mkoch@pam" (round 46).
_REALM = re.compile(r"@(?:pve|pam)\b")


# A URL's user before its password: "rtsp://lwilkerson:Summer2024@192.168.0.44" (round 29).
_URL_USER = re.compile(r"://(?P<name>[a-z][\w.-]{1,31}):[^\s/@]*@", re.IGNORECASE)
# An ssh target's user before its host: "ssh jorge@my-nas", "ssh -p 2222 ana@nas" (round 33).
_SSH_USER = re.compile(
    r"\bssh\s+(?:-\w+(?:\s+[^\s@]+)?\s+)*(?P<name>[a-z][\w.-]{1,31})@[\w-]", re.IGNORECASE
)


# A copy's remote account before its host and path: "rsync -a /srv/ benedicte@nas:/backup/",
# "scp f kemal@78.171.40.212:/backups/" (round 56; an e-mail address has no colon after it).
_REMOTE_USER = re.compile(
    r"(?<![\w.@/-])(?P<name>[a-z][\w.-]{1,31})@[\w-]+(?:\.[\w-]+)*:(?=[/~]|[\w.-]+/)", re.IGNORECASE
)


# Round 57: an account at a host given by its address ("scp as tbeaumont@172.16.4.9": no
# e-mail address has one), a Windows domain's account ("CORP\\dkowalski") and one after a realm
# in a log-in field ("login failed for user wanadoo/lfournier2"; a path's next level after it is
# no account: "users/alice/docs").
_USER_AT_IP = re.compile(
    r"(?<![\w.@/\\-])(?P<name>[a-z][\w.-]{1,31})@\d{1,3}(?:\.\d{1,3}){3}(?![\w.])", re.IGNORECASE
)
_DOMAIN_USER = re.compile(
    r"(?<![\w\\])(?-i:[A-Z][A-Z0-9-]{1,14})\\(?P<name>[a-z][\w.-]{1,31})\b", re.I
)
_REALM_USER = re.compile(
    r"\b(?:user(?:name)?|login|utilisateur|benutzer(?:s|name)?|identifiant|usuario|utente)"
    r"\s*[:=]?\s*['\"`]?[a-z][\w.-]{1,20}/(?P<name>[a-z][\w.-]{1,31})(?![\w/-])",
    re.IGNORECASE,
)
# Round 58: an account at a host without a domain, as an ssh key's comment or a shell's prompt
# writes it ("aleksandra@thinkpad-x1"; an e-mail address's domain has a dot).
_USER_AT_HOST = re.compile(
    r"(?<![\w.@/\\-])(?P<name>[a-z][\w.-]{1,31})@"
    # (not a placeholder's domain: "jane.doe@example")
    r"(?!(?:example|localhost|domain|host|server|e?mail|company|test)\b)[a-z][\w-]*(?![\w.@-]|\.\w)",
    re.IGNORECASE,
)
# Round 57: a name in quotes weighed as an account's ("is 'o.bergstrom' a good username", "would
# 'tmwangi' work as my login"): login_name decides.
_ACCOUNT_WEIGHED = re.compile(
    r"['\"‘“«`](?P<name>[a-z][\w.-]{1,31})['\"’”»`]\s+(?:[\w']+\s+){0,4}?"
    r"(?:user\s?name|log-?in|handle|account name|benutzername|nom d'utilisateur|identifiant|"
    r"nombre de usuario|nome utente|gebruikersnaam)\b",
    re.IGNORECASE,
)
# Round 57: the accounts listed after the first one of a log-in field ("members: aeriksen,
# bnakamura, cdelacroix").
_NEXT_ACCOUNT = re.compile(
    r"\s*(?:,|\band\b|\bund\b|\bet\b)\s*['\"`]?(?P<name>[a-z][a-z0-9._-]{2,31})['\"`]?"
    r"(?![\w-]|@[\w-]*\.\w|\.\w)",
    re.IGNORECASE,
)


# A mention of someone's handle, as code owners and chats write it: "@farida.haidari",
# "@sunita-rao", "@d-ferreira" (a given name, or an initial, and a surname).
_MENTION = re.compile(r"(?<![\w@])@([a-z]+)[._-]([a-z]{3,})(?![\w@.-])", re.IGNORECASE)


# One word after "@": a handle of an initial and a surname ("@kbergmann"), not a team's or a
# bot's ("@devops", "@dependabot": login_name decides).
_MENTION_ONE = re.compile(r"(?<![\w@])@([a-z]{5,})(?![\w@.-])", re.IGNORECASE)


def mentions(lex: Lexicon, text: str) -> Iterator[Span]:
    for m in _MENTION_ONE.finditer(text):
        if login_name(lex, m.group(1)):
            yield m.start(1), m.end(1)
    for m in _MENTION.finditer(text):
        first, last = m.group(1), m.group(2)
        if _clear_given(lex, first) or (
            len(first) == 1 and lex.is_surname(_token(last)) and not lex.is_plain_word(_token(last))
        ):
            yield m.start(1), m.end(2)
        elif len(last) >= 4 and _clear_given(lex, last) and _key(last) not in lex.tech:
            yield (
                m.start(2),
                m.end(2),
            )  # a handle ending in a given name: "@torque_tanvir" (round 68)


def _handle_forms(lex: Lexicon, given: str, surname: str | None) -> set[str]:
    g = fold(_key(given))
    alone = {g} if _clear_given(lex, given) else set()  # not "will" for Will, "mark" for Mark
    if surname is None:
        return alone
    s = fold(_key(surname)).replace("-", "")
    return alone | {
        g[0] + s,
        g + s[0],
        g + s,
        f"{g}.{s}",
        f"{g}_{s}",
        f"{g}-{s}",
        f"{g[0]}.{s}",
        f"{g[0]}_{s}",
        s + g[0],
        f"{s}.{g}",
        f"{s}_{g}",
    }


def derived_handles(
    lex: Lexicon, text: str, names: list[Span], mailboxes: list[tuple[str, str]]
) -> Iterator[Span]:
    """User names made from a name found in the text: "Gerd Krause" ... "gkrause", "Olek
    Szymański" ... "oszymanski", "Bilal" ... "bilal_k"; and (round 59) from a person's e-mail
    address, ``mailboxes`` ("paulina.kowalska@wp.pl" ... "pkowalska"). A form may carry digits
    or one more letter at its end ("mrossetti2", "bilal_k")."""
    forms: set[str] = set()
    for start, end in names:
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text[start:end]) if len(w) > 1]
        if not words:
            continue
        forms |= _handle_forms(lex, words[0], words[-1] if len(words) > 1 else None)
    for given, surname in mailboxes:
        forms |= _handle_forms(lex, given, surname)
    forms = {f for f in forms if len(f) >= 3}
    if not forms:
        return
    inside = Inside(names)
    for m in _WORD.finditer(text):
        start, end = m.start(), m.end()
        if start in inside or "@" in text[max(0, start - 1) : end + 1]:
            continue  # a name found, or an e-mail address (a finding of its own)
        word = fold(_key(m.group()))
        core = _DIGITS.sub("", word)
        if core in forms or (len(core) > 3 and core[-2] in "._-" and core[:-2] in forms):
            yield start, end


# A chat transcript's speaker at a line's start: "hamza.q: someone nicked my bike", "<jpetrov>
# report it" (round 26).
_SPEAKER = re.compile(r"^[ \t]*(?:<([a-z][\w.-]{1,31})>|([a-z][\w.-]{1,31}):)[ \t]", re.M | re.I)


def chat_speakers(lex: Lexicon, text: str) -> Iterator[Span]:
    """The speakers of a pasted chat (two lines or more in its shape) whose handles are made of
    a person's name (``login_name``): "hamza.q", "jpetrov"; not "<me>", "bot", "INFO"."""
    found = list(_SPEAKER.finditer(text))
    if len(found) < 2:
        return
    said = Counter(m.group(2) for m in found if m.group(2))
    for m in found:
        group = 1 if m.group(1) else 2
        name = m.group(group)
        # "name: ..." is also a setting's key: a speaker there is in lower case and speaks twice
        if group == 2 and (not name.islower() or said[name] < 2):
            continue
        if name.lower() not in SYSTEM_ACCOUNTS and login_name(lex, name):
            yield m.start(group), m.end(group)


# A name right before a phone number, as a sign-up sheet or a contact list writes them: "malik
# 07583 206194", "Anneke: +31 6 1234 5678", "priya s - 0412 555 019" (round 47); the number
# nine digits or more, a given name and perhaps an initial before it.
# (an item of a list: the line's start or a list's mark before the name, not "il numero verde
# 800 455 210", "le numéro d'avis 8812 ...")
_NAME_NUMBER = re.compile(
    r"(?:^|[,;:/•|(?!.–—-])[ \t]*([^\W\d_]{3,})(?:[ \t]+[^\W\d_]\.?)?[ \t]*[:=\-–—]?[ \t]*"
    r"(?!\d{1,3}(?:\.\d{1,3}){3})(?=(?:\+|00)?\d(?:[ \t()/.-]?\d){8,}(?![\w.-]))",
    re.MULTILINE,
)


def numbered_names(lex: Lexicon, text: str) -> Iterator[Span]:
    """A clear given name that is no word before a phone number, as an item of a list: whose
    number it is."""
    for m in _NAME_NUMBER.finditer(text):
        name = m.group(1)
        if _clear_given(lex, name) and not lex.is_word(_token(name)):
            yield m.start(1), m.end(1)


# A name as the value of a name's field in a query, a config or code (round 48): "where surname
# = 'Fairweather'", "first_name: \"Ngozi\"", "Nachname == 'Brandstätter'". The value is
# capitalised and quoted; a placeholder ("Max Mustermann", a name in an example) is
# pii_examples' to drop.
_NAME_VALUE = re.compile(
    r"(?i:\b(?:sur_?name|last_?name|first_?name|given_?name|family_?name|full_?name|"
    r"nachname|vorname|familienname|pr[ée]nom|nom_de_famille|apellidos?|cognome|achternaam|"
    r"voornaam)['\"\]]?\s*(?:==?|:|like\b|is\b)\s*)['\"‘“]"
    r"(?P<name>[A-ZÀ-Ý][\w'’-]+(?: [A-ZÀ-Ý][\w'’-]+){0,2})(?=['\"’”])"
)


# A person's role as a variable or a field, assigned a name (round 49): "STUDENT=caoimhe",
# "pupil: 'rhiannon'", "child_name = okonjo" (the name as an account's: ``login_name``).
_ROLE_VALUE = re.compile(
    # (not "tenant=": a program's tenant is an organisation, "tenant=praxis-nord")
    # (round 51: also a JSON key, quoted, and whoever a sensor's payload says it is,
    # "{\"who\":\"astrid\"}")
    rf"(?i:\b(?:{PERSON_ROLE_FIELDS}|who|person)(?:_?name)?['\"]?\s*[:=]\s*)"
    r"['\"]?(?P<name>[A-Za-z][\w.-]{2,31}?)(?![\w@-]|\.\w)"
)


def field_names(lex: Lexicon, text: str) -> Iterator[Span]:
    for m in _NAME_VALUE.finditer(text):
        yield m.start("name"), m.end("name")
    for m in _ROLE_VALUE.finditer(text):
        if login_name(lex, m.group("name")):
            yield m.start("name"), m.end("name")


# A given name glued to a year, as a password or a handle is made (round 48): "Deloris1947",
# "ifeoma_1988".
_NAME_YEAR = re.compile(r"(?<![\w@./-])([A-Za-z][a-z]{2,})[_.]?((?:19|20)\d\d)(?!\w)")


def named_years(lex: Lexicon, text: str) -> Iterator[Span]:
    for m in _NAME_YEAR.finditer(text):
        if _clear_given(lex, m.group(1)) and not lex.is_word(_token(m.group(1))):
            yield m.start(1), m.end(1)


# A host name of a family's own domain (round 55): "jellyfin.okafor-family.net",
# "cloud.the-abioyes.uk", "photos.kristiansen.family", "pve.lindgren.home",
# "nowak-home.duckdns.org".
_HOST = re.compile(r"(?<![\w@./-])(?:[a-z0-9-]+\.)+[a-z]{2,}(?![\w@-]|\.\w)", re.IGNORECASE)
# ... a label that says a family's: "okafor-family", "the-abioyes", "familie-weber", "thejones";
# or its home: "nowak-home"
_FAMILY_LABEL = re.compile(
    r"(?:(?P<the>the-?)|(?:familie|famille|family)-?)?(?P<name>[a-z]{3,}?)(?(the)s|)"
    r"(?:-?(?:family|familie|famille|familia|famiglia|clan)|-?(?P<home>home|haus|casa))?",
    re.IGNORECASE,
)
# ... or a family's own top-level label after the name: "kristiansen.family", "lindgren.home"
_FAMILY_TLDS = frozenset({"family", "home", "lan", "casa", "haus", "familie"})


def family_hosts(lex: Lexicon, text: str) -> Iterator[Span]:
    """The family's name in a host name of its own domain (the comments above)."""
    for m in _HOST.finditer(text):
        labels = m.group().split(".")
        start = m.start()
        for i, label in enumerate(labels[:-1]):
            here, start = start, start + len(label) + 1
            f = _FAMILY_LABEL.fullmatch(label)
            if f is None:
                continue
            bare = f.group() == f.group("name")  # the label is the name alone
            own_tld = i == len(labels) - 2 and labels[-1].lower() in _FAMILY_TLDS
            if bare and not own_tld:
                continue  # a label with nothing of a family's, under no family's own domain
            name = _token(f.group("name"))
            if _key(f.group("name")) in lex.tech:
                continue
            if f.group("home") or bare:
                # a home's label or a family's own domain: a surname that is no word
                # (no word of any language, not "maison.lan", "nextcloud.heim.lan"; a long one
                # alone before the top level, not "rota.lan")
                ok = (
                    _clear_surname(lex, f.group("name"))
                    and not lex.is_word(name)
                    and _key(f.group("name")) not in lex.common
                    and (bool(f.group("home")) or len(name.text) >= 6)
                )
            else:
                # "the-...s", "...-family": a family's name, unless a plain word no surname
                # list holds ("the-internet" has no "s"; "family-photos" is words)
                ok = lex.is_surname(name) or not lex.is_plain_word(name)
            if ok:
                end = f.end("name") + (1 if f.group("the") else 0)  # "abioyes": the plural
                yield here + f.start("name"), here + end


# Round 57: a name in capitals beside an initial, as a bank statement, a card or a keypad writes
# a payee or a holder ("FPS CREDIT  HUSSAIN M  SUBS JUNE", "TRF TO J ARMITAGE", "user 12 is
# 'JAYDEN B'"): the name one the lists hold and no word; not "I" (the pronoun), nor "A" without
# its period (the article).
# (not inside a word, a number or an elided word: "O'NEILL", "v2.B"; an opening quote is fine)
_STANDS_ALONE = r"(?<![\w.’-])(?<!\w')"
_CAPITAL_INITIAL = re.compile(
    _STANDS_ALONE + r"(?:(?P<i1>[A-HJ-Z]|[A-Z]\.)[ \t]+(?P<n1>[A-Z][A-Z'’-]{2,})"
    r"|(?P<n2>[A-Z][A-Z'’-]{2,})[ \t]+(?P<i2>[A-HJ-Z])\.?)(?![\w’-]|'\w)"
)


# Round 58: "SURNAME, GIVEN" in capitals, as a form or a register writes it ("MORRISON,
# ALISDAIR to approve"): a surname and a given name the lists hold.
# (round 70: letters beyond ASCII and a Spanish pair of surnames, "GARCÍA LÓPEZ, ANTONIO")
# (round 101: or a slash between them, as a card's holder and an airline's booking write it,
# "cardholder 'ELLIS/HOLLY'", "SMITH/JOHN MR")
_CAPITAL_COMMA = re.compile(
    r"(?<![\w’/-])(?<!\w')([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]{2,}(?:[ \t][A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]{2,})?)"
    r"(?:,[ \t]+|/)([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]{2,})(?![\w'’/-])"
)


# Round 59: a given name and the initial of a surname, as a leaderboard or a committee writes
# it ("'Jo B.' at the top", "Sue W. has offered"): a given name the lists hold, not "I".
_GIVEN_INITIAL = re.compile(_STANDS_ALONE + r"([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)[ \t]([A-HJ-Z])\.(?![\w.])")


# Round 61: a surname and the initial of a given name, as an export or a booking sheet writes
# it ("Court 1,Pietersen M.,#4471"): a surname the lists hold or a word no list holds, no
# program's.
_SURNAME_INITIAL = re.compile(
    _STANDS_ALONE + r"([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{3,}(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,})?)[ \t]"
    r"([A-HJ-Z])\.(?![\w.])"
)


def capital_initials(lex: Lexicon, text: str) -> Iterator[Span]:
    """Names written with an initial or in a register's order: "Jo B.", "HUSSAIN M", "J
    ARMITAGE", "MORRISON, ALISDAIR" (rounds 57 to 59)."""
    for m in _GIVEN_INITIAL.finditer(text):
        if lex.is_given(_token(m.group(1))):
            yield m.start(), m.end()
    for m in _CAPITAL_INITIAL.finditer(text):
        name = m.group("n1") or m.group("n2")
        if _clear_surname(lex, name) or _clear_given(lex, name):
            yield m.start(), m.end()
    for m in _CAPITAL_COMMA.finditer(text):
        surnames = m.group(1).split()
        if all(lex.is_surname(_token(w)) for w in surnames) and (
            _clear_given(lex, m.group(2))
            # (round 101: with the slash, a given name that is also a word after a surname that
            # is none, "ELLIS/HOLLY")
            or (
                "/" in m.group()
                and lex.is_given(_token(m.group(2)))
                and all(_clear_surname(lex, w) for w in surnames)
            )
        ):
            yield m.start(), m.end() - (m.group()[-1] in "'’")  # not a closing quote
    for m in _SURNAME_INITIAL.finditer(text):
        if not lettered(text, m.group(2), m.start(), m.end()) and all(
            _listed_or_unknown(lex, part, _clear_surname) for part in m.group(1).split("-")
        ):
            yield m.start(), m.end()


# Round 58: a police officer by rank and surname ("PC Oduya", "DS Kowalczyk", "Sergeant
# Mbeki"): a surname the lists hold or no word and no product ("PC Specialist", "DS Lite").
_OFFICER = re.compile(
    r"\b(?:PC|PCSO|DC|DS|DI|DCI|Sgt\.?|Sergeant|Inspector|Insp\.|Constable)[ \t]+"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]{2,})\b"
)


def officers(lex: Lexicon, text: str) -> Iterator[Span]:
    """The surname after a police rank: "PC Oduya", "Sergeant Mbeki" (round 58)."""
    for m in _OFFICER.finditer(text):
        if _listed_or_unknown(lex, m.group("name"), _clear_surname):
            yield m.start("name"), m.end("name")


# Round 58: a person's e-mail address ("ottoline.drew@yahoo.co.uk": a given name, a dot and a
# surname or no word) names them where the text says that name again, capitalised ("for the
# blue vase - Ottoline x").
_PERSONAL_LOCAL = re.compile(
    r"(?<![\w.+-])([a-z]{3,})[._-]([a-z]{3,})\d*@[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.IGNORECASE
)
_CAPITALISED = re.compile(r"(?<![\w@.])[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,}(?![\w@])")
_LOWER_WORD = re.compile(r"(?<![^\W_])[a-zß-öø-ÿ]{4,}(?![^\W_])")
_ANY_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def personal_mailboxes(lex: Lexicon, text: str) -> list[tuple[str, str]]:
    """(given name, surname) of each e-mail address whose local part is made of a given name and
    a surname (or no word): "ottoline.drew@yahoo.co.uk"."""
    return [
        (m.group(1), m.group(2))
        for m in _PERSONAL_LOCAL.finditer(text)
        if lex.is_given(_token(m.group(1)))
        and (lex.is_surname(_token(m.group(2))) or not lex.is_plain_word(_token(m.group(2))))
    ]


def mailbox_names(lex: Lexicon, text: str, mailboxes: list[tuple[str, str]]) -> Iterator[Span]:
    """A given name (or a surname that is no word) of a person's e-mail address, where the text
    says it again capitalised (round 58)."""
    names: set[str] = set()
    for given, surname in mailboxes:
        names.add(given.lower())
        if not lex.is_plain_word(_token(surname)):
            names.add(surname.lower())
    if names:
        for m in _CAPITALISED.finditer(text):
            if m.group().lower() in names:
                yield m.start(), m.end()
    # round 61: a surname that is no word, said again in lower case outside an e-mail address,
    # as a domain or a host names the family ("vault.hashemi.family" beside
    # "noor.hashemi@fastmail.com")
    surnames = {
        surname.lower()
        for _, surname in mailboxes
        if len(surname) >= 4 and not lex.is_word(_token(surname))  # (is_word holds programs)
    }
    if surnames:
        addresses = [m.span() for m in _ANY_ADDRESS.finditer(text)]
        for m in _LOWER_WORD.finditer(text):
            if m.group() in surnames and not any(a <= m.start() < b for a, b in addresses):
                yield m.start(), m.end()


# Round 61: a name said to be the writer's relative or housemate ("Tavi is my teenage nephew",
# "Oksana ist meine Mitbewohnerin", "Ilario est mon neveu"): a given name the lists hold, or a
# word no list holds and no program; not "Today is my son's birthday" (a possessive after it).
_KIN_SAID = (
    r"nephew|niece|son|daughter|wife|husband|partner|brother|sister|mum|mom|mother|dad|father|"
    r"aunt|auntie|uncle|cousin|grandson|granddaughter|grandma|grandmother|grandpa|grandfather|"
    r"gran|granny|nan|nana|grandad|granddad|stepson|stepdaughter|stepmum|stepmom|stepdad|"
    r"boyfriend|girlfriend|fianc[ée]e?|flatmate|housemate|roommate|tenant|lodger|neighbou?r|"
    r"colleague|boss|carer|godson|goddaughter|best friend|friend|"
    r"(?:brother|sister|mother|father|son|daughter)[- ]in[- ]law|"
    r"neffe|nichte|sohn|tochter|frau|mann|bruder|schwester|mutter|vater|tante|onkel|cousine?|"
    r"enkel(?:in)?|oma|opa|freund(?:in)?|partner(?:in)?|mitbewohner(?:in)?|nachbar(?:in)?|"
    r"kolleg(?:e|in)|chef(?:in)?|"
    r"neveu|nièce|fils|fille|femme|mari|frère|s(?:œ|oe)ur|mère|père|oncle|petit-fils|"
    r"petite-fille|copain|copine|voisine?|collègue|coloc(?:ataire)?|"
    r"sobrin[oa]|hij[oa]|espos[oa]|marido|mujer|herman[oa]|madre|padre|tí[oa]|prim[oa]|"
    r"niet[oa]|novi[oa]|vecin[oa]|compañer[oa]|"
    r"nipote|figli[oa]|moglie|fratello|sorella|zi[oa]|cugin[oa]|"
    r"neef|nicht|zoon|dochter|vrouw|man|broer|zus|moeder|vader|oom"
)
_KIN_IS = re.compile(
    r"(?<![\w'’.-])(?P<name>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,})"
    r"(?:(?:\s+(?:is|was)|['’]s)\s+(?:my|our)|\s+(?:ist|war)\s+(?:mein|meine|unser|unsere)|"
    r"\s+(?:est|était)\s+(?:mon|ma|notre)|\s+(?:es|era)\s+(?:mi|nuestr[oa])|"
    r"\s+(?:è|era)\s+(?:(?:il\s+|la\s+)?mi[oa]|(?:il\s+|la\s+)?nostr[oa])|"
    r"\s+(?:is|was)\s+(?:mijn|onze))\s+"
    # (a word or two may say which: "my teenage nephew", "my 15-year-old son", "mon petit frère")
    r"(?:[\w-]+\s+){0,2}?"
    rf"(?i:{_KIN_SAID})(?![\w'’-])",
)


def kin_said(lex: Lexicon, text: str) -> Iterator[Span]:
    """A name said to be the writer's relative or housemate (round 61, ``_KIN_IS``)."""
    for m in _KIN_IS.finditer(text):
        if _listed_or_unknown(lex, m.group("name"), _clear_given):
            yield m.start("name"), m.end("name")


def find(lex: Lexicon, text: str, names: list[Span]) -> list[Span]:
    """Every rule of this module; ``names``: the spans of the names found so far."""
    mailboxes = personal_mailboxes(lex, text)
    spans = [
        *person_entities(text),
        *owned_devices(lex, text),
        *device_owners(lex, text),
        *login_names(lex, text),
        *glued_names(lex, text),
        *entity_names(lex, text),
        *mentions(lex, text),
        *chat_speakers(lex, text),
        *numbered_names(lex, text),
        *field_names(lex, text),
        *named_years(lex, text),
        *family_hosts(lex, text),
        *officers(lex, text),
        *account_columns(lex, text),
        *mailbox_names(lex, text, mailboxes),
        *kin_said(lex, text),
    ]
    initialled = list(capital_initials(lex, text))
    spans += derived_handles(lex, text, [*names, *spans, *initialled], mailboxes)
    inside = Inside(names)
    # (a surname's initial after a name found, "Nia T.", widens it: not dropped as inside)
    return [s for s in spans if s[0] not in inside] + initialled
