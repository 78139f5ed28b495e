"""The ROUTING_PII_CONTEXT modes on corpora the models never saw: leave one corpus out.

    uv run python -m tests.routing.pii_context_train --cv --oof /tmp/context.json   # ~35 s
    uv run python -m tests.routing.pii_tokens_train --cv /tmp/words.json             # ~2 min
    uv run python -m bench.routing_pii_modes --context /tmp/context.json --words /tmp/words.json

For each of blind6..blind21: the rules it was measured on before it was tuned on (the detector
of the commit below, checked out with ``git worktree`` and run in a subprocess), the whole-text
model's and the name-word model's scores from models trained on the other corpora (the two
``--cv`` files), combined as each mode does (routing_mcp.pii.PiiScanner._read_whole, for prompts
of the corpora's length), pooled. This is the table the thresholds were chosen on (README,
fourteenth round, blind6..blind12) and checked again on (fifteenth round, blind6..blind18;
sixteenth, blind6..blind21).
With ``--batches blind62:blind89:4`` (given to both ``--cv`` runs too) only those batches are
left out, one at a time, and scored; ``--sweep`` also prints balanced and strict mode at other
thresholds (session 18: the operating point chosen on the batches of sessions 17-18, each scored
by models that never saw it, with the rules it was measured on).
Redact-mode protection is not recomputed here (the models read the redacted text in the scanner;
the pre-tuning rules' findings are kept as they were).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from routing_mcp import pii_context, pii_medical, pii_tokens
from routing_mcp.pii import CONTEXT, READ_FROM_WORDS
from tests.routing.pii_context_train import batches
from tests.routing.pii_corpus import load

# Each corpus and the commit whose detector was measured on it before it was tuned on.
BEFORE_TUNING = {
    "blind6": "ad979a8",
    "blind7": "97ed64a",
    "blind8": "f868289",
    "blind9": "83ed5ce",
    "blind10": "83ed5ce",
    "blind11": "1447e32",
    "blind12": "8130bff",
    # measured once per mode (session 11) with the rules of its last commit, tuned on in session 12
    "blind13": "7a3da5e",
    "blind14": "7a3da5e",
    "blind15": "7a3da5e",
    "blind16": "7a3da5e",
    "blind17": "7a3da5e",
    "blind18": "7a3da5e",
    # measured once per mode after the fifteenth round (1e7bac1), tuned on in the sixteenth
    "blind19": "1e7bac1",
    "blind20": "1e7bac1",
    "blind21": "1e7bac1",
    # measured once per mode on the sixteenth round's rules (session 12)
    "blind22": "684ae10",
    "blind23": "684ae10",
    "blind24": "684ae10",
    "blind25": "684ae10",
    "blind26": "8d838e7",
    "blind27": "8d838e7",
    "blind28": "8d838e7",
    # each batch measured once on the rules of its time (session 13), tuned on in the next round
    "blind29": "ee66038",
    "blind30": "ee66038",
    "blind31": "ee66038",
    "blind32": "5160cb2",
    "blind33": "5160cb2",
    "blind34": "5160cb2",
    "blind35": "09ba23b",
    "blind36": "09ba23b",
    "blind37": "09ba23b",
    # measured once per mode on the retrained models and the twentieth round's rules (session 14)
    "blind38": "8e9b30c",
    "blind39": "8e9b30c",
    "blind40": "8e9b30c",
    # measured once per mode on the twenty-first round's detector (session 14)
    "blind41": "c4cafac",
    "blind42": "c4cafac",
    "blind43": "c4cafac",
    # measured once per mode on the twenty-second round's detector (session 14)
    "blind44": "5db590e",
    "blind45": "5db590e",
    "blind46": "5db590e",
    # measured once per mode on the twenty-third round's detector and models (session 15)
    "blind47": "adda833",
    "blind48": "adda833",
    "blind49": "adda833",
    # measured once per mode on the twenty-fourth round's detector and models (session 16)
    "blind50": "4ea8b12",
    "blind51": "4ea8b12",
    "blind52": "4ea8b12",
    "blind53": "4ea8b12",
    # measured once per mode on the twenty-fifth round's detector and models (session 16)
    "blind54": "16d4df6",
    "blind55": "16d4df6",
    "blind56": "16d4df6",
    "blind57": "16d4df6",
    # measured once per mode on the twenty-sixth round's detector and models (session 16)
    "blind58": "9e8e11c",
    "blind59": "9e8e11c",
    "blind60": "9e8e11c",
    "blind61": "9e8e11c",
    # measured once per mode on the twenty-eighth round's detector and models (session 17)
    "blind62": "8483a78",
    "blind63": "8483a78",
    "blind64": "8483a78",
    "blind65": "8483a78",
    # measured once per mode on the twenty-ninth round's detector and models (session 17)
    "blind66": "18402b5",
    "blind67": "18402b5",
    "blind68": "18402b5",
    "blind69": "18402b5",
    # measured once per mode on the thirtieth round's detector and models (session 17)
    "blind70": "75b1cc2",
    "blind71": "75b1cc2",
    "blind72": "75b1cc2",
    "blind73": "75b1cc2",
    # measured once per mode on the thirty-first round's detector and models (session 17)
    "blind74": "e1b2c4d",
    "blind75": "e1b2c4d",
    "blind76": "e1b2c4d",
    "blind77": "e1b2c4d",
    # measured once per mode on the thirty-second round's detector and models (session 17)
    "blind78": "93a2f91",
    "blind79": "93a2f91",
    "blind80": "93a2f91",
    "blind81": "93a2f91",
    # measured once per mode on the thirty-third round's detector and models (session 17)
    "blind82": "65dfd7d",
    "blind83": "65dfd7d",
    "blind84": "65dfd7d",
    "blind85": "65dfd7d",
    # measured once per mode on the thirty-fourth round's detector and models (session 18)
    "blind86": "0d26daa",
    "blind87": "0d26daa",
    "blind88": "0d26daa",
    "blind89": "0d26daa",
    # measured once per mode on the thirty-fifth round's detector and models (session 18)
    "blind90": "a302598",
    "blind91": "a302598",
    "blind92": "a302598",
    "blind93": "a302598",
    # measured once per mode on the thirty-sixth round's detector and models (session 18)
    "blind94": "acc9933",
    "blind95": "acc9933",
    "blind96": "acc9933",
    "blind97": "acc9933",
    # measured once per mode on the thirty-seventh round's detector and models (session 18)
    "blind98": "cc2d6ec",
    "blind99": "cc2d6ec",
    "blind100": "cc2d6ec",
    "blind101": "cc2d6ec",
    # measured once per mode on the thirty-eighth round's detector and models (session 19)
    "blind102": "57292e8",
    "blind103": "57292e8",
    "blind104": "57292e8",
    "blind105": "57292e8",
    # measured once per mode on the thirty-ninth round's detector and models (session 19)
    "blind106": "61d56fc",
    "blind107": "61d56fc",
    "blind108": "61d56fc",
    "blind109": "61d56fc",
    # measured once per mode on the fortieth round's detector and models (session 19)
    "blind110": "4ed161b",
    "blind111": "4ed161b",
    "blind112": "4ed161b",
    "blind113": "4ed161b",
    # measured once per mode on the forty-first round's detector and models (session 19)
    "blind114": "5b251f1",
    "blind115": "5b251f1",
    "blind116": "5b251f1",
    "blind117": "5b251f1",
    # measured once per mode on the same detector and models, no round between (session 19)
    "blind118": "adcf5f5",
    "blind119": "adcf5f5",
    "blind120": "adcf5f5",
    "blind121": "adcf5f5",
    # measured once per mode on the forty-third round's detector and models retrained on
    # blind114-121 (session 20)
    "blind122": "7eb39b3",
    "blind123": "7eb39b3",
    "blind124": "7eb39b3",
    "blind125": "7eb39b3",
    # measured once per mode on the forty-fifth round's detector and models retrained on
    # blind122-125 (session 20)
    "blind126": "7547a79",
    "blind127": "7547a79",
    "blind128": "7547a79",
    "blind129": "7547a79",
    "blind130": "d519387",
    "blind131": "d519387",
    "blind132": "d519387",
    "blind133": "d519387",
    "blind134": "4820011",
    "blind135": "4820011",
    "blind136": "4820011",
    "blind137": "4820011",
    "blind138": "3425017",
    "blind139": "3425017",
    "blind140": "3425017",
    "blind141": "3425017",
    "blind142": "9a4391e",
    "blind143": "9a4391e",
    "blind144": "9a4391e",
    "blind145": "9a4391e",
    "blind146": "d956334",
    "blind147": "d956334",
    "blind148": "d956334",
    "blind149": "d956334",
    "blind150": "16004d2",
    "blind151": "16004d2",
    "blind152": "16004d2",
    "blind153": "16004d2",
    "blind154": "d75b107",
    "blind155": "d75b107",
    "blind156": "d75b107",
    "blind157": "d75b107",
    "blind158": "45eab17",
    "blind159": "45eab17",
    "blind160": "45eab17",
    "blind161": "45eab17",
    "blind162": "ec4f0d7",
    "blind163": "ec4f0d7",
    "blind164": "ec4f0d7",
    "blind165": "ec4f0d7",
    "blind166": "44aeec1",
    "blind167": "44aeec1",
    "blind168": "44aeec1",
    "blind169": "44aeec1",
    "blind170": "b9502cd",
    "blind171": "b9502cd",
    "blind172": "b9502cd",
    "blind173": "b9502cd",
    "blind174": "b9502cd",
    "blind175": "b9502cd",
    "blind176": "b9502cd",
    "blind177": "b9502cd",
    "blind178": "ed0bb26",
    "blind179": "ed0bb26",
    "blind180": "ed0bb26",
    "blind181": "ed0bb26",
    "blind182": "ed0bb26",
    "blind183": "ed0bb26",
    "blind184": "ed0bb26",
    "blind185": "ed0bb26",
    "blind186": "9be025e",
    "blind187": "9be025e",
    "blind188": "9be025e",
    "blind189": "9be025e",
    "blind190": "9be025e",
    "blind191": "9be025e",
    "blind192": "9be025e",
    "blind193": "9be025e",
    "blind194": "c024b15",
    "blind195": "c024b15",
    "blind196": "c024b15",
    "blind197": "c024b15",
    "blind198": "c024b15",
    "blind199": "c024b15",
    "blind200": "c024b15",
    "blind201": "c024b15",
    "blind202": "e247dcc",
    "blind203": "e247dcc",
    "blind204": "e247dcc",
    "blind205": "e247dcc",
    "blind206": "e247dcc",
    "blind207": "e247dcc",
    "blind208": "e247dcc",
    "blind209": "e247dcc",
    "blind210": "207cb65",
    "blind211": "207cb65",
    "blind212": "207cb65",
    "blind213": "207cb65",
    "blind214": "207cb65",
    "blind215": "207cb65",
    "blind216": "207cb65",
    "blind217": "207cb65",
    "blind218": "68d7680",
    "blind219": "68d7680",
    "blind220": "68d7680",
    "blind221": "68d7680",
    "blind222": "68d7680",
    "blind223": "68d7680",
    "blind224": "68d7680",
    "blind225": "68d7680",
    "blind226": "33100b6",
    "blind227": "33100b6",
    "blind228": "33100b6",
    "blind229": "33100b6",
    "blind230": "33100b6",
    "blind231": "33100b6",
    "blind232": "33100b6",
    "blind233": "33100b6",
    "blind234": "5c8191d",
    "blind235": "5c8191d",
    "blind236": "5c8191d",
    "blind237": "5c8191d",
    "blind238": "5c8191d",
    "blind239": "5c8191d",
    "blind240": "5c8191d",
    "blind241": "5c8191d",
    "blind242": "5d5499c",
    "blind243": "5d5499c",
    "blind244": "5d5499c",
    "blind245": "5d5499c",
    "blind246": "5d5499c",
    "blind247": "5d5499c",
    "blind248": "5d5499c",
    "blind249": "5d5499c",
    "blind250": "332e673",
    "blind251": "332e673",
    "blind252": "332e673",
    "blind253": "332e673",
    "blind254": "332e673",
    "blind255": "332e673",
    "blind256": "332e673",
    "blind257": "332e673",
    "blind258": "1f50830",
    "blind259": "1f50830",
    "blind260": "1f50830",
    "blind261": "1f50830",
    "blind262": "1f50830",
    "blind263": "1f50830",
    "blind264": "1f50830",
    "blind265": "1f50830",
    "blind266": "310180e",
    "blind267": "310180e",
    "blind268": "310180e",
    "blind269": "310180e",
    "blind270": "310180e",
    "blind271": "310180e",
    "blind272": "310180e",
    "blind273": "310180e",
    "blind274": "9d82cf0",
    "blind275": "9d82cf0",
    "blind276": "9d82cf0",
    "blind277": "9d82cf0",
    "blind278": "9d82cf0",
    "blind279": "9d82cf0",
    "blind280": "9d82cf0",
    "blind281": "9d82cf0",
    "blind282": "a8d1299",
    "blind283": "a8d1299",
    "blind284": "a8d1299",
    "blind285": "a8d1299",
    "blind286": "a8d1299",
    "blind287": "a8d1299",
    "blind288": "a8d1299",
    "blind289": "a8d1299",
    "blind290": "f7c29aa",
    "blind291": "f7c29aa",
    "blind292": "f7c29aa",
    "blind293": "f7c29aa",
    "blind294": "f7c29aa",
    "blind295": "f7c29aa",
    "blind296": "f7c29aa",
    "blind297": "f7c29aa",
    "blind298": "becf660",
    "blind299": "becf660",
    "blind300": "becf660",
    "blind301": "becf660",
    "blind302": "becf660",
    "blind303": "becf660",
    "blind304": "becf660",
    "blind305": "becf660",
    "blind306": "4e434b1",
    "blind307": "4e434b1",
    "blind308": "4e434b1",
    "blind309": "4e434b1",
    "blind310": "4e434b1",
    "blind311": "4e434b1",
    "blind312": "4e434b1",
    "blind313": "4e434b1",
    "blind314": "2fdf84d",
    "blind315": "2fdf84d",
    "blind316": "2fdf84d",
    "blind317": "2fdf84d",
    "blind318": "2fdf84d",
    "blind319": "2fdf84d",
    "blind320": "2fdf84d",
    "blind321": "2fdf84d",
    "blind322": "84d54e2",
    "blind323": "84d54e2",
    "blind324": "84d54e2",
    "blind325": "84d54e2",
    "blind326": "84d54e2",
    "blind327": "84d54e2",
    "blind328": "84d54e2",
    "blind329": "84d54e2",
    "blind330": "9ce50f9",
    "blind331": "9ce50f9",
    "blind332": "9ce50f9",
    "blind333": "9ce50f9",
    "blind334": "9ce50f9",
    "blind335": "9ce50f9",
    "blind336": "9ce50f9",
    "blind337": "9ce50f9",
    "blind338": "3911d64",
    "blind339": "3911d64",
    "blind340": "3911d64",
    "blind341": "3911d64",
    "blind342": "3911d64",
    "blind343": "3911d64",
    "blind344": "3911d64",
    "blind345": "3911d64",
    "blind346": "99b3bde",
    "blind347": "99b3bde",
    "blind348": "99b3bde",
    "blind349": "99b3bde",
    "blind350": "99b3bde",
    "blind351": "99b3bde",
    "blind352": "99b3bde",
    "blind353": "99b3bde",
    "blind354": "be294bd",
    "blind355": "be294bd",
    "blind356": "be294bd",
    "blind357": "be294bd",
    "blind358": "be294bd",
    "blind359": "be294bd",
    "blind360": "be294bd",
    "blind361": "be294bd",
    "blind362": "81d0627",
    "blind363": "81d0627",
    "blind364": "81d0627",
    "blind365": "81d0627",
    "blind366": "81d0627",
    "blind367": "81d0627",
    "blind368": "81d0627",
    "blind369": "81d0627",
    "blind370": "e59b334",
    "blind371": "e59b334",
    "blind372": "e59b334",
    "blind373": "e59b334",
    "blind374": "e59b334",
    "blind375": "e59b334",
    "blind376": "e59b334",
    "blind377": "e59b334",
    "blind378": "8f8c0bd",
    "blind379": "8f8c0bd",
    "blind380": "8f8c0bd",
    "blind381": "8f8c0bd",
    "blind382": "8f8c0bd",
    "blind383": "8f8c0bd",
    "blind384": "8f8c0bd",
    "blind385": "8f8c0bd",
    "blind386": "516addf",
    "blind387": "516addf",
    "blind388": "516addf",
    "blind389": "516addf",
    "blind390": "516addf",
    "blind391": "516addf",
    "blind392": "516addf",
    "blind393": "516addf",
    "blind394": "6cc659f",
    "blind395": "6cc659f",
    "blind396": "6cc659f",
    "blind397": "6cc659f",
    "blind398": "6cc659f",
    "blind399": "6cc659f",
    "blind400": "6cc659f",
    "blind401": "6cc659f",
    "blind402": "444c5c3",
    "blind403": "444c5c3",
    "blind404": "444c5c3",
    "blind405": "444c5c3",
    "blind406": "444c5c3",
    "blind407": "444c5c3",
    "blind408": "444c5c3",
    "blind409": "444c5c3",
    "blind410": "51a0b6e",
    "blind411": "51a0b6e",
    "blind412": "51a0b6e",
    "blind413": "51a0b6e",
    "blind414": "51a0b6e",
    "blind415": "51a0b6e",
    "blind416": "51a0b6e",
    "blind417": "51a0b6e",
    "blind418": "4234541",
    "blind419": "4234541",
    "blind420": "4234541",
    "blind421": "4234541",
    "blind422": "4234541",
    "blind423": "4234541",
    "blind424": "4234541",
    "blind425": "4234541",
    "blind426": "2777590",
    "blind427": "2777590",
    "blind428": "2777590",
    "blind429": "2777590",
    "blind430": "2777590",
    "blind431": "2777590",
    "blind432": "2777590",
    "blind433": "2777590",
    "blind434": "a368102",
    "blind435": "a368102",
    "blind436": "a368102",
    "blind437": "a368102",
    "blind438": "a368102",
    "blind439": "a368102",
    "blind440": "a368102",
    "blind441": "a368102",
    "blind442": "6e922e9",
    "blind443": "6e922e9",
    "blind444": "6e922e9",
    "blind445": "6e922e9",
    "blind446": "6e922e9",
    "blind447": "6e922e9",
    "blind448": "6e922e9",
    "blind449": "6e922e9",
    "blind450": "a2b456b",
    "blind451": "a2b456b",
    "blind452": "a2b456b",
    "blind453": "a2b456b",
    "blind454": "a2b456b",
    "blind455": "a2b456b",
    "blind456": "a2b456b",
    "blind457": "a2b456b",
    "blind458": "ef920e9",
    "blind459": "ef920e9",
    "blind460": "ef920e9",
    "blind461": "ef920e9",
    "blind462": "ef920e9",
    "blind463": "ef920e9",
    "blind464": "ef920e9",
    "blind465": "ef920e9",
    "blind466": "40d3a74",
    "blind467": "40d3a74",
    "blind468": "40d3a74",
    "blind469": "40d3a74",
    "blind470": "40d3a74",
    "blind471": "40d3a74",
    "blind472": "40d3a74",
    "blind473": "40d3a74",
    "blind474": "f610c7a",
    "blind475": "f610c7a",
    "blind476": "f610c7a",
    "blind477": "f610c7a",
    "blind478": "f610c7a",
    "blind479": "f610c7a",
    "blind480": "f610c7a",
    "blind481": "f610c7a",
    "blind482": "7cead14",
    "blind483": "7cead14",
    "blind484": "7cead14",
    "blind485": "7cead14",
    "blind486": "7cead14",
    "blind487": "7cead14",
    "blind488": "7cead14",
    "blind489": "7cead14",
    "blind490": "468847c",
    "blind491": "468847c",
    "blind492": "468847c",
    "blind493": "468847c",
    "blind494": "468847c",
    "blind495": "468847c",
    "blind496": "468847c",
    "blind497": "468847c",
    "blind498": "9c7b40f",
    "blind499": "9c7b40f",
    "blind500": "9c7b40f",
    "blind501": "9c7b40f",
    "blind502": "9c7b40f",
    "blind503": "9c7b40f",
    "blind504": "9c7b40f",
    "blind505": "9c7b40f",
    "blind506": "ac59f71",
    "blind507": "ac59f71",
    "blind508": "ac59f71",
    "blind509": "ac59f71",
    "blind510": "ac59f71",
    "blind511": "ac59f71",
    "blind512": "ac59f71",
    "blind513": "ac59f71",
    "blind514": "cceffae",
    "blind515": "cceffae",
    "blind516": "cceffae",
    "blind517": "cceffae",
    "blind518": "cceffae",
    "blind519": "cceffae",
    "blind520": "cceffae",
    "blind521": "cceffae",
    "blind522": "60b3bf9",
    "blind523": "60b3bf9",
    "blind524": "60b3bf9",
    "blind525": "60b3bf9",
    "blind526": "60b3bf9",
    "blind527": "60b3bf9",
    "blind528": "60b3bf9",
    "blind529": "60b3bf9",
    "blind530": "cf385e0",
    "blind531": "cf385e0",
    "blind532": "cf385e0",
    "blind533": "cf385e0",
    "blind534": "cf385e0",
    "blind535": "cf385e0",
    "blind536": "cf385e0",
    "blind537": "cf385e0",
    "blind538": "db693dc",
    "blind539": "db693dc",
    "blind540": "db693dc",
    "blind541": "db693dc",
    "blind542": "db693dc",
    "blind543": "db693dc",
    "blind544": "db693dc",
    "blind545": "db693dc",
    "blind546": "6041e39",
    "blind547": "6041e39",
    "blind548": "6041e39",
    "blind549": "6041e39",
    "blind550": "6041e39",
    "blind551": "6041e39",
    "blind552": "6041e39",
    "blind553": "6041e39",
    "blind554": "f708be7",
    "blind555": "f708be7",
    "blind556": "f708be7",
    "blind557": "f708be7",
    "blind558": "f708be7",
    "blind559": "f708be7",
    "blind560": "f708be7",
    "blind561": "f708be7",
    "blind562": "3cf5f61",
    "blind563": "3cf5f61",
    "blind564": "3cf5f61",
    "blind565": "3cf5f61",
    "blind566": "3cf5f61",
    "blind567": "3cf5f61",
    "blind568": "3cf5f61",
    "blind569": "3cf5f61",
    "blind570": "367f384",
    "blind571": "367f384",
    "blind572": "367f384",
    "blind573": "367f384",
    "blind574": "367f384",
    "blind575": "367f384",
    "blind576": "367f384",
    "blind577": "367f384",
    "blind578": "5a05cce",
    "blind579": "5a05cce",
    "blind580": "5a05cce",
    "blind581": "5a05cce",
    "blind582": "5a05cce",
    "blind583": "5a05cce",
    "blind584": "5a05cce",
    "blind585": "5a05cce",
    "blind586": "cac8a8f",
    "blind587": "cac8a8f",
    "blind588": "cac8a8f",
    "blind589": "cac8a8f",
    "blind590": "cac8a8f",
    "blind591": "cac8a8f",
    "blind592": "cac8a8f",
    "blind593": "cac8a8f",
}
WORD_READ = READ_FROM_WORDS - {CONTEXT}  # the kinds the filter may drop
SCAN = """
import inspect, json, sys
from routing_mcp.pii import PiiScanner
from tests.routing.pii_corpus import load
off = {"context": "off"} if "context" in inspect.signature(PiiScanner).parameters else {}
scanner = PiiScanner(0.4, ("US", "GB", "DE", "FR"), **off)
print(json.dumps({s.id: sorted({f.entity for f in scanner.scan(s.text)})
                  for name in ("personal", "clean") for s in load(name, sys.argv[1])}))
