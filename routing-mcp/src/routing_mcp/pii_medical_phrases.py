"""Health facts written as a phrase rather than a lexicon term (MEDICAL), in the six languages.

A term lexicon misses facts made of ordinary words: an operation or injury of a body part ("hip
replacement", "broke her wrist", "opérée de la thyroïde", "Knie-OP", "arm gebroken"), a dose of
a medicine the lexicon does not know ("Medikinet 10 mg", "18 mg Concerta"), a test result
("HbA1c is 58 mmol/mol", "vitamine D laag"), weeks of a pregnancy ("12 weeks pregnant",
"enceinte de 10 semaines"), a stay in hospital ("he's out of the ICU") and a positive test.
Each phrase is a span like a lexicon term: it counts only with a person near it (pii_medical).
"""

from __future__ import annotations

from collections.abc import Container
from functools import cache

import regex

from routing_mcp.pii_name_cues import DISEASE_HEADS

# Body parts of each language (singular and the usual plural), for "<part> surgery" and
# "broke <her> <part>". Lower case; matched case-insensitively.
_BODY_EN = (
    r"head|neck|back|spine|shoulders?|arms?|elbows?|wrists?|hands?|fingers?|thumbs?|hips?|"
    r"knees?|ankles?|feet|foot|legs?|toes?|chest|heart|lungs?|kidneys?|liver|gallbladder|"
    r"appendix|tonsils|bowel|colon|stomach|bladder|prostate|thyroid|eyes?|ears?|tooth|teeth|"
    r"wisdom teeth|jaw|breasts?|womb|uterus|ovary|ovaries|cervix|pelvis|collarbone|ribs?|"
    r"skull|brain|nose|throat|sinus|spleen|pancreas|tendon|ligament|achilles|hamstring|groin|"
    r"rotator cuff|cornea|retina|cataract|bunion|hernia|"
    # (session 19: the long bones, "a broken femur")
    r"femur|tibia|fibula|humerus|kneecap|shinbone|scaphoid|metatarsal|"
    # (round 51: the tailbone, "a bruised coccyx")
    r"coccyx|tailbone|"
    # (round 88: the pituitary gland, "her pituitary surgery")
    r"pituitary|"
    # (round 91: the adrenal glands, "her adrenal op", "surgery on her adrenal gland")
    r"adrenal glands?|adrenals?|"
    # (round 92: the lip and the palate, "her lip surgery", "a palate repair")
    r"lips?|palate|"
    # (round 95: a vein, the gallbladder in two words, "after vein surgery", "her gall bladder
    # removal")
    r"veins?|gall bladder|"
    # (round 98: the heel, "her heel surgery")
    r"heels?|"
    # (round 100: the gums, "his gum surgery")
    r"gums?"
)
_BODY_DE = (
    r"kopf|hals|rücken|wirbelsäule|schulter|arm|ellenbogen|handgelenk|hand|finger|daumen|"
    r"hüfte?|knie|knöchel|sprunggelenk|fu(?:ß|ss)|bein|zehe?|brust|herz|lunge|niere|leber|"
    r"gallenblasen?|galle|blinddarm|mandeln?|darm|magen|blase|prostata|schilddrüse|augen?|ohr|"
    r"zahn|zähne|weisheitszähne|weisheitszahn|kiefer|gebärmutter|eierstock|becken|"
    r"schlüsselbein|rippen?|schädel|nase|bandscheiben?|sehne|kreuzband|meniskus|leiste|"
    r"achillessehne|oberschenkel|unterschenkel|steißbein|steissbein|"
    # (round 87: the salivary glands, "an der Parotis operiert")
    r"parotis|ohrspeicheldrüse|speicheldrüse|"
    # (round 91: the adrenal and pituitary glands, "an der Nebenniere operiert")
    r"nebennieren?|hypophyse|"
    # (round 92: the lip, the palate and the eyelid, "die Lippe operiert", "Lippen-OP", "eine
    # Lidoperation", and a squint's, "die Schieloperation")
    r"lippen?|gaumen|augenlid|lid|schiel|"
    # (round 95: a hernia's, "die Bruch-OP meines Vaters", "seine Bruchoperation")
    r"bruch|"
    # (round 96: the tonsils, "nach der Mandel-OP", "die Mandeln entfernt")
    r"mandeln?|"
    # (round 98: the heel, "eine Infiltration an der Ferse")
    r"ferse|"
    # (round 99: the nasal polyps, "nach der Polypen-OP")
    r"polypen|"
    # (round 100: the gums, "die Zahnfleisch-OP")
    r"zahnfleisch"
)
_BODY_FR = (
    r"tête|cou|dos|colonne|épaules?|bras|coude|poignet|main|doigt|pouce|hanche|genou|cheville|"
    r"pied|jambe|orteil|poitrine|avant-bras|c(?:œ|oe)ur|poumons?|reins?|foie|vésicule|appendicite|"
    r"amygdales|intestins?|côlon|estomac|vessie|prostate|thyroïde|(?:œ|oe)il|yeux|oreilles?|"
    r"dents?(?: de sagesse)?|mâchoire|sein|utérus|ovaires?|bassin|clavicule|côtes?|crâne|"
    r"cerveau|nez|gorge|ménisque|ligaments?|tendon|cataracte|hernie|coccyx|"
    # (round 91: the pituitary and adrenal glands, "se fait opérer de l'hypophyse")
    r"hypophyse|glandes?\s+surrénales?|surrénales?|"
    # (round 92: the lip and the palate)
    r"lèvres?|palais|"
    # (round 98: the heel)
    r"talon"
)
_BODY_ES = (
    r"cabeza|cuello|espalda|columna|hombros?|brazos?|codo|muñeca|mano|dedo|cadera|rodillas?|"
    r"tobillo|pies?|piernas?|pecho|corazón|pulmón|riñón|hígado|vesícula|apéndice|amígdalas|"
    r"intestino|colon|estómago|vejiga|próstata|tiroides|ojos?|oído|oreja|dientes?|muelas?"
    r"(?: del juicio)?|mandíbula|mama|útero|ovarios?|pelvis|clavícula|costillas?|cráneo|nariz|"
    r"garganta|menisco|ligamento|tendón|cataratas|hernia|juanete|coxis|talón|"
    # (round 91: the pituitary and adrenal glands)
    r"hipófisis|glándulas?\s+suprarrenal(?:es)?|suprarrenal|"
    # (round 92: the lip and the palate)
    r"labios?|paladar"
)
_BODY_IT = (
    r"testa|collo|schiena|colonna|spalla|braccio|gomito|polso|mano|dito|anca|ginocchio|"
    r"caviglia|piede|gamba|petto|cuore|polmoni?|reni?|fegato|cistifellea|colecisti|appendice|"
    r"tonsille|intestino|colon|stomaco|vescica|prostata|tiroide|occhi?o?|orecchio|denti?"
    r"(?: del giudizio)?|mascella|seno|utero|ovaie?o?|bacino|clavicola|costola|cranio|naso|"
    r"gola|menisco|legamento|tendine|cataratta|ernia|coccige|"
    # (round 91: the pituitary and adrenal glands)
    r"ipofisi|surreni|surrene|"
    # (round 92: the lip and the palate)
    r"labbra|labbro|palato|"
    # (round 98: the heel)
    r"tallone"
)
_BODY_NL = (
    r"hoofd|nek|rug|schouder|arm|elleboog|pols|hand|vinger|duim|heup|knie|enkel|voet|been|"
    r"teen|borst|hart|long|nier|lever|galblaas|blindedarm|amandelen|darmen?|maag|blaas|"
    r"prostaat|schildklier|oog|ogen|oor|tand|tanden|verstandskiezen|kaak|baarmoeder|eierstok|"
    r"bekken|sleutelbeen|rib|schedel|neus|keel|meniscus|kruisband|pees|stuitje|"
    # (round 101: the Achilles tendon, "zijn achillespees gescheurd")
    r"achillespees|"
    # (round 91: the pituitary and adrenal glands)
    r"hypofyse|bijnieren|bijnier|"
    # (round 92: the lip and the palate)
    r"lip|gehemelte"
)
# (round 90: and which finger or toe, "broke my little finger", "her big toe")
_PART = r"(?:(?:left|right|linke[nrs]?|rechte[nrs]?|little|big|ring|index|middle)\s+)?"
_OWNER = r"(?:his|her|my|their|your|a|the|both)\s+"
_DOSE_UNIT = (
    r"(?:mg|mcg|µg|μg|ug|ml|IE|I\.E\.|IU|UI|units?|Einheiten|unités|unidades|unità|eenheden)"
)
DOSE = rf"\d+(?:[.,]\d+)?\s?{_DOSE_UNIT}\b"

# (round 91: a relative, for "mum's surgery"; what a GP's surgery does, for its exclusions)
_KIN_EN = (
    r"mum|mom|mam|mummy|mommy|dad|daddy|father|mother|husband|hubby|wife|son|daughter|brother|"
    r"sister|grandma|grandad|granddad|grandpa|granny|gran|nan|nana|grandmother|grandfather|"
    r"partner|boyfriend|girlfriend|uncle|aunt|auntie|niece|nephew|cousin|fianc[ée]e?|stepdad|"
    r"stepmum|stepmom|kid|child|baby|mother-in-law|father-in-law"
)
# (round 101: a relative's, with or without the apostrophe: "dad's", "dads", "mum’s")
_KINS = rf"(?:{_KIN_EN})['’]?s"
# (what the physio rules leave out: a practice's, "a private physio clinic", "dad's physio
# clinic", not a treatment someone has)
_NOT_A_PRACTICE = r"(?!\s+(?:clinic|clinics|practice|practices|register|website|invoice)\b)"
_GP_DOES = (
    r"(?:re)?(?:open|close|closes|closed|opens|opened|changed|moved|phoned|called|rang|said|"
    r"told|sent|texted)"
)
# (what a GP's surgery has or does, after the word: "the surgery hours", "surgery opens at 8")
_GP_SURGERY_AFTER = rf"hours|number|phone|website|car\s+park|reception|{_GP_DOES}"
_EN = [
    # "hip replacement", "gallbladder removal", "knee op", "back pain", "ear infection"
    rf"\b(?:{_BODY_EN})\s+(?:surgery|operation|op|replacement|removal|removed|transplant|"
    r"fracture|injury|infection|pain|ache|biopsy|x-ray|tumou?rs?|cancer|stones?|failure|"
    # (round 42: "shoulder dislocation")
    r"damage|reconstruction|cysts?|sprain|strain|bleed|dislocation|"
    # (round 99: its ultrasound, MRI and physio, "his elbow ultrasound", "her elbow physio")
    r"ultrasound|mri|physio|(?-i:PT))\b",
    # "broke her wrist", "hurt my back", "tore his ACL"
    # (round 64: "rolled my ankle", "tweaked her knee", "jarred his back")
    # (round 104: not what is to be avoided, "without hurting my back", "to avoid twisting")
    r"(?<!\b(?:without|avoid|avoids|avoiding|prevent|prevents|preventing|risk|risks|risking)\s)"
    rf"\b(?:broke|broken|fractured|sprained|twisted|dislocated|tore|torn|injured|hurt|pulled|"
    # (round 73: "cracked two ribs", "chipped a tooth", "bruised three ribs": how many, too)
    r"rolled|tweaked|jarred|wrenched|strained|cracked|chipped|bruised|"
    # (round 101: a tendon's injuries, "snapped his achilles", "ruptured her tendon")
    r"snapped|ruptured|ripped|"
    # (round 104: and while it happens, "after spraining her right ankle", "breaking his wrist")
    r"spraining|twisting|breaking|fracturing|dislocating|tearing|injuring|hurting|pulling|"
    r"rolling|straining|cracking|bruising|rupturing|snapping)\s+"
    rf"(?:{_OWNER}|(?:two|three|four|several|some|a couple of|\d)\s+){_PART}(?!heart)"
    rf"(?:{_BODY_EN}|acl|ACL)\b",  # not "broke her heart"
    # "had her tonsils out", "having my wisdom teeth out"; round 57: "had his hip replaced"
    rf"\b(?:had|having|have|get(?:ting)?)\s+{_OWNER}(?:(?:left|right)\s+)?(?:{_BODY_EN})\s+"
    # (round 65: "had a tooth extracted", "getting her tooth pulled")
    r"(?:out|removed|operated on|x-rayed|replaced|fused|pinned|reconstructed|extracted|pulled)\b",
    # "surgery on his left eye", "an operation on her knee"
    rf"\b(?:surgery|operation|op|procedure|injection)\s+on\s+{_OWNER}{_PART}(?:{_BODY_EN})\b",
    # "waited 19 months for a hip replacement": the wait is part of the fact
    r"\bwait(?:ed|ing)?\s+\d+\s+(?:weeks|months|years)\s+for\s+(?:an?\s+|my\s+|his\s+|her\s+)?"
    r"(?:[\p{L}-]+\s+){0,2}(?:surgery|operation|op|replacement|transplant|appointment|scan)\b",
    # a stay in hospital or intensive care
    r"\b(?:is|was|been|am|are|were|'s|’s|still|out of|back in|admitted to|rushed to)\s+"
    r"(?:in\s+)?(?:the\s+)?(?:hospital|ICU|intensive care|A&E|the ER|HDU|NICU)\b(?!\s+diagram)",
    r"\bsurgery went well\b",
    # a positive test: "his HIV test came back positive", "tested positive for"
    r"\btest\s+(?:came|come|has come)\s+back\s+(?:positive|negative|abnormal)\b",
    r"\btested\s+positive\b(?:\s+for\s+[\p{L}\d-]+)?",
    # "her cancer is back", "his cancer has come back"
    r"\b(?:cancer|tumou?r|lymphoma|leuka?emia)\s+(?:is|has come|came)\s+back\b",
    # pregnancy weeks
    r"\b\d{1,2}\s*(?:weeks?|wks?|months?)\s+pregnant\b",
    # round 15: a lump or a growth found on someone's body: "a lump in my breast"
    rf"\b(?:lump|lumps|growth|mass|swelling|mole)\s+(?:in|on|under)\s+{_OWNER}{_PART}"
    rf"(?:{_BODY_EN}|armpit|testicles?)\b",
    # round 51: a broken or bruised bone or joint as its adjective says ("a bruised coccyx",
    # "his cracked ribs"; bones and joints only, not a chair's "broken back" or "broken arm")
    r"\b(?:broken|fractured|bruised|cracked|sprained|dislocated|torn|"
    # (round 101: and a tendon's, "a torn achilles", "a ruptured tendon", "his snapped achilles")
    r"ruptured|snapped)\s+"
    r"(?:(?:left|right)\s+)?(?:wrists?|ankles?|elbows?|knees?|kneecap|hips?|collarbone|ribs?|"
    r"coccyx|tailbone|femur|tibia|fibula|scaphoid|pelvis|skull|jaw|cheekbone|nose|toes?|"
    r"fingers?|thumb|shoulder|acl|metatarsal|vertebrae?|"
    r"achilles|tendons?|ligaments?|hamstrings?|meniscus|biceps|calf\s+muscle)\b",
    # round 51: the type of someone's diabetes said alone ("I'm type 1", "my son is type 2")
    # (round 64: "we're both type 2")
    r"\b(?:i['’]?m|i am|he['’]s|she['’]s|he is|she is|they['’]re|they are|we['’]re|we are|"
    r"(?:son|daughter|"
    r"kid|child|husband|wife|partner|dad|mum|mom|father|mother|brother|sister|boyfriend|"
    r"girlfriend)\s+is)\s+(?:also\s+|both\s+)?type\s*(?:1|2|one|two)\b"
    r"(?!\s*(?:cable|connector|socket|plug|charger|error|port|c\b))",
    # round 52: someone's operation as the time of something ("after her surgery", "since my
    # knee operation")
    r"(?<=\b(?:after|before|since|following|recovering from|recovery from)\s+(?:his|her|my|"
    r"their|your|our)\s+(?:[\p{L}-]+\s+)?)(?:surgery|operation|op)\b"
    rf"(?!\s+{_GP_DOES})",
    # round 52: a person's memory failing, not a computer's ("her memory problems", "sus
    # problemas de memoria"; not "my PC has memory problems"), and someone claustrophobic (not a
    # room)
    # (the possessive left out of the span: it is the person the window looks for)
    r"(?<=\b(?:his|her|my|their|our|your)\s+(?:(?:short|long)-term\s+|worsening\s+)?)memory\s+"
    r"(?:problems|issues|loss|lapses)\b|"
    r"(?<=\b(?:sus?|mis?|tus?)\s+)(?:problemas|pérdidas?)\s+de\s+memoria\b|"
    r"(?<=\b(?:suoi|sue|miei|mie)\s+)problemi\s+di\s+memoria\b|"
    r"(?<=\b(?:zijn|haar|mijn)\s+)geheugenproblemen\b",
    r"(?<=\b(?:i['’]?m|i am|i get|i feel|i got|she['’]s|he['’]s|she is|he is|she gets|he gets|"
    r"they['’]re|they are|they get)\s+(?:\p{L}+\s+)?)claustrophobic\b",
    # round 55: someone's falls (not a waterfall's: "her falls", "his repeated falls", "she had
    # a bad fall"), and someone who is blind (not a window's: "I'm blind", "she's registered
    # blind"; not "blind spot")
    r"(?<=\b(?:his|her|my|their|your|our)\s+(?:(?:frequent|recent|repeated|many|several|two|"
    r"three|nightly)\s+)?)falls\b|"
    # (a person had it, not a price: "grandma had a nasty fall", "she's had another fall")
    r"(?<=\b(?:i|he|she|they|we|you|mum|mom|mother|dad|father|gran|granny|grandma|grandmother|"
    r"grandpa|grandad|granddad|grandfather|nan|nana|husband|wife|partner|son|daughter|brother|"
    r"sister|aunt|uncle|neighbour|neighbor|(?-i:\p{Lu}\p{Ll}+))(?:['’](?:s|ve|d))?\s+"
    r"(?:(?:just|recently|also|already)\s+)?)(?:had|has|have|having)\s+(?:a|another)\s+"
    r"(?:(?:bad|nasty|serious|big|small)\s+)?fall\b",
    r"(?<=\b(?:i['’]?m|i am|she['’]s|he['’]s|she is|he is|they['’]re|they are|registered|"
    r"went|going|gone|partially|legally)\s+)blind\b"
    r"(?!\s+(?:spot|test|date|tasting|box|copy|bid|review|mode|carbon|signature|drunk))",
    # round 56: stitches someone needed ("needed 9 stitches", "had a few stitches in her chin")
    r"\b(?:needed|need|needs|had|has|got|getting|having|gets)\s+(?:\d{1,2}|a few|several|"
    r"two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)\s+stitches\b"
    r"(?!\s+(?:loose|missing|undone|dropped|came|were|per|in\s+(?:the|a|this|that|each|every|row)\b))",
    # round 60: stitches someone has ("she's got stitches and feels rubbish"), a pregnancy by its
    # weeks alone ("I'm 34 weeks and the nursery is warm"; not "I'm 3 weeks into the course")
    # (the person left out of the span: the window looks for them)
    r"(?<=\b(?:she['’]s|he['’]s|i['’]ve|i have|she has|he has)\s+got\s+)stitches\b",
    # (the writer or their partner: "she's 11 weeks" is a baby's or a puppy's age)
    r"(?<=\b(?:i['’]?m|i am|my wife['’]s|my wife is|my partner['’]s|my partner is)\s+)"
    r"\d{1,2}\s*(?:weeks|wks)\b"
    r"(?=\s*(?:[.,!?;:]|and\b|now\b|today\b|tomorrow\b|$))",
    # round 61: a transplant by where and by whom it is done ("the transplant centre", "her
    # transplant team"; not "transplant the seedlings"), nettle rash someone came out in ("she
    # reacted with hives"; not a beekeeper's), someone's flushes, receding gums
    r"\btransplant\s+(?:centre|center|clinic|unit|team|coordinator|co-ordinator|surgeon|"
    r"surgery|operation|ward|assessment|work-?up|nurse|consultant|patient|recipient)s?\b"
    r"(?!['’]s)",  # (not the place's own: "the transplant unit's address")
    r"\b(?:broke|breaks|breaking|came|comes|coming|come)\s+out\s+in\s+hives\b|"
    r"\b(?:reacted|reacts|reacting|react)\s+(?:[\w-]+\s+){0,5}?with\s+hives\b",
    r"(?<=\b(?:his|her|my|their|your|our)\s+(?:(?:hot|night|nightly|awful|bad)\s+)?)flushes\b",
    r"\b(?:receding\s+gums|gums\s+(?:are|were|have\s+been)\s+receding)\b",
    # round 62: a stroke as the time of something ("since the stroke he believes anybody",
    # "after their stroke"; not a pen's or a swimmer's, "the stroke width", "since the stroke of
    # midnight"), someone on oxygen or on the pill (not "low on oxygen", "on the pill organiser")
    r"(?<=\b(?:since|after|before|following|because of)\s+(?:the|their|his|her|my|your|our)\s+"
    r"(?:(?:mini|minor|major|big|massive|first|second|last)\s+)?)stroke\b"
    r"(?!\s*(?:width|widths|rate|colou?r|count|order|length|style|technique|weight|cap|join|"
    r"dash|opacity|of\b|play))",
    r"(?<=\b(?:['’]s|is|was|been|be|are|i['’]m|am)\s+)on\s+(?:home\s+)?oxygen\b",
    # round 99: strokes someone had, counted ("He's had two strokes", "she had a mini stroke";
    # not "two strokes of the brush")
    r"(?<=\b(?:had|has\s+had|['’]s\s+had|suffered)\s+)(?:an?|one|two|three|several|multiple|"
    r"\d)\s+(?:(?:mini|minor|major|small|massive)[\s-]+)?strokes?\b(?!\s+(?:of|with|on|in)\b)",
    r"\b(?:on|off)\s+the\s+pill\b(?!\s+(?:bottle|box|organi[sz]er|counter|dispenser|case))",
    # round 67: hearing aids by their short name, someone's ("without my aids", "what do the aids
    # do at 55 dB"), in lower case (not AIDS) and in a text about hearing
    r"(?-i:(?<=\b(?:my|his|her|their|your|the|both|new|old|spare)\s+(?:new\s+|old\s+)?)aids\b)"
    r"(?:(?<=(?s:\b(?:hear|hearing|deaf|audiolog\w*|audiogram\w*|ears?|db)\b.*?aids))|"
    r"(?=(?s:.*?\b(?:hear|hearing|deaf|audiolog\w*|audiogram\w*|ears?|db)\b)))",
    # round 68: a birth induced ("I'm being induced on the 12th", "she got induced at 41 weeks";
    # not "induced demand", "induced by the heat")
    r"\b(?:being|getting|got|get|be)\s+induced\b(?!\s+(?:by|from|demand|current|voltage))",
    # round 69: someone's new joint ("grampy bob's new hip went in fine", "her new knee")
    r"(?<=(?:['’]s|\b(?:his|her|my|their|your|our))\s+)new\s+(?:hips?|knees?|shoulder)\b",
    # round 82: a clot in the lung by its letters, had or found ("She had a PE in 2019", "Dad's
    # clot was a PE, they're keeping him in"; not the school subject or a file format, "a PE
    # lesson", "the PE header", "his PE, maths and art grades", "he has a PE on Tuesday")
    r"(?-i:\b(?:had|has|have|having|got|suffered|survived|with|after|from|was|is|found|"
    r"diagnosed\s+with)\s+(?:a|another|her|his|my|their|the|massive|bilateral|small|saddle)\s+"
    r"PEs?\b)(?=\s*(?:[.,;:!?)'\"’]|$)|\s+(?:in|last|after|and|so|back|during|from|two|three|"
    r"while|when|years?|months?|weeks?)\b)",
    # round 82: the blood's clotting time, measured ("his weekly INR graph", "el INR en 4,5", "my
    # inr was 3.2", "Mamas INR-Werte"; not a price in rupees, "INR 4.5 lakh", "500 INR")
    r"\bINR(?:[\s-]+(?:readings?|tests?|testing|levels?|checks?|clinic|graph|chart|monitor|meter|"
    r"machine|strips?|results?|values?|target|range|log|self-test|wert|werte|messung|messgerät|"
    r"selbstmessung|kontrolle|waarde|valeur|valor|valore)\b|"
    r"\s*(?:(?:is|was|of|at|en|bei|von|van|à|a|de|di|est|ist|war|era|è|=|:)\s*)?"
    r"(?:(?:up to|down to|only|just|now|nur|jetzt|à peine)\s+)?\d[.,]\d"
    r"(?![\d.,]|\s*(?:lakh|crore|k\b|m\b|million|billion|bn|cr\b|thousand)))",
    # round 83: myasthenia by its letters with its form or what it does ("ocular MG", "an MG
    # flare"; not the car, "my MG ZS", "my MG gets worse range in winter", nor a dose, "200 mg")
    r"(?-i:\b(?:ocular|generali[sz]ed|seropositive|seronegative|anti-MuSK|MuSK|AChR)\s+MG\b|"
    r"\bMG\s+(?:flares?|crisis|crises|diagnosis|symptoms|relapse|exacerbation)\b)",
    # round 83: someone else's ventilator ("Ma's ventilator", "my dad's home ventilator"; not a
    # house's fan, "the ventilator in the loft", nor the writer's own, "my ventilator is noisy",
    # as Dutch and German speakers call a fan in English)
    r"(?<=(?:['’]s|\b(?:his|her|their))\s+(?:home\s+|portable\s+|new\s+|night\s+)?)"
    r"ventilators?\b",
    # round 85: a stone passed, said where the sentence ends or with its time ("she passed a
    # kidney stone last night", "he's passing another stone"; not "we passed a stone bridge")
    r"\b(?:passed|passing|pass)\s+(?:a|another|my|his|her|two|three)\s+(?:kidney\s+)?stones?\b"
    r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:last|yesterday|today|this|on|at|in|after|and|overnight|"
    r"finally)\b)",
    # round 87: a brain stimulator by its letters with what only it has ("dad's DBS clinic",
    # "the DBS team's letter", "her DBS battery"; not the criminal-record check, "my DBS check",
    # "an enhanced DBS certificate")
    r"(?-i:\bDBS)\s+(?:clinic|team|surgery|operation|implant|device|battery|batteries|"
    r"programming|settings|stimulator|nurse|neurologist|follow-up|travel|leads?|system|"
    r"assessment|workup|op|ward)\b",
    # round 89: osteoarthritis by its letters after the joint ("her knee OA", "hip OA")
    r"(?-i:\b(?:[Kk]nee|[Hh]ip|[Hh]and|[Tt]humb|[Ss]houlder|[Aa]nkle|[Ss]pine|[Ff]acet)\s+OA\b)",
    # round 88: a heartbeat heard in the ear ("my mother hears her own heartbeat in her ear")
    r"\b(?:hear|hears|hearing|heard)\s+(?:(?:my|his|her|their|your|own)\s+){0,2}"
    r"(?:heart\s?beat|pulse)\s+in\s+(?:my|his|her|their|your|the|one)\s+ears?\b",
    # round 91: a relative's operation by its plain word ("mum's surgery", "off tomorrow, dad's
    # op", "grandad's private operation"; not "dad's op-amp", "mum's surgery opens at 8": a GP's)
    # (the possessive left out of the span: it is the person the window looks for)
    rf"(?<=\b(?:{_KIN_EN})['’]s\s+)(?:[\p{{L}}-]+\s+)?(?:surgery|operation|op)\b(?![-\w])"
    rf"(?!\s+(?:of|for|{_GP_SURGERY_AFTER})\b)",
    # round 91: an operation someone had, has or needs ("she had the surgery 2 days ago", "he
    # needs surgery", "had an operation last week"; not "the job had an operation ID")
    r"\b(?:had|has had|having|needs?|needed|underwent|undergoing|undergo|getting)\s+"
    r"(?:the\s+|an?\s+|(?:his|her|my|their|your|our)\s+)?(?:[\p{L}-]+\s+)?surgery\b"
    rf"(?!\s+(?:{_GP_SURGERY_AFTER})\b)|"
    r"\b(?:had|has had|needs?|needed)\s+(?:an|the)\s+operation"
    r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:on|last|yesterday|today|this|in|at|and|two|three|\d))",
    # round 91: someone's operation as the time of something, with "the" ("since the surgery",
    # "after the surgery"; not the GP's, "after the surgery closes")
    r"(?<=\b(?:after|since|following|recovering from|recovery from)\s+the\s+)surgery\b"
    rf"(?!\s+(?:{_GP_DOES})\b)",
    # round 94: the op and the operation too, when a time or a person follows ("since the op 6
    # weeks ago", "after the operation she"; not "since the operation completed", nor "slow
    # since the operation." of a disk)
    r"(?<=\b(?:after|since|following|recovering from|recovery from)\s+the\s+)"
    r"(?:op|operation)\b(?=\s*(?:\d|(?:last|yesterday|(?:and\s+)?(?:she|he)|two|three|four|"
    r"five|six|a\s+(?:few|couple|week|month|fortnight))\b))",
    # round 91: a karyotype with a sex-chromosome variant ("47,XXY", "46,XY", "45,X/46,XX"
    # mosaicism; written as genetics reports write it); "45,X" alone only after a karyotype's
    # word or a verb of having (not a CSV's "45,X and 46,Y")
    r"(?-i:\b4[5-9],\s?(?:X{2,4}Y{0,2}|XY{1,2})\b(?:/4[5-9],\s?X{1,4}Y{0,2}\b)*"
    r"|\b45,\s?X(?:/4[5-9],\s?X{1,4}Y{0,2}\b)+"
    r"|(?<=(?i:karyotype|karyotyp|caryotype|cariotipo|mosaic|has|is|with|hat|ist|a|est|tiene|"
    r"ha|heeft)\s+(?:\w+\s+)?)45,\s?X\b(?!,\S|/))",
    # round 92: Graves' disease by the name alone, after having it or whose it is ("i have
    # graves too", "diagnosed graves last week", "her graves"; not a cemetery's, "the graves of
    # my grandparents", "visited the graves", "has graves from the 1800s")
    r"(?<=\b(?:has|have|had|got|with|diagnosed|diagnosed\s+with|her|his|my|mum['’]s|dad['’]s|"
    r"mom['’]s)\s+)graves(?:['’](?:\s+disease)?)?(?=\s*(?:[.,;:!?)]|$|too|and|since|for|but|"
    r"last|now|so|as|which|that|because|\d))",
    # round 93: weeks of a pregnancy without "pregnant" ("I'm 28 weeks with twins", "she's 30
    # weeks along")
    # (the person left out of the span: the window looks for them)
    r"(?<=\b(?:i['’]?m|i\s+am|she['’]s|she\s+is|(?:wife|partner|girlfriend|daughter|sister)\s+"
    r"is)\s+)\d{1,2}\s*(?:weeks?|wks?)\s+(?:with\s+(?:twins|triplets|(?:a|our|my|her|the)\s+"
    r"(?:boy|girl|baby|first|second|third|twins)\w*)|along|gone)\b"
    # (not "3 weeks along with the migration", "2 weeks gone on holiday")
    r"(?!\s+(?:with|in|on|into|to|from|for|the|my|our|a|an)\b)",
    # round 97: piles, the haemorrhoids, had or someone's ("now has piles again", "a 70kg man
    # with piles", "mums piles are so bad", "piles treatment"; not a heap, "piles of laundry",
    # nor a foundation's, "the extension has piles driven into the clay")
    r"(?<=\b(?:has|have|had|having|got|get|gets|with|his|her|my|their|your|our|\p{L}+['’]s|"
    r"mums|moms|dads|nans|small|large|prolapsed|non-bleeding|"
    r"bleeding|thrombosed|external|internal)\s+(?:[\p{L}-]+\s+){0,2})piles\b"
    # (not a verb, "he piles up", "piles in")
    r"(?!\s+(?:of|upon|up|in|on|onto|into|out|over|driven|sunk|under|"
    r"for\s+the\s+foundations?)\b)"
    r"|\bpiles\s+(?:treatment|cream|ointment|surgery|operation|op|banding|flare(?:-up)?)\b",
    # round 98: the physio as a treatment someone goes to or has ("after physio", "missed her
    # physio", "Dad's physio sessions"; not a practice's or a clinic's, "a private physio
    # clinic", "a physio is properly qualified")
    r"\b(?:at|to|from|after|before|missed|skipped)\s+(?:(?:his|her|my|their|the)\s+)?"
    rf"physio\b{_NOT_A_PRACTICE}"
    r"|(?<=\b(?:his|her|my|their|\p{L}+['’]s)\s+)physio\s+(?:sessions?|appointments?|exercises)\b",
    # round 100: a squint someone has ("her squint is worse when tired", "a squint since
    # birth"; not a look, "have a squint at the logs", "squint at the screen")
    r"(?<=\b(?:a|his|her|their|my|the|your|our|\p{L}+['’]s)\s+)squint\b"
    r"(?!\s+(?:at|to|into|through|over)\b)",
    # round 97: a wound of a body part or of an operation ("a foot wound", "her surgical wound")
    rf"\b(?:{_BODY_EN}|surgical|surgery|op|operation|c-section|caesarean|cesarean)\s+wounds?\b",
    # round 101: a relative's physio, with or without the apostrophe ("dads physio on my card",
    # "my mum's physiotherapy"; not "the clinic's physio", "dad's physio clinic" of the round 98
    # rule's exclusions)
    rf"(?<=\b{_KINS}\s+)physio(?:therapy)?\b{_NOT_A_PRACTICE}",
    # round 101: a tendon's or a ligament's repair, rupture or tear ("my wife's achilles repair",
    # "an ACL tear"; the soft tissues alone: not a guitar's "neck repair", a chair's "arm repair")
    r"\b(?:achilles|tendon|ligament|acl|ACL|hamstring|meniscus|rotator\s+cuff)\s+"
    r"(?:repair|rupture|tear|reconstruction)\b",
    # round 101: acid-reducing tablets by their letters, as taken ("dad's private PPI
    # prescriptions", "on a PPI"; not a screen's or a print's pixels per inch, "a 300 PPI print")
    r"(?-i:\bPPIs?)\s+(?:prescriptions?|tablets?|pills?|meds|medication|dose|capsules?)\b"
    r"|(?<=\b(?:on|taking|takes|take|his|her|my|their)\s+(?:an?\s+)?)(?-i:PPIs?\b)",
    # round 101: a painkiller or an antacid the lexicon leaves out as a general question's or a
    # shopping list's, said as someone's ("from his ibuprofen", "her paracetamol", "about his
    # antacids"; not "can I take ibuprofen with paracetamol?", "add antacids to the list")
    rf"(?<=\b(?:his|her|their|{_KINS})\s+)(?:ibuprofen|paracetamol|acetaminophen|aspirin|"
    r"naproxen|co-codamol|nurofen|calpol|tylenol|advil|antacids?|gaviscon|rennies)\b",
    # round 102: teeth ground or a jaw clenched ("my dad grinds his teeth", "ground his teeth so
    # much"), and a jaw's state said of someone ("grandad's jaw is sore", "her jaw locked again";
    # not a vice's or a crusher's jaw: the possessive is a person's)
    r"\b(?:grinds?|grinding|ground|clench(?:es|ing|ed)?)\s+(?:his|her|my|their|your|our)\s+"
    r"(?:teeth|jaw)\b",
    rf"(?<=\b(?:his|her|my|their|your|{_KINS})\s+)jaw\s+"
    r"(?:(?:is|was|keeps|has\s+been|gets|got|still)\s+)?(?:sore|locked|locking|locks|clicking|"
    r"clicks|painful|aching|aches|stiff|popping|pops|dislocated)\b",
    # round 102: spots on a face, or popped ("the spots on my chin", "popping her spots"; not "rust
    # spots on the back of the van": the face's parts, someone's)
    r"\bspots\s+on\s+(?:(?:his|her|my|their|your)\s+)?(?:face|chin|forehead|cheeks?|nose|"
    r"back|chest|neck|shoulders|jawline|temples)\b(?!\s+of\b)"
    r"|\b(?:popping|pops|pop|squeezing|squeezes|squeeze|picking|picks|pick)\s+"
    r"(?:his|her|my|their|your)\s+spots\b",
    # round 103: a nose that bleeds or bled, was packed or cauterised ("bleed from the left
    # nostril", "a nose that's been packed", "my son's nose was cauterised"; not a pipe's bleed
    # valve), Lyme disease by its place's name alone (not Lyme Regis), a tick's bite
    r"\bbleed(?:s|ing)?\s+from\s+(?:the\s+|his\s+|her\s+|my\s+|their\s+|one\s+)?"
    r"(?:left\s+|right\s+)?nostrils?\b"
    r"|\bnose\s+(?:(?:that['’]s|that\s+has|has|had|was|got)\s+)?(?:been\s+)?(?:packed|"
    r"cauteri[sz]ed)\b",
    r"\blyme\b(?!\s+(?:regis|bay|park|road|street|green|grass|hall|lane))",
    r"\b(?:bitten|bit)\s+by\s+(?:a|an|the)\s+(?:\p{L}+\s+)?ticks?\b",
    # round 104: worms someone has or caught ("Kai has worms", "the kids got worms again"; not a
    # compost heap's: a person must be near, as for every phrase)
    r"(?<=\b(?:has|have|had|got|caught|get|gets|getting|with)\s+)"
    r"(?:thread|pin)?worms\b(?!\s+(?:in|on)\s+(?:the|our|my)\s+"
    r"(?:compost|garden|soil|lawn|wormery|bin|beds?)\b)",
]
_DE = [
    # (round 96: or a space before the OP, "nach mandel op", "Knie OP"; not Dutch "op", on:
    # "mijn knie op de bank")
    rf"\b(?:{_BODY_DE})(?:\s(?:(?-i:OP|Op)|op(?!\s+(?:de|het|een|mijn|zijn|haar|je|onze|hun|dat|"
    r"die|deze)\b))\b|-?(?:OP|Op|op|operation|Operation|bruch|Bruch|prothese|Prothese|"
    r"verletzung|Verletzung|transplantation|Transplantation|spiegelung|Spiegelung|"
    # (round 89: an injection into it, "Knie-Infiltration", "die Infiltration im Knie")
    r"infiltration|Infiltration|"
    # (round 99: its bandage or orthosis, "eine Ellenbogenbandage", "die Knie-Orthese")
    r"bandage|Bandage|orthese|Orthese))\b"
    rf"|\b[Ii]nfiltration\s+(?:im|in der|in die|ins|am|an der)\s+(?:{_BODY_DE})\b",
    rf"\boperiert\s+(?:am|an der|an den|an dem|an)\s+(?:{_BODY_DE})\b",
    rf"\b(?:am|an der|an den)\s+(?:{_BODY_DE})\s+operiert\b",
    rf"\b(?:den|das|die|seinen|seine|sein|ihren|ihre|ihr|meinen|meine|mein)\s+{_PART}"
    rf"(?:{_BODY_DE})\s+(?:gebrochen|verstaucht|verrenkt|ausgekugelt|operiert|geprellt|"
    # (round 90: or burnt, "die Hand verbrannt")
    # (round 101: or torn, "die Achillessehne gerissen", "das Kreuzband angerissen")
    r"angebrochen|verbrannt|gerissen|angerissen|abgerissen|durchgerissen|"
    # (round 104: or twisted, pulled or inflamed, "den Knöchel verdreht", "die Sehne entzündet")
    r"verdreht|umgeknickt|gezerrt|überdehnt|entzündet)\b",
    r"\b(?:im|in der)\s+\d{1,2}\.\s*(?:SSW|Schwangerschaftswoche)\b",
    r"\(\d{1,2}\.?\s*SSW\)",
    r"\b(?:liegt|lag|ist|war|bin)\s+(?:\p{L}+\s+){0,2}(?:im Krankenhaus|in der Klinik|auf der "
    r"Intensivstation|auf Intensiv)\b",
    r"\bpositiv\s+(?:auf\s+\p{L}+\s+)?getestet\b",
    r"\bDemenz\s+im\s+\p{L}*[Ss]tadium\b",
    # round 43: "Mein Kind ist 4 und stottert", not "der Stream stottert"
    r"(?<=\b(?:ich|er|sie|kind|sohn|tochter|junge|mädchen|enkel\p{L}*|bruder|schwester|"
    r"kleine[rn]?)\b[^.!?\n]{0,40}?)\bstotter(?:t|te|n)\b",
    # round 91: someone's operation as the time of something ("nach seiner OP", "seit ihrer
    # Operation", "vor der Operation meines Vaters")
    r"(?<=\b(?:nach|vor|seit)\s+(?:seiner|ihrer|meiner|deiner|unserer|eurer)\s+)"
    r"(?:OP|Op|Operation)\b",
    # round 94: with the article ("die Hand ist taub seit der OP"; not "nach der Operation des
    # Servers")
    r"(?<=\b(?:nach|vor|seit)\s+der\s+)(?:OP|Op|Operation)\b(?!\s+(?:des|der|von)\b)",
    # round 97: a relative's or someone's operation, whenever it is ("Mamas OP vom 4. Februar",
    # "wg. Mamas OP-Termin", "die OP meines Mannes", "ihre OP ist am Montag", "die Operation
    # meiner Mutter"; not "die Operation des Servers")
    r"(?-i:(?<=\b(?:Mamas|Papas|Omas|Opas|Mutters|Vaters|seine|ihre|meine|deine|unsere|Ihre|"
    r"Seine|Meine)\s+)(?:OP|Op|Operation)\b|\b(?:OP|Op)(?=\s+(?:meines|meiner|seines|seiner|"
    # (round 98: or "von" someone, "die OP von meinem Vater", "die OP von Oma")
    r"ihres|ihrer|unseres|unserer|von\s+(?:meinem|meiner|seinem|seiner|ihrem|ihrer|unserem|"
    r"unserer|Mama|Papa|Oma|Opa))\b)|\bOperation(?=\s+(?:meines|meiner|seines|seiner|ihres|"
    r"ihrer|unseres|unserer)\s+(?:Mannes|Vaters|Sohnes|Bruders|Opas|Großvaters|Partners|"
    r"Freundes|Mutter|Frau|Tochter|Schwester|Oma|Großmutter|Partnerin|Freundin)\b))",
    # round 102: teeth ground at night ("knirscht nachts mit den Zähnen"), the jaw's disorder
    # by its letters, had ("mein Mann hat CMD"; not a Windows prompt, "in CMD eingeben")
    r"\bknirsch(?:t|en|e|st)\s+(?:\p{L}+\s+){0,2}(?:mit\s+den\s+)?Zähnen\b",
    r"(?-i:(?<=\b(?:hat|habe|hast|haben|wegen|seine[rn]?|ihre[rn]?|meine[rn]?)\s+)CMD\b)",
    # round 103: a nose that bleeds ("hat aus der Nase geblutet", "blutet oft aus der Nase")
    r"\baus\s+der\s+Nase\s+(?:geblutet|blutet|bluten)\b|\bblutet\s+(?:\p{L}+\s+){0,2}aus\s+der\s+"
    r"Nase\b",
]
_FR = [
    rf"\b(?:opérée?s?|opéré|se fait opérer|se faire opérer|va être opérée?)\s+"
    rf"(?:de|du|des|d['’]|à|au|aux)\s*(?:la\s+|l['’]|le\s+|les\s+)?(?:{_BODY_FR})\b",
    # (round 51: also "fracturé", "foulé": "je me suis fracturé le poignet")
    # (round 90: and burnt, "je me suis brûlé l'avant-bras")
    rf"\b(?:cass|fractur|foul|brûl)(?:é|ée|és|ées|er)\s+(?:le|la|les|l['’]|son|sa|ses)\s*"
    rf"(?:{_BODY_FR})\b"
    # (round 101: and a tendon or a ligament torn, "il s'est rompu le tendon d'Achille", "elle
    # s'est déchiré le ligament")
    r"|\b(?:rompu|rompue|déchiré|déchirée)\s+(?:le|la|les|l['’]|son|sa|ses)\s*"
    r"(?:tendon(?:\s+d['’]Achille)?|ligaments?(?:\s+croisés?)?|ménisque|ischio-jambiers?)\b",
    rf"\b(?:entorse|fracture|foulure|luxation)\s+(?:à|au|aux|de|du|de la)\s+(?:la\s+|l['’])?"
    rf"(?:{_BODY_FR})\b",
    rf"\bmal\s+(?:au|à la|aux|à l['’]|à|de)\s*(?:{_BODY_FR})\b",
    rf"\b(?:opération|chirurgie|prothèse|greffe)\s+(?:de|du|de la|des|d['’])\s*(?:l['’])?"
    rf"(?:{_BODY_FR})\b",
    r"\benceinte\s+de\s+\d{1,2}\s+(?:semaines|mois)\b",
    r"\b(?:est|était|a été)\s+(?:hospitalisée?|aux urgences|en réanimation|à l['’]hôpital)\b",
    r"\btestée?\s+positif|\btestée?\s+positive\b",
    # round 43: "mon fils bégaie depuis la rentrée"
    r"(?<=\b(?:je|il|elle|fils|fille|enfant|petit|petite|frère|s(?:œ|oe)ur)\b[^.!?\n]{0,40}?)"
    r"\b(?:bégaie|bégaye|bégayait|bégaient)\b",
    # round 85: gout, not a drop ("mon mari a la goutte", "une crise de goutte", "ses médicaments
    # pour la goutte", "la goutte de mon père"; not "goutte à goutte", "une goutte d'huile")
    r"\b(?:(?:a|ai|as|avait|avoir|eu|de)\s+la\s+goutte\b(?!\s*(?:à|a|d['’]|de\b|qui\s+fait))|"
    r"crises?\s+de\s+goutte\b|(?:médicaments?|traitement|remèdes?)\s+(?:pour|contre|de)\s+la\s+goutte\b|"
    r"\b(?:sa|ma|ta|leur|notre|votre)\s+goutte\b(?!\s*(?:à|d['’]|de\b))|"
    r"\bla\s+goutte\s+de\s+(?:mon|ma|son|sa|notre|leur|mes|ses|papa|maman|papy|mamie)\b)",
    # round 91: a body part taken out ("mon mari se fait retirer une glande surrénale", "se faire
    # enlever la vésicule")
    rf"\bse\s+(?:fait|faire|fera|fasse|font|sont\s+fait|est\s+fait)\s+(?:retirer|enlever|ôter)\s+"
    rf"(?:une?|la|le|les|l['’]|sa|son|ses)\s*(?:{_BODY_FR})\b",
    # round 91: someone's operation as the time of something ("après son opération", "depuis
    # son intervention", "avant sa chirurgie")
    r"(?<=\b(?:après|avant|depuis|suite\s+à)\s+(?:son|sa|mon|ma|ton|ta|leur|notre|votre)\s+)"
    r"(?:opération|intervention|chirurgie)\b",
    # round 94: with the article, when nothing says whose ("mamie a une attelle depuis
    # l'opération", "il a perdu 12 kilos depuis l'opération"; not "depuis l'opération de
    # maintenance")
    r"(?<=\b(?:après|avant|depuis|suite\s+à)\s+l['’]\s?)(?:opération|intervention)\b"
    r"(?!\s+(?:de|d['’]|du|des|sur|en)\b)",
    # round 98: an injection into a body part, and its image ("une infiltration dans l'épaule",
    # "son rdv de radio de l'épaule", "une IRM du genou"; not "une infiltration d'eau")
    rf"\binfiltrations?\s+(?:de\s+\p{{L}}+\s+)?(?:à|au|aux|dans|sur)\s+(?:la\s+|l['’]|le\s+|les\s+|"
    rf"son\s+|sa\s+|ses\s+)?(?:{_BODY_FR})\b"
    rf"|\b(?:radio|radiographie|IRM|échographie|écho|scanner)\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|"
    rf"de\s+)(?:{_BODY_FR})\b",
    # round 97: a relative's operation, whenever it is ("l'opération de ma belle-mère", "la
    # chirurgie de mon père", "l'intervention de maman")
    r"\b(?:opération|intervention|chirurgie)(?=\s+(?:de|d['’])\s*(?:(?:mon|ma|mes|son|sa|ses|"
    r"notre|leur)\s+(?:mari|femme|fils|fille|père|mère|frère|s(?:œ|oe)ur|grand-père|grand-mère|"
    r"compagnon|compagne|beau-père|belle-mère|papa|maman)|papa|maman|mamie|papi|papy)\b)",
    # round 102: teeth ground ("il grince des dents la nuit")
    r"\bgrince(?:nt|r|s)?\s+des\s+dents\b",
]
_ES = [
    rf"\b(?:operan|operaron|operar(?:le|la)?|operado|operada|opera|van a operar)\s+"
    rf"(?:\p{{L}}+\s+){{0,3}}?de\s+(?:la\s+|el\s+|los\s+|las\s+)?(?:{_BODY_ES})\b",
    rf"\b(?:roto|rota|rompió|fracturado|fracturada|esguince)\s+(?:de\s+|en\s+)?(?:el\s+|la\s+|"
    rf"los\s+|las\s+)?(?:{_BODY_ES})\b",
    # round 51: who broke, twisted or hurt it, in the past ("me rompí el tobillo", "se torció
    # la muñeca", "te fracturaste el brazo")
    rf"\b(?:me|te|se|le|nos)\s+(?:rompí|rompiste|rompió|rompimos|rompieron|fracturé|"
    r"fracturaste|fracturó|torcí|torciste|torció|lesioné|lesionaste|lesionó|disloqué|dislocó)\s+"
    rf"(?:el|la|los|las)\s+(?:{_BODY_ES})\b",
    rf"\b(?:dolor|dolores)\s+de\s+(?:{_BODY_ES})\b",
    rf"\b(?:operación|cirugía|prótesis|trasplante)\s+de\s+(?:la\s+|el\s+)?(?:{_BODY_ES})\b",
    r"\bembarazada\s+de\s+\d{1,2}\s+(?:semanas|meses)\b",
    r"\b(?:está|estuvo|sigue)\s+(?:ingresad[oa]|en la UCI|en urgencias|en el hospital)\b",
    r"\bdio\s+positivo\b|\bdado\s+positivo\b",
    # round 43: "mi hijo tartamudea cuando está nervioso"
    r"(?<=\b(?:yo|él|ella|hijo|hija|niño|niña|hermano|hermana)\b[^.!?\n]{0,40}?)"
    r"\btartamude(?:a|o|aba)\b",
    # round 91: someone's operation as the time of something ("después de su operación", "desde
    # su cirugía")
    r"(?<=\b(?:después\s+de|antes\s+de|desde|tras)\s+(?:su|mi|tu|nuestra)\s+)"
    r"(?:operación|cirugía|intervención)\b",
    # round 98: an injection into a body part ("una infiltración en el talón", "infiltración
    # de corticoides en la rodilla")
    rf"\binfiltraci(?:ón|on|ones)\s+(?:de\s+\p{{L}}+\s+)?(?:en|de)\s+(?:la\s+|el\s+|los\s+|las\s+|"
    rf"su\s+)?(?:{_BODY_ES})\b",
    # round 97: a relative's operation ("la operación de mi madre", "la cirugía de papá")
    r"\b(?:operación|cirugía|intervención)(?=\s+de\s+(?:(?:mi|su|tu|nuestr[oa])\s+(?:padre|"
    r"madre|hij[oa]|marido|mujer|espos[oa]|abuel[oa]|herman[oa]|suegr[oa])|papá|mamá)\b)",
    # round 102: teeth ground ("mi marido rechina los dientes")
    r"\brechin(?:a|an|ar|o|as)\s+(?:los\s+)?dientes\b",
]
_IT = [
    rf"\b(?:operat[oa]|operano|operare|opera|intervento)\s+(?:\p{{L}}+\s+){{0,2}}?"
    rf"(?:a|al|alla|allo|all['’]|ai|alle|di|del|della|dello|dell['’])\s*(?:{_BODY_IT})\b",
    rf"\b(?:rott[oa]|fratturat[oa]|slogat[oa])\s+(?:il\s+|la\s+|l['’]|lo\s+)?(?:{_BODY_IT})\b",
    rf"\bmal\s+di\s+(?:{_BODY_IT})\b",
    rf"\b(?:protesi|frattura|distorsione)\s+(?:a|al|alla|all['’]|del|della|dell['’])\s*"
    rf"(?:{_BODY_IT})\b",
    r"\bincinta\s+di\s+\d{1,2}\s+(?:settimane|mesi)\b",
    r"\b(?:è|era)\s+(?:ricoverat[oa]|in ospedale|in terapia intensiva|al pronto soccorso)\b",
    r"\brisultat[oa]\s+positiv[oa]\b",
    # round 43: "mia figlia balbetta quando è nervosa"
    r"(?<=\b(?:io|lui|lei|figlio|figlia|bambino|bambina|fratello|sorella)\b[^.!?\n]{0,40}?)"
    r"\bbalbett(?:a|o|ava)\b",
    # round 91: someone's operation as the time of something ("dopo il suo intervento", "dalla
    # sua operazione")
    r"(?<=\b(?:dopo|prima\s+del(?:la)?|dal(?:la)?)\s+(?:(?:il|la)\s+)?(?:suo|sua|mio|mia|tuo|"
    r"tua|loro|nostro|nostra)\s+)(?:intervento|operazione)\b",
    # round 98: an injection into a body part ("l'infiltrazione alla spalla", "infiltrazioni
    # nel ginocchio")
    rf"\binfiltrazion[ei]\s+(?:di\s+\p{{L}}+\s+)?(?:a|al|alla|allo|all['’]|ai|alle|nel|nella|"
    rf"nello|nell['’])\s*(?:{_BODY_IT})\b",
    # round 97: a relative's operation ("l'operazione di mia suocera", "l'intervento di papà")
    r"\b(?:operazione|intervento)(?=\s+(?:di|del|della)\s+(?:(?:mi[oa]|su[oa]|nostr[oa])\s+"
    r"(?:padre|madre|figli[oa]|marito|moglie|nonn[oa]|fratello|sorella|suocer[oa])|papà|"
    r"mamma)\b)",
    # round 102: teeth ground ("mio marito digrigna i denti")
    r"\bdigrign(?:a|ano|are|o|i)\s+i\s+denti\b",
]
_NL = [
    # (round 101: or torn, "zijn achillespees gescheurd")
    rf"\b(?:{_BODY_NL})\s+(?:gebroken|verstuikt|geopereerd|ontwricht|gekneusd|gescheurd|"
    r"afgescheurd)\b",
    rf"\b(?:{_BODY_NL})(?:operatie|breuk|fractuur|pijn|ontsteking|prothese)\b",
    rf"\bgeopereerd\s+aan\s+(?:zijn|haar|mijn|de|het)\s+(?:{_BODY_NL})\b",
    r"\b\d{1,2}\s+weken\s+zwanger\b",
    r"\b(?:ligt|lag|is|was)\s+(?:\p{L}+\s+){0,2}"
    r"(?:in het ziekenhuis|op de intensive care|op de IC)\b",
    r"\bpositief\s+getest\b",
    # round 43: "onze zoon stottert sinds de verhuizing"
    r"(?<=\b(?:ik|hij|zij|ze|zoon|dochter|kind|broer|zus)\b[^.!?\n]{0,40}?)"
    r"\bstotter(?:t|de|en)\b",
    # round 91: someone's operation as the time of something ("na zijn operatie", "sinds haar
    # operatie")
    r"(?<=\b(?:na|voor|sinds)\s+(?:zijn|haar|mijn|jouw|hun|onze)\s+)operatie\b",
    # round 97: a relative's operation ("de operatie van mijn vader")
    r"\boperatie(?=\s+van\s+(?:mijn|zijn|haar|onze)\s+(?:vader|moeder|man|vrouw|zoon|dochter|"
    r"opa|oma|broer|zus|schoonvader|schoonmoeder)\b)",
    # round 102: teeth ground ("hij knarst 's nachts met zijn tanden")
    r"\bknarst\s+(?:(?:'s\s+nachts|\p{L}+)\s+)?(?:met\s+(?:zijn|haar|z'n|d'r|de)\s+)?tanden\b",
]
# A test result: the test, then its value or a word for high or low.
_LAB = (
    r"hba1c|a1c|egfr|psa|tsh|ldl|crp|ferritin[e]?|ferritina|cholesterol|cholestérol|"
    r"colesterol|colesterolo|hdl-cholesterol|blood sugars?|blood glucose|glucose|glycémie|"
    r"glucemia|glicemia|blutzucker|bloedsuiker|suikerspiegel|haemoglobin|hemoglobin|hämoglobin|"
    r"hémoglobine|hemoglobina|emoglobina|creatinine|kreatinin|créatinine|creatinina|"
    r"vitamin(?:e|a)? d|vitamin(?:e|a)? b12|b12|iron levels?|"
    r"oxygen(?: sats| saturation| levels?)|spo2|sauerstoffsättigung|"
    r"blood pressure|blutdruck|bloeddruk|platelets|"
    r"white (?:cell|blood cell) count|viral load|cd4(?: count)?|fever|fieber|"
    r"fièvre|fiebre|febbre|koorts|"
    # (round 86: the adrenal glands' hormones, "his cortisol was low again", "ACTH 85")
    r"cortisol|acth"
)
# Round 94: a temperature said of someone by a verb of having or being at, without the word
# fever ("Mein Vater hat heute 38,9", "she's at 39.2", "mon père est à 38,7 ce soir", "il a 39
# de fièvre"); a unit or another word right after it makes it something else ("has 38.5 hours")
_TEMPERATURE = (
    r"(?<=\b(?:he|she|er|sie|il|elle|lui|lei|hij|zij|"
    r"mum|mom|dad|son|daughter|baby|husband|wife|vater|mutter|mama|papa|sohn|tochter|"
    r"père|mère|fils|fille|bébé|mari|femme|padre|madre|hijo|hija|figlio|figlia|vader|moeder|"
    r"zoon|dochter)(?:['’]s)?\s+(?:has|had|is|was|is\s+at|was\s+at|['’]s\s+at|hat|hatte|"
    r"ist\s+bei|war\s+bei|a|avait|est\s+à|était\s+à|tiene|está\s+a|ha|è\s+a|heeft|zit\s+op|at)\s+"
    r"(?:(?:today|tonight|now|already|again|still|heute|jetzt|schon|wieder|noch|"
    r"aujourd['’]hui|déjà|encore|hoy|ya|oggi|già|vandaag|al)\s+)?)"
    r"(?:36|37|38|39|40|41|42)[.,]\d(?:\s*(?:°\s*[CF]?|degrees|grad|degrés|grados|gradi|graden))?"
    r"(?=\s*(?:[.,;!?)]|$|°|de\s+(?:fièvre|fiebre)|di\s+febbre|(?:today|tonight|this|now|"
    r"again|since|and|ce\s+soir|aujourd|heute|seit|und|et|y|e|en|hoy|oggi|vandaag)\b))"
)
_LAB_RULES = [
    rf"\b(?:{_LAB})\s*(?:(?:is|was|were|of|at|came back at|ist|war|liegt bei|lag bei|est|était|"
    r"de|es|era|estaba|è|van|=|:)\s*)?(?:only\s+|nur\s+|only just\s+|down to\s+|up to\s+)?"
    # (round 96: not a postcode's inward code after a district's, "Birmingham B12 0QA")
    r"\d+(?:[.,]\d+)?(?:/\d+)?(?!(?!mg|ml|ug|iu|mm|ng|dl)[a-z]{2}\b)"
    r"\s*(?:%|mmol/mol|mmol/l|mg/dl|mg/l|ng/ml|µg/l|ug/l|g/dl|g/l|"
    r"u/l|ml/min|mmhg|°c|°f|degrees|grad)?",
    rf"\b(?:{_LAB})\s+(?:\p{{L}}+\s+)?(?:low|high|too low|too high|laag|te laag|hoog|te hoog|"
    r"niedrig|zu niedrig|hoch|zu hoch|erhöht|bas|basse|trop bas|élevée?|trop élevée?|bajo|baja|"
    r"alto|alta|basso|bassa|elevat[oa])\b",
    _TEMPERATURE,
]