"""


def kinds_before_tuning(split: str, commit: str, root: Path) -> dict[str, list[str]]:
    with tempfile.TemporaryDirectory(prefix="pii-modes-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(
            ["git", "-C", str(root), "worktree", "add", "-f", "--detach", str(tree), commit],
            check=True,
            capture_output=True,
        )
        try:
            done = subprocess.run(
                [sys.executable, "-c", SCAN, split],
                env={"PYTHONPATH": f"{tree}/routing-mcp/src:{root}", "PATH": "/usr/bin:/bin"},
                check=True,
                capture_output=True,
                text=True,
            )
        finally:
            subprocess.run(["git", "-C", str(root), "worktree", "remove", "-f", str(tree)])
    return json.loads(done.stdout)


Row = tuple[bool, str, set[str], str]


def flagged(
    rows: list[Row],
    context: dict[str, float],
    words: dict[str, float],
    mode: str,
    thresholds: tuple[float, float, float],
) -> tuple[int, int, int, int]:
    """Personal prompts flagged, personal prompts, clean prompts flagged, clean prompts: each
    prompt's rules before tuning and left-out model scores combined as ``mode`` does, with the
    whole-text model's (personal, clean) thresholds and the name-word gate."""
    personal_at, clean_at, gate = thresholds
    out = {True: 0, False: 0}
    for personal, text, found, ident in rows:
        p = context[ident]
        # (one kind only: two kinds read apart are never dropped, as in the scanner)
        if mode != "off" and len(found) == 1 and found <= WORD_READ and p < clean_at:
            found = set()
        add = mode in ("balanced", "strict") and not found and p > personal_at
        if add and mode == "balanced":
            add = words[ident] > gate or bool(pii_medical.terms(text))
        out[personal] += bool(found) or add
    n_pers = sum(1 for r in rows if r[0])
    return out[True], n_pers, out[False], len(rows) - n_pers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--context", type=Path, required=True, help="pii_context_train --oof")
    parser.add_argument("--words", type=Path, required=True, help="pii_tokens_train --cv")
    parser.add_argument(
        "--batches", help="only these batches (FIRST:LAST:SIZE, as given to the --cv runs)"
    )
    parser.add_argument(
        "--sweep", action="store_true", help="also balanced and strict at other thresholds"
    )
    args = parser.parse_args()
    context, words = json.loads(args.context.read_text()), json.loads(args.words.read_text())
    root = Path(__file__).resolve().parents[1]
    wanted = {s for group in batches(args.batches) for s in group} if args.batches else None
    rows: list[Row] = []
    for split, commit in BEFORE_TUNING.items():
        if wanted is not None and split not in wanted:
            continue
        kinds = kinds_before_tuning(split, commit, root)
        for name in ("personal", "clean"):
            for s in load(name, split):  # type: ignore[arg-type]
                rows.append((name == "personal", s.text, set(kinds[s.id]), s.id))
    whole, gate = pii_context.shipped(), pii_tokens.shipped().gate  # the shipped thresholds
    shipped = (whole.personal, whole.clean, gate)
    print("| mode | personal prompts flagged | clean prompts flagged |\n|---|---|---|")
    for mode in ("off", "filter", "balanced", "strict"):
        hit, n_pers, fp, n_clean = flagged(rows, context, words, mode, shipped)
        print(
            f"| {mode} | {hit / n_pers:.1%} ({hit}/{n_pers}) | "
            f"{fp / n_clean:.1%} ({fp}/{n_clean}) |"
        )
    if not args.sweep:
        return
    print(
        "\n| mode | personal | clean | gate | flagged | false positives |\n"
        "|---|---|---|---|---|---|"
    )
    for mode in ("balanced", "strict"):
        for personal_at in (0.3, 0.4, 0.5, 0.6, 0.7):
            for clean_at in (0.05, 0.1, 0.15):
                for gate_at in (0.02, 0.05, 0.1, 0.2) if mode == "balanced" else (gate,):
                    point = (personal_at, clean_at, gate_at)
                    hit, n_pers, fp, n_clean = flagged(rows, context, words, mode, point)
                    print(
                        f"| {mode} | {personal_at} | {clean_at} | {gate_at} | "
                        f"{hit / n_pers:.2%} | {fp / n_clean:.2%} |"
                    )


if __name__ == "__main__":
    main()