# The words one of the tests in _LAB contains (a substring of its lowered name).
_LAB_TRIGGERS = (
    "hba1c",
    " a1c",
    "egfr",
    "psa",
    "tsh",
    "ldl",
    "crp",
    "ferrit",
    "cholest",
    "colester",
    "sugar",
    "glucose",
    "glyc",
    "gluc",
    "glic",
    "blutzucker",
    "bloedsuiker",
    "suikerspiegel",
    "globin",
    "creatin",
    "kreatin",
    "créatin",
    "vitamin",
    " b12",
    "iron level",
    "oxygen",
    "spo2",
    "sauerstoff",
    "blood pressure",
    "blutdruck",
    "bloeddruk",
    "platelets",
    "cell count",
    "viral load",
    "cd4",
    "fever",
    "fieber",
    "fièvre",
    "fiebre",
    "febbre",
    "koorts",
    "cortisol",
    "acth",
)

# Words without which a rule cannot match, in the order of the rules: a plain substring test
# on the lowered text skips a rule at once (a pasted log holds none of most of them).
_TRIGGERS: dict[str, list[tuple[str, ...]]] = {
    "_EN": [
        (
            " op",
            "surg",
            "operat",
            "replac",
            "remov",
            "transplant",
            "fractur",
            "injur",
            "infect",
            "pain",
            "ache",
            "biops",
            "x-ray",
            "tumo",
            "cancer",
            "stone",
            "failure",
            "damage",
            "reconstruct",
            "cyst",
            "sprain",
            "strain",
            "bleed",
            "dislocation",
            "ultrasound",
            "mri",
            "physio",
            "pt",
        ),
        (
            "broke",
            "fractured",
            "sprained",
            "twisted",
            "dislocated",
            "tore",
            "torn",
            "injured",
            "hurt",
            "pulled",
            "rolled",
            "tweaked",
            "jarred",
            "wrenched",
            "strained",
            "cracked",
            "chipped",
            "bruised",
            "snapped",
            "ruptured",
            "ripped",
            "spraining",
            "twisting",
            "breaking",
            "fracturing",
            "dislocating",
            "tearing",
            "injuring",
            "hurting",
            "pulling",
            "rolling",
            "straining",
            "cracking",
            "bruising",
            "rupturing",
            "snapping",
        ),
        (
            " out",
            "removed",
            "operated",
            "x-ray",
            "replaced",
            "fused",
            "pinned",
            "reconstructed",
            "extracted",
            "pulled",
        ),
        (" on ",),
        ("wait",),
        ("hospital", "icu", "intensive", "a&e", "the er", "hdu", "nicu"),
        ("surgery went",),
        ("came back", "come back"),
        ("tested positive",),
        ("back",),
        ("pregnant",),
        ("lump", "growth", "mass", "swelling", "mole"),
        (
            "broken",
            "fractured",
            "bruised",
            "cracked",
            "sprained",
            "dislocated",
            "torn",
            "ruptured",
            "snapped",
        ),
        ("type",),
        ("surgery", "operation", " op"),
        ("memor", "geheugen"),
        ("claustrophobic",),
        ("fall",),
        ("blind",),
        ("stitches",),
        ("stitches",),
        ("weeks", "wks"),
        ("transplant",),
        ("hives",),
        ("flushes",),
        ("receding",),
        ("stroke",),
        ("oxygen",),
        ("stroke",),
        ("pill",),
        ("aids",),
        ("induced",),
        ("new hip", "new knee", "new shoulder"),
        (" pe",),
        ("inr",),
        ("mg",),
        ("ventilator",),
        ("stone",),
        ("dbs",),
        (" oa",),
        ("heartbeat", "heart beat", "pulse"),
        ("surgery", "operation", " op"),
        ("surgery", "operation"),
        ("surgery",),
        ("operation", " op"),
        (",x", ", x"),
        ("graves",),
        ("weeks", "wks"),
        ("piles",),
        ("physio",),
        ("squint",),
        ("wound",),
        ("physio",),
        ("repair", "rupture", "tear", "reconstruction"),
        ("ppi",),
        (
            "ibuprofen",
            "paracetamol",
            "acetaminophen",
            "aspirin",
            "naproxen",
            "co-codamol",
            "nurofen",
            "calpol",
            "tylenol",
            "advil",
            "antacid",
            "gaviscon",
            "rennies",
        ),
        ("grind", "ground", "clench"),
        ("jaw",),
        ("spots",),
        ("nostril", "packed", "cauteri"),
        ("lyme",),
        ("tick",),
        ("worms",),
    ],
    "_DE": [
        (
            "-op",
            " op",
            "operation",
            "bruch",
            "prothese",
            "verletzung",
            "transplant",
            "spiegelung",
            "infiltration",
            "bandage",
            "orthese",
        ),
        ("operiert",),
        ("operiert",),
        (
            "gebrochen",
            "verstaucht",
            "verrenkt",
            "ausgekugelt",
            "operiert",
            "geprellt",
            "verbrannt",
            "gerissen",
            "verdreht",
            "umgeknickt",
            "gezerrt",
            "überdehnt",
            "entzündet",
        ),
        ("ssw", "schwangerschaftswoche"),
        ("ssw",),
        ("krankenhaus", "klinik", "intensiv"),
        ("getestet",),
        ("demenz",),
        ("stotter",),
        ("op", "operation"),
        ("op", "operation"),
        ("op", "operation"),
        ("knirsch",),
        ("cmd",),
        ("nase",),
    ],
    "_FR": [
        ("opér",),
        ("cass", "fractur", "foul", "brûl", "rompu", "déchiré"),
        ("entorse", "fracture", "foulure", "luxation"),
        ("mal ",),
        ("opération", "chirurgie", "prothèse", "greffe"),
        ("enceinte",),
        ("hospitalis", "urgences", "réanimation", "hôpital"),
        ("testé",),
        ("béga",),
        ("goutte",),
        ("retirer", "enlever", "ôter"),
        ("opération", "intervention", "chirurgie"),
        ("opération", "intervention"),
        ("infiltration", "radio", "irm", "écho", "scanner"),
        ("opération", "intervention", "chirurgie"),
        ("grince",),
    ],
    "_ES": [
        ("opera",),
        ("roto", "rota", "rompió", "fractura", "esguince"),
        ("romp", "fractur", "torc", "lesion", "disloc"),
        ("dolor",),
        ("operación", "cirugía", "prótesis", "trasplante"),
        ("embarazada",),
        ("ingresad", "uci", "urgencias", "hospital"),
        ("positivo",),
        ("tartamude",),
        ("operación", "cirugía", "intervención"),
        ("infiltraci",),
        ("operación", "cirugía", "intervención"),
        ("rechin",),
    ],
    "_IT": [
        ("opera", "intervento"),
        ("rott", "fratturat", "slogat"),
        ("mal di",),
        ("protesi", "frattura", "distorsione"),
        ("incinta",),
        ("ricoverat", "ospedale", "terapia intensiva", "pronto soccorso"),
        ("positiv",),
        ("balbett",),
        ("intervento", "operazione"),
        ("infiltrazion",),
        ("intervento", "operazione"),
        ("digrign",),
    ],
    "_NL": [
        ("gebroken", "verstuikt", "geopereerd", "ontwricht", "gekneusd", "gescheurd"),
        ("operatie", "breuk", "fractuur", "pijn", "ontsteking", "prothese"),
        ("geopereerd",),
        ("zwanger",),
        ("ziekenhuis", "intensive care", "op de ic"),
        ("positief",),
        ("stotter",),
        ("operatie",),
        ("operatie",),
        ("knarst",),
    ],
    # Both lab rules start with the test's name (_LAB): the same words trigger either; a
    # temperature (round 94) has its first digits.
    "_LAB_RULES": [
        _LAB_TRIGGERS,
        _LAB_TRIGGERS,
        tuple(str(n) for n in range(36, 43)),
    ],
}


@cache
def _compiled() -> tuple[tuple[str, ...], tuple[tuple[frozenset[str], regex.Pattern[str]], ...]]:
    """Every trigger word once, and each rule on its own with its trigger words (one
    alternation of all the rules is slower than running the few triggered ones in turn)."""
    groups = {
        "_EN": _EN,
        "_DE": _DE,
        "_FR": _FR,
        "_ES": _ES,
        "_IT": _IT,
        "_NL": _NL,
        "_LAB_RULES": _LAB_RULES,
    }
    rules = tuple(
        (frozenset(words), regex.compile(rule, regex.IGNORECASE))
        for name, rules in groups.items()
        for words, rule in zip(_TRIGGERS[name], rules, strict=True)
    )
    return tuple({w for words, _ in rules for w in words}), rules


# Round 86: a disease named after whoever described it, which no lexicon lists in full
# ("Addison's disease", "Sjögren syndrome", "Guillain-Barré syndrome", "Morbus Basedow", "la
# maladie de Charcot", "sindrome di Down"): a capitalised name, possessive or hyphenated, before
# the head a language names a disease with, or after it. The caller drops a name that is an
# ordinary word ("Imposter Syndrome", "Gulf War syndrome") or a place's or an animal's
# (_NOT_EPONYMS: "Stockholm syndrome", "Dutch Elm Disease", "Marek's disease").
_EPONYM_NAME = r"\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:[-\u2013]\p{Lu}\p{Ll}+){0,2}"
_EPONYM = regex.compile(
    rf"(?<![\w'’-])(?P<name>{_EPONYM_NAME})(?:['’]s?)?\s+"
    rf"(?i:{'|'.join(sorted(DISEASE_HEADS))})\b"
    r"|\b(?:Morbus\s+|[Mm]aladie\s+d(?:e\s+|['’])|[Ss]yndrome\s+d(?:e\s+|['’])|[Mm]alattia\s+di\s+|"
    r"[Mm]orbo\s+di\s+|[Ss]indrome\s+di\s+|[Ee]nfermedad\s+de\s+|[Ss]índrome\s+de\s+|"
    r"[Zz]iekte\s+van\s+|[Ss]yndroom\s+van\s+)"
    rf"(?P<after>{_EPONYM_NAME})(?![\w-])"
)
# (the words without which _EPONYM cannot match: its heads, "síndrome" and "sindrome" by their
# end, and the words a name comes after)
_EPONYM_WORDS = (
    *sorted(DISEASE_HEADS),
    "ndrome",
    "syndroom",
    "morbus",
    "maladie d",
    "malattia di",
    "morbo di",
    "enfermedad de",
    "ziekte van",
)
_NOT_EPONYMS = frozenset(
    str.split(
        # places and peoples a syndrome is named after, no one's disease ("Stockholm syndrome")
        # (the ordinary English words among them, "Gulf", "This", are dropped as words already)
        "stockholm lima paris jerusalem havana china dutch english french german "
        # orbital debris, trees and bananas, poultry, cattle and pigs
        "kessler elm panama marek newcastle johne aujeszky bang "
        # a heading's words that the word list leaves out as names ("Tall Poppy Syndrome",
        # "Peter Pan", "The", "My", "Her")
        "poppy nest pan peter the my her"
    )
)


def eponyms(text: str, english: Container[str]) -> list[tuple[int, int]]:
    """The spans of diseases named after a person (_EPONYM), whose name is no ordinary word
    of ``english`` nor one of _NOT_EPONYMS."""
    lowered = text.lower()
    if not any(w in lowered for w in _EPONYM_WORDS):
        return []
    out = []
    for m in _EPONYM.finditer(text):
        name = m.group("name") or m.group("after")
        parts = [p.casefold() for p in regex.split(r"[-\u2013]", name)]
        if any(p in _NOT_EPONYMS for p in parts) or (len(parts) == 1 and parts[0] in english):
            continue
        out.append(m.span())
    return out


# A medicine the lexicon does not know, named beside its dose: "Medikinet 10 mg", "18 mg of
# Concerta". The dose is found first (it starts with a digit: cheap on long texts), then the
# word before or after it; the name is capitalised, as brands are, and no ordinary English word
# (checked by the caller).
_DOSE = regex.compile(DOSE)
_NAME_BEFORE = regex.compile(r"\b\p{Lu}[\p{L}-]{3,}\s+$")
_NAME_AFTER = regex.compile(r"^\s+(?:of\s+)?\p{Lu}[\p{L}-]{3,}\b")


def dosed(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each dose with a capitalised word just before or after it."""
    out = []
    for m in _DOSE.finditer(text):
        before = _NAME_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
        if before is not None:
            name = before.group().strip()
            out.append((m.start() - len(before.group()), m.end(), name))
            continue
        after = _NAME_AFTER.match(text[m.end() : m.end() + 40])
        if after is not None:
            out.append((m.start(), m.end() + after.end(), after.group().split()[-1]))
    return out


def phrases(text: str) -> list[tuple[int, int]]:
    """The spans of health phrases in ``text`` (module doc)."""
    every, rules = _compiled()
    lowered = text.lower()
    found = {w for w in every if w in lowered}
    if not found:
        return []
    return [m.span() for words, rule in rules if words & found for m in rule.finditer(text)]
