"""Well-formedness check for the fresh and blind PII corpora (see FRESH.md).

It checks only the shape of the hand-written data: valid JSON, unique ids, known
languages and kinds, every listed value present verbatim in its text, and the
check digits of listed card numbers, IBANs, NHS numbers and SSNs. It never
generates or edits prompts, and it knows nothing about the detector.

Run: uv run python tests/routing/data/check_fresh.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
# (personal file, clean file, id stem): each corpus keeps its own id prefix.
CORPORA = [
    (HERE / "pii_personal_fresh.jsonl", HERE / "pii_clean_fresh.jsonl", "f"),
    (HERE / "pii_personal_blind.jsonl", HERE / "pii_clean_blind.jsonl", "b"),
    (HERE / "pii_personal_blind2.jsonl", HERE / "pii_clean_blind2.jsonl", "b2"),
    (HERE / "pii_personal_blind3.jsonl", HERE / "pii_clean_blind3.jsonl", "b3"),
    (HERE / "pii_personal_blind4.jsonl", HERE / "pii_clean_blind4.jsonl", "b4"),
    (HERE / "pii_personal_blind5.jsonl", HERE / "pii_clean_blind5.jsonl", "b5"),
    (HERE / "pii_personal_blind6.jsonl", HERE / "pii_clean_blind6.jsonl", "b6"),
    (HERE / "pii_personal_blind7.jsonl", HERE / "pii_clean_blind7.jsonl", "b7"),
    (HERE / "pii_personal_blind8.jsonl", HERE / "pii_clean_blind8.jsonl", "b8"),
    (HERE / "pii_personal_blind9.jsonl", HERE / "pii_clean_blind9.jsonl", "b9"),
    (HERE / "pii_personal_blind10.jsonl", HERE / "pii_clean_blind10.jsonl", "b10"),
    (HERE / "pii_personal_blind11.jsonl", HERE / "pii_clean_blind11.jsonl", "b11"),
    (HERE / "pii_personal_blind12.jsonl", HERE / "pii_clean_blind12.jsonl", "b12"),
    (HERE / "pii_personal_blind13.jsonl", HERE / "pii_clean_blind13.jsonl", "b13"),
    (HERE / "pii_personal_blind14.jsonl", HERE / "pii_clean_blind14.jsonl", "b14"),
    (HERE / "pii_personal_everyday.jsonl", HERE / "pii_clean_everyday.jsonl", "e"),
    (HERE / "pii_personal_blind15.jsonl", HERE / "pii_clean_blind15.jsonl", "b15"),
    (HERE / "pii_personal_blind16.jsonl", HERE / "pii_clean_blind16.jsonl", "b16"),
    (HERE / "pii_personal_blind17.jsonl", HERE / "pii_clean_blind17.jsonl", "b17"),
    (HERE / "pii_personal_blind18.jsonl", HERE / "pii_clean_blind18.jsonl", "b18"),
    (HERE / "pii_personal_blind19.jsonl", HERE / "pii_clean_blind19.jsonl", "b19"),
    (HERE / "pii_personal_blind20.jsonl", HERE / "pii_clean_blind20.jsonl", "b20"),
    (HERE / "pii_personal_blind21.jsonl", HERE / "pii_clean_blind21.jsonl", "b21"),
    (HERE / "pii_personal_blind22.jsonl", HERE / "pii_clean_blind22.jsonl", "b22"),
    (HERE / "pii_personal_blind23.jsonl", HERE / "pii_clean_blind23.jsonl", "b23"),
    (HERE / "pii_personal_blind24.jsonl", HERE / "pii_clean_blind24.jsonl", "b24"),
    (HERE / "pii_personal_blind25.jsonl", HERE / "pii_clean_blind25.jsonl", "b25"),
    (HERE / "pii_personal_blind26.jsonl", HERE / "pii_clean_blind26.jsonl", "b26"),
    (HERE / "pii_personal_blind27.jsonl", HERE / "pii_clean_blind27.jsonl", "b27"),
    (HERE / "pii_personal_blind28.jsonl", HERE / "pii_clean_blind28.jsonl", "b28"),
    (HERE / "pii_personal_blind29.jsonl", HERE / "pii_clean_blind29.jsonl", "b29"),
    (HERE / "pii_personal_blind30.jsonl", HERE / "pii_clean_blind30.jsonl", "b30"),
    (HERE / "pii_personal_blind31.jsonl", HERE / "pii_clean_blind31.jsonl", "b31"),
    (HERE / "pii_personal_blind32.jsonl", HERE / "pii_clean_blind32.jsonl", "b32"),
    (HERE / "pii_personal_blind33.jsonl", HERE / "pii_clean_blind33.jsonl", "b33"),
    (HERE / "pii_personal_blind34.jsonl", HERE / "pii_clean_blind34.jsonl", "b34"),
    (HERE / "pii_personal_blind35.jsonl", HERE / "pii_clean_blind35.jsonl", "b35"),
    (HERE / "pii_personal_blind36.jsonl", HERE / "pii_clean_blind36.jsonl", "b36"),
    (HERE / "pii_personal_blind37.jsonl", HERE / "pii_clean_blind37.jsonl", "b37"),
    (HERE / "pii_personal_blind38.jsonl", HERE / "pii_clean_blind38.jsonl", "b38"),
    (HERE / "pii_personal_blind39.jsonl", HERE / "pii_clean_blind39.jsonl", "b39"),
    (HERE / "pii_personal_blind40.jsonl", HERE / "pii_clean_blind40.jsonl", "b40"),
    (HERE / "pii_personal_blind41.jsonl", HERE / "pii_clean_blind41.jsonl", "b41"),
    (HERE / "pii_personal_blind42.jsonl", HERE / "pii_clean_blind42.jsonl", "b42"),
    (HERE / "pii_personal_blind43.jsonl", HERE / "pii_clean_blind43.jsonl", "b43"),
    (HERE / "pii_personal_blind44.jsonl", HERE / "pii_clean_blind44.jsonl", "b44"),
    (HERE / "pii_personal_blind45.jsonl", HERE / "pii_clean_blind45.jsonl", "b45"),
    (HERE / "pii_personal_blind46.jsonl", HERE / "pii_clean_blind46.jsonl", "b46"),
    (HERE / "pii_personal_blind47.jsonl", HERE / "pii_clean_blind47.jsonl", "b47"),
    (HERE / "pii_personal_blind48.jsonl", HERE / "pii_clean_blind48.jsonl", "b48"),
    (HERE / "pii_personal_blind49.jsonl", HERE / "pii_clean_blind49.jsonl", "b49"),
    (HERE / "pii_personal_blind50.jsonl", HERE / "pii_clean_blind50.jsonl", "b50"),
    (HERE / "pii_personal_blind51.jsonl", HERE / "pii_clean_blind51.jsonl", "b51"),
    (HERE / "pii_personal_blind52.jsonl", HERE / "pii_clean_blind52.jsonl", "b52"),
    (HERE / "pii_personal_blind53.jsonl", HERE / "pii_clean_blind53.jsonl", "b53"),
    (HERE / "pii_personal_blind54.jsonl", HERE / "pii_clean_blind54.jsonl", "b54"),
    (HERE / "pii_personal_blind55.jsonl", HERE / "pii_clean_blind55.jsonl", "b55"),
    (HERE / "pii_personal_blind56.jsonl", HERE / "pii_clean_blind56.jsonl", "b56"),
    (HERE / "pii_personal_blind57.jsonl", HERE / "pii_clean_blind57.jsonl", "b57"),
    (HERE / "pii_personal_blind58.jsonl", HERE / "pii_clean_blind58.jsonl", "b58"),
    (HERE / "pii_personal_blind59.jsonl", HERE / "pii_clean_blind59.jsonl", "b59"),
    (HERE / "pii_personal_blind60.jsonl", HERE / "pii_clean_blind60.jsonl", "b60"),
    (HERE / "pii_personal_blind61.jsonl", HERE / "pii_clean_blind61.jsonl", "b61"),
    (HERE / "pii_personal_blind62.jsonl", HERE / "pii_clean_blind62.jsonl", "b62"),
    (HERE / "pii_personal_blind63.jsonl", HERE / "pii_clean_blind63.jsonl", "b63"),
    (HERE / "pii_personal_blind64.jsonl", HERE / "pii_clean_blind64.jsonl", "b64"),
    (HERE / "pii_personal_blind65.jsonl", HERE / "pii_clean_blind65.jsonl", "b65"),
    (HERE / "pii_personal_blind66.jsonl", HERE / "pii_clean_blind66.jsonl", "b66"),
    (HERE / "pii_personal_blind67.jsonl", HERE / "pii_clean_blind67.jsonl", "b67"),
    (HERE / "pii_personal_blind68.jsonl", HERE / "pii_clean_blind68.jsonl", "b68"),
    (HERE / "pii_personal_blind69.jsonl", HERE / "pii_clean_blind69.jsonl", "b69"),
    (HERE / "pii_personal_blind70.jsonl", HERE / "pii_clean_blind70.jsonl", "b70"),
    (HERE / "pii_personal_blind71.jsonl", HERE / "pii_clean_blind71.jsonl", "b71"),
    (HERE / "pii_personal_blind72.jsonl", HERE / "pii_clean_blind72.jsonl", "b72"),
    (HERE / "pii_personal_blind73.jsonl", HERE / "pii_clean_blind73.jsonl", "b73"),
    (HERE / "pii_personal_blind74.jsonl", HERE / "pii_clean_blind74.jsonl", "b74"),
    (HERE / "pii_personal_blind75.jsonl", HERE / "pii_clean_blind75.jsonl", "b75"),
    (HERE / "pii_personal_blind76.jsonl", HERE / "pii_clean_blind76.jsonl", "b76"),
    (HERE / "pii_personal_blind77.jsonl", HERE / "pii_clean_blind77.jsonl", "b77"),
    (HERE / "pii_personal_blind78.jsonl", HERE / "pii_clean_blind78.jsonl", "b78"),
    (HERE / "pii_personal_blind79.jsonl", HERE / "pii_clean_blind79.jsonl", "b79"),
    (HERE / "pii_personal_blind80.jsonl", HERE / "pii_clean_blind80.jsonl", "b80"),
    (HERE / "pii_personal_blind81.jsonl", HERE / "pii_clean_blind81.jsonl", "b81"),
    (HERE / "pii_personal_blind82.jsonl", HERE / "pii_clean_blind82.jsonl", "b82"),
    (HERE / "pii_personal_blind83.jsonl", HERE / "pii_clean_blind83.jsonl", "b83"),
    (HERE / "pii_personal_blind84.jsonl", HERE / "pii_clean_blind84.jsonl", "b84"),
    (HERE / "pii_personal_blind85.jsonl", HERE / "pii_clean_blind85.jsonl", "b85"),
    (HERE / "pii_personal_blind86.jsonl", HERE / "pii_clean_blind86.jsonl", "b86"),
    (HERE / "pii_personal_blind87.jsonl", HERE / "pii_clean_blind87.jsonl", "b87"),
    (HERE / "pii_personal_blind88.jsonl", HERE / "pii_clean_blind88.jsonl", "b88"),
    (HERE / "pii_personal_blind89.jsonl", HERE / "pii_clean_blind89.jsonl", "b89"),
    (HERE / "pii_personal_blind90.jsonl", HERE / "pii_clean_blind90.jsonl", "b90"),
    (HERE / "pii_personal_blind91.jsonl", HERE / "pii_clean_blind91.jsonl", "b91"),
    (HERE / "pii_personal_blind92.jsonl", HERE / "pii_clean_blind92.jsonl", "b92"),
    (HERE / "pii_personal_blind93.jsonl", HERE / "pii_clean_blind93.jsonl", "b93"),
    (HERE / "pii_personal_blind94.jsonl", HERE / "pii_clean_blind94.jsonl", "b94"),
    (HERE / "pii_personal_blind95.jsonl", HERE / "pii_clean_blind95.jsonl", "b95"),
    (HERE / "pii_personal_blind96.jsonl", HERE / "pii_clean_blind96.jsonl", "b96"),
    (HERE / "pii_personal_blind97.jsonl", HERE / "pii_clean_blind97.jsonl", "b97"),
    (HERE / "pii_personal_blind98.jsonl", HERE / "pii_clean_blind98.jsonl", "b98"),
    (HERE / "pii_personal_blind99.jsonl", HERE / "pii_clean_blind99.jsonl", "b99"),
    (HERE / "pii_personal_blind100.jsonl", HERE / "pii_clean_blind100.jsonl", "b100"),
    (HERE / "pii_personal_blind101.jsonl", HERE / "pii_clean_blind101.jsonl", "b101"),
    (HERE / "pii_personal_blind102.jsonl", HERE / "pii_clean_blind102.jsonl", "b102"),
    (HERE / "pii_personal_blind103.jsonl", HERE / "pii_clean_blind103.jsonl", "b103"),
    (HERE / "pii_personal_blind104.jsonl", HERE / "pii_clean_blind104.jsonl", "b104"),
    (HERE / "pii_personal_blind105.jsonl", HERE / "pii_clean_blind105.jsonl", "b105"),
    (HERE / "pii_personal_blind106.jsonl", HERE / "pii_clean_blind106.jsonl", "b106"),
    (HERE / "pii_personal_blind107.jsonl", HERE / "pii_clean_blind107.jsonl", "b107"),
    (HERE / "pii_personal_blind108.jsonl", HERE / "pii_clean_blind108.jsonl", "b108"),
    (HERE / "pii_personal_blind109.jsonl", HERE / "pii_clean_blind109.jsonl", "b109"),
    (HERE / "pii_personal_blind110.jsonl", HERE / "pii_clean_blind110.jsonl", "b110"),
    (HERE / "pii_personal_blind111.jsonl", HERE / "pii_clean_blind111.jsonl", "b111"),
    (HERE / "pii_personal_blind112.jsonl", HERE / "pii_clean_blind112.jsonl", "b112"),
    (HERE / "pii_personal_blind113.jsonl", HERE / "pii_clean_blind113.jsonl", "b113"),
    (HERE / "pii_personal_blind114.jsonl", HERE / "pii_clean_blind114.jsonl", "b114"),
    (HERE / "pii_personal_blind115.jsonl", HERE / "pii_clean_blind115.jsonl", "b115"),
    (HERE / "pii_personal_blind116.jsonl", HERE / "pii_clean_blind116.jsonl", "b116"),
    (HERE / "pii_personal_blind117.jsonl", HERE / "pii_clean_blind117.jsonl", "b117"),
    (HERE / "pii_personal_blind118.jsonl", HERE / "pii_clean_blind118.jsonl", "b118"),
    (HERE / "pii_personal_blind119.jsonl", HERE / "pii_clean_blind119.jsonl", "b119"),
    (HERE / "pii_personal_blind120.jsonl", HERE / "pii_clean_blind120.jsonl", "b120"),
    (HERE / "pii_personal_blind121.jsonl", HERE / "pii_clean_blind121.jsonl", "b121"),
    (HERE / "pii_personal_blind122.jsonl", HERE / "pii_clean_blind122.jsonl", "b122"),
    (HERE / "pii_personal_blind123.jsonl", HERE / "pii_clean_blind123.jsonl", "b123"),
    (HERE / "pii_personal_blind124.jsonl", HERE / "pii_clean_blind124.jsonl", "b124"),
    (HERE / "pii_personal_blind125.jsonl", HERE / "pii_clean_blind125.jsonl", "b125"),
    (HERE / "pii_personal_blind126.jsonl", HERE / "pii_clean_blind126.jsonl", "b126"),
    (HERE / "pii_personal_blind127.jsonl", HERE / "pii_clean_blind127.jsonl", "b127"),
    (HERE / "pii_personal_blind128.jsonl", HERE / "pii_clean_blind128.jsonl", "b128"),
    (HERE / "pii_personal_blind129.jsonl", HERE / "pii_clean_blind129.jsonl", "b129"),
    (HERE / "pii_personal_blind130.jsonl", HERE / "pii_clean_blind130.jsonl", "b130"),
    (HERE / "pii_personal_blind131.jsonl", HERE / "pii_clean_blind131.jsonl", "b131"),
    (HERE / "pii_personal_blind132.jsonl", HERE / "pii_clean_blind132.jsonl", "b132"),
    (HERE / "pii_personal_blind133.jsonl", HERE / "pii_clean_blind133.jsonl", "b133"),
    (HERE / "pii_personal_blind134.jsonl", HERE / "pii_clean_blind134.jsonl", "b134"),
    (HERE / "pii_personal_blind135.jsonl", HERE / "pii_clean_blind135.jsonl", "b135"),
    (HERE / "pii_personal_blind136.jsonl", HERE / "pii_clean_blind136.jsonl", "b136"),
    (HERE / "pii_personal_blind137.jsonl", HERE / "pii_clean_blind137.jsonl", "b137"),
    (HERE / "pii_personal_blind138.jsonl", HERE / "pii_clean_blind138.jsonl", "b138"),
    (HERE / "pii_personal_blind139.jsonl", HERE / "pii_clean_blind139.jsonl", "b139"),
    (HERE / "pii_personal_blind140.jsonl", HERE / "pii_clean_blind140.jsonl", "b140"),
    (HERE / "pii_personal_blind141.jsonl", HERE / "pii_clean_blind141.jsonl", "b141"),
    (HERE / "pii_personal_blind142.jsonl", HERE / "pii_clean_blind142.jsonl", "b142"),
    (HERE / "pii_personal_blind143.jsonl", HERE / "pii_clean_blind143.jsonl", "b143"),
    (HERE / "pii_personal_blind144.jsonl", HERE / "pii_clean_blind144.jsonl", "b144"),
    (HERE / "pii_personal_blind145.jsonl", HERE / "pii_clean_blind145.jsonl", "b145"),
    (HERE / "pii_personal_blind146.jsonl", HERE / "pii_clean_blind146.jsonl", "b146"),
    (HERE / "pii_personal_blind147.jsonl", HERE / "pii_clean_blind147.jsonl", "b147"),
    (HERE / "pii_personal_blind148.jsonl", HERE / "pii_clean_blind148.jsonl", "b148"),
    (HERE / "pii_personal_blind149.jsonl", HERE / "pii_clean_blind149.jsonl", "b149"),
    (HERE / "pii_personal_blind150.jsonl", HERE / "pii_clean_blind150.jsonl", "b150"),
    (HERE / "pii_personal_blind151.jsonl", HERE / "pii_clean_blind151.jsonl", "b151"),
    (HERE / "pii_personal_blind152.jsonl", HERE / "pii_clean_blind152.jsonl", "b152"),
    (HERE / "pii_personal_blind153.jsonl", HERE / "pii_clean_blind153.jsonl", "b153"),
    (HERE / "pii_personal_blind154.jsonl", HERE / "pii_clean_blind154.jsonl", "b154"),
    (HERE / "pii_personal_blind155.jsonl", HERE / "pii_clean_blind155.jsonl", "b155"),
    (HERE / "pii_personal_blind156.jsonl", HERE / "pii_clean_blind156.jsonl", "b156"),
    (HERE / "pii_personal_blind157.jsonl", HERE / "pii_clean_blind157.jsonl", "b157"),
    (HERE / "pii_personal_blind158.jsonl", HERE / "pii_clean_blind158.jsonl", "b158"),
    (HERE / "pii_personal_blind159.jsonl", HERE / "pii_clean_blind159.jsonl", "b159"),
    (HERE / "pii_personal_blind160.jsonl", HERE / "pii_clean_blind160.jsonl", "b160"),
    (HERE / "pii_personal_blind161.jsonl", HERE / "pii_clean_blind161.jsonl", "b161"),
    (HERE / "pii_personal_blind162.jsonl", HERE / "pii_clean_blind162.jsonl", "b162"),
    (HERE / "pii_personal_blind163.jsonl", HERE / "pii_clean_blind163.jsonl", "b163"),
    (HERE / "pii_personal_blind164.jsonl", HERE / "pii_clean_blind164.jsonl", "b164"),
    (HERE / "pii_personal_blind165.jsonl", HERE / "pii_clean_blind165.jsonl", "b165"),
    (HERE / "pii_personal_blind166.jsonl", HERE / "pii_clean_blind166.jsonl", "b166"),
    (HERE / "pii_personal_blind167.jsonl", HERE / "pii_clean_blind167.jsonl", "b167"),
    (HERE / "pii_personal_blind168.jsonl", HERE / "pii_clean_blind168.jsonl", "b168"),
    (HERE / "pii_personal_blind169.jsonl", HERE / "pii_clean_blind169.jsonl", "b169"),
    (HERE / "pii_personal_blind170.jsonl", HERE / "pii_clean_blind170.jsonl", "b170"),
    (HERE / "pii_personal_blind171.jsonl", HERE / "pii_clean_blind171.jsonl", "b171"),
    (HERE / "pii_personal_blind172.jsonl", HERE / "pii_clean_blind172.jsonl", "b172"),
    (HERE / "pii_personal_blind173.jsonl", HERE / "pii_clean_blind173.jsonl", "b173"),
    (HERE / "pii_personal_blind174.jsonl", HERE / "pii_clean_blind174.jsonl", "b174"),
    (HERE / "pii_personal_blind175.jsonl", HERE / "pii_clean_blind175.jsonl", "b175"),
    (HERE / "pii_personal_blind176.jsonl", HERE / "pii_clean_blind176.jsonl", "b176"),
    (HERE / "pii_personal_blind177.jsonl", HERE / "pii_clean_blind177.jsonl", "b177"),
    (HERE / "pii_personal_blind178.jsonl", HERE / "pii_clean_blind178.jsonl", "b178"),
    (HERE / "pii_personal_blind179.jsonl", HERE / "pii_clean_blind179.jsonl", "b179"),
    (HERE / "pii_personal_blind180.jsonl", HERE / "pii_clean_blind180.jsonl", "b180"),
    (HERE / "pii_personal_blind181.jsonl", HERE / "pii_clean_blind181.jsonl", "b181"),
    (HERE / "pii_personal_blind182.jsonl", HERE / "pii_clean_blind182.jsonl", "b182"),
    (HERE / "pii_personal_blind183.jsonl", HERE / "pii_clean_blind183.jsonl", "b183"),
    (HERE / "pii_personal_blind184.jsonl", HERE / "pii_clean_blind184.jsonl", "b184"),
    (HERE / "pii_personal_blind185.jsonl", HERE / "pii_clean_blind185.jsonl", "b185"),
    (HERE / "pii_personal_blind186.jsonl", HERE / "pii_clean_blind186.jsonl", "b186"),
    (HERE / "pii_personal_blind187.jsonl", HERE / "pii_clean_blind187.jsonl", "b187"),
    (HERE / "pii_personal_blind188.jsonl", HERE / "pii_clean_blind188.jsonl", "b188"),
    (HERE / "pii_personal_blind189.jsonl", HERE / "pii_clean_blind189.jsonl", "b189"),
    (HERE / "pii_personal_blind190.jsonl", HERE / "pii_clean_blind190.jsonl", "b190"),
    (HERE / "pii_personal_blind191.jsonl", HERE / "pii_clean_blind191.jsonl", "b191"),
    (HERE / "pii_personal_blind192.jsonl", HERE / "pii_clean_blind192.jsonl", "b192"),
    (HERE / "pii_personal_blind193.jsonl", HERE / "pii_clean_blind193.jsonl", "b193"),
    (HERE / "pii_personal_blind194.jsonl", HERE / "pii_clean_blind194.jsonl", "b194"),
    (HERE / "pii_personal_blind195.jsonl", HERE / "pii_clean_blind195.jsonl", "b195"),
    (HERE / "pii_personal_blind196.jsonl", HERE / "pii_clean_blind196.jsonl", "b196"),
    (HERE / "pii_personal_blind197.jsonl", HERE / "pii_clean_blind197.jsonl", "b197"),
    (HERE / "pii_personal_blind198.jsonl", HERE / "pii_clean_blind198.jsonl", "b198"),
    (HERE / "pii_personal_blind199.jsonl", HERE / "pii_clean_blind199.jsonl", "b199"),
    (HERE / "pii_personal_blind200.jsonl", HERE / "pii_clean_blind200.jsonl", "b200"),
    (HERE / "pii_personal_blind201.jsonl", HERE / "pii_clean_blind201.jsonl", "b201"),
    (HERE / "pii_personal_blind202.jsonl", HERE / "pii_clean_blind202.jsonl", "b202"),
    (HERE / "pii_personal_blind203.jsonl", HERE / "pii_clean_blind203.jsonl", "b203"),
    (HERE / "pii_personal_blind204.jsonl", HERE / "pii_clean_blind204.jsonl", "b204"),
    (HERE / "pii_personal_blind205.jsonl", HERE / "pii_clean_blind205.jsonl", "b205"),
    (HERE / "pii_personal_blind206.jsonl", HERE / "pii_clean_blind206.jsonl", "b206"),
    (HERE / "pii_personal_blind207.jsonl", HERE / "pii_clean_blind207.jsonl", "b207"),
    (HERE / "pii_personal_blind208.jsonl", HERE / "pii_clean_blind208.jsonl", "b208"),
    (HERE / "pii_personal_blind209.jsonl", HERE / "pii_clean_blind209.jsonl", "b209"),
    (HERE / "pii_personal_blind210.jsonl", HERE / "pii_clean_blind210.jsonl", "b210"),
    (HERE / "pii_personal_blind211.jsonl", HERE / "pii_clean_blind211.jsonl", "b211"),
    (HERE / "pii_personal_blind212.jsonl", HERE / "pii_clean_blind212.jsonl", "b212"),
    (HERE / "pii_personal_blind213.jsonl", HERE / "pii_clean_blind213.jsonl", "b213"),
    (HERE / "pii_personal_blind214.jsonl", HERE / "pii_clean_blind214.jsonl", "b214"),
    (HERE / "pii_personal_blind215.jsonl", HERE / "pii_clean_blind215.jsonl", "b215"),
    (HERE / "pii_personal_blind216.jsonl", HERE / "pii_clean_blind216.jsonl", "b216"),
    (HERE / "pii_personal_blind217.jsonl", HERE / "pii_clean_blind217.jsonl", "b217"),
    (HERE / "pii_personal_blind218.jsonl", HERE / "pii_clean_blind218.jsonl", "b218"),
    (HERE / "pii_personal_blind219.jsonl", HERE / "pii_clean_blind219.jsonl", "b219"),
    (HERE / "pii_personal_blind220.jsonl", HERE / "pii_clean_blind220.jsonl", "b220"),
    (HERE / "pii_personal_blind221.jsonl", HERE / "pii_clean_blind221.jsonl", "b221"),
    (HERE / "pii_personal_blind222.jsonl", HERE / "pii_clean_blind222.jsonl", "b222"),
    (HERE / "pii_personal_blind223.jsonl", HERE / "pii_clean_blind223.jsonl", "b223"),
    (HERE / "pii_personal_blind224.jsonl", HERE / "pii_clean_blind224.jsonl", "b224"),
    (HERE / "pii_personal_blind225.jsonl", HERE / "pii_clean_blind225.jsonl", "b225"),
    (HERE / "pii_personal_blind226.jsonl", HERE / "pii_clean_blind226.jsonl", "b226"),
    (HERE / "pii_personal_blind227.jsonl", HERE / "pii_clean_blind227.jsonl", "b227"),
    (HERE / "pii_personal_blind228.jsonl", HERE / "pii_clean_blind228.jsonl", "b228"),
    (HERE / "pii_personal_blind229.jsonl", HERE / "pii_clean_blind229.jsonl", "b229"),
    (HERE / "pii_personal_blind230.jsonl", HERE / "pii_clean_blind230.jsonl", "b230"),
    (HERE / "pii_personal_blind231.jsonl", HERE / "pii_clean_blind231.jsonl", "b231"),
    (HERE / "pii_personal_blind232.jsonl", HERE / "pii_clean_blind232.jsonl", "b232"),
    (HERE / "pii_personal_blind233.jsonl", HERE / "pii_clean_blind233.jsonl", "b233"),
    (HERE / "pii_personal_blind234.jsonl", HERE / "pii_clean_blind234.jsonl", "b234"),
    (HERE / "pii_personal_blind235.jsonl", HERE / "pii_clean_blind235.jsonl", "b235"),
    (HERE / "pii_personal_blind236.jsonl", HERE / "pii_clean_blind236.jsonl", "b236"),
    (HERE / "pii_personal_blind237.jsonl", HERE / "pii_clean_blind237.jsonl", "b237"),
    (HERE / "pii_personal_blind238.jsonl", HERE / "pii_clean_blind238.jsonl", "b238"),
    (HERE / "pii_personal_blind239.jsonl", HERE / "pii_clean_blind239.jsonl", "b239"),
    (HERE / "pii_personal_blind240.jsonl", HERE / "pii_clean_blind240.jsonl", "b240"),
    (HERE / "pii_personal_blind241.jsonl", HERE / "pii_clean_blind241.jsonl", "b241"),
    (HERE / "pii_personal_blind242.jsonl", HERE / "pii_clean_blind242.jsonl", "b242"),
    (HERE / "pii_personal_blind243.jsonl", HERE / "pii_clean_blind243.jsonl", "b243"),
    (HERE / "pii_personal_blind244.jsonl", HERE / "pii_clean_blind244.jsonl", "b244"),
    (HERE / "pii_personal_blind245.jsonl", HERE / "pii_clean_blind245.jsonl", "b245"),
    (HERE / "pii_personal_blind246.jsonl", HERE / "pii_clean_blind246.jsonl", "b246"),
    (HERE / "pii_personal_blind247.jsonl", HERE / "pii_clean_blind247.jsonl", "b247"),
    (HERE / "pii_personal_blind248.jsonl", HERE / "pii_clean_blind248.jsonl", "b248"),
    (HERE / "pii_personal_blind249.jsonl", HERE / "pii_clean_blind249.jsonl", "b249"),
    (HERE / "pii_personal_blind250.jsonl", HERE / "pii_clean_blind250.jsonl", "b250"),
    (HERE / "pii_personal_blind251.jsonl", HERE / "pii_clean_blind251.jsonl", "b251"),
    (HERE / "pii_personal_blind252.jsonl", HERE / "pii_clean_blind252.jsonl", "b252"),
    (HERE / "pii_personal_blind253.jsonl", HERE / "pii_clean_blind253.jsonl", "b253"),
    (HERE / "pii_personal_blind254.jsonl", HERE / "pii_clean_blind254.jsonl", "b254"),
    (HERE / "pii_personal_blind255.jsonl", HERE / "pii_clean_blind255.jsonl", "b255"),
    (HERE / "pii_personal_blind256.jsonl", HERE / "pii_clean_blind256.jsonl", "b256"),
    (HERE / "pii_personal_blind257.jsonl", HERE / "pii_clean_blind257.jsonl", "b257"),
    (HERE / "pii_personal_blind258.jsonl", HERE / "pii_clean_blind258.jsonl", "b258"),
    (HERE / "pii_personal_blind259.jsonl", HERE / "pii_clean_blind259.jsonl", "b259"),
    (HERE / "pii_personal_blind260.jsonl", HERE / "pii_clean_blind260.jsonl", "b260"),
    (HERE / "pii_personal_blind261.jsonl", HERE / "pii_clean_blind261.jsonl", "b261"),
    (HERE / "pii_personal_blind262.jsonl", HERE / "pii_clean_blind262.jsonl", "b262"),
    (HERE / "pii_personal_blind263.jsonl", HERE / "pii_clean_blind263.jsonl", "b263"),
    (HERE / "pii_personal_blind264.jsonl", HERE / "pii_clean_blind264.jsonl", "b264"),
    (HERE / "pii_personal_blind265.jsonl", HERE / "pii_clean_blind265.jsonl", "b265"),
    (HERE / "pii_personal_blind266.jsonl", HERE / "pii_clean_blind266.jsonl", "b266"),
    (HERE / "pii_personal_blind267.jsonl", HERE / "pii_clean_blind267.jsonl", "b267"),
    (HERE / "pii_personal_blind268.jsonl", HERE / "pii_clean_blind268.jsonl", "b268"),
    (HERE / "pii_personal_blind269.jsonl", HERE / "pii_clean_blind269.jsonl", "b269"),
    (HERE / "pii_personal_blind270.jsonl", HERE / "pii_clean_blind270.jsonl", "b270"),
    (HERE / "pii_personal_blind271.jsonl", HERE / "pii_clean_blind271.jsonl", "b271"),
    (HERE / "pii_personal_blind272.jsonl", HERE / "pii_clean_blind272.jsonl", "b272"),
    (HERE / "pii_personal_blind273.jsonl", HERE / "pii_clean_blind273.jsonl", "b273"),
    (HERE / "pii_personal_blind274.jsonl", HERE / "pii_clean_blind274.jsonl", "b274"),
    (HERE / "pii_personal_blind275.jsonl", HERE / "pii_clean_blind275.jsonl", "b275"),
    (HERE / "pii_personal_blind276.jsonl", HERE / "pii_clean_blind276.jsonl", "b276"),
    (HERE / "pii_personal_blind277.jsonl", HERE / "pii_clean_blind277.jsonl", "b277"),
    (HERE / "pii_personal_blind278.jsonl", HERE / "pii_clean_blind278.jsonl", "b278"),
    (HERE / "pii_personal_blind279.jsonl", HERE / "pii_clean_blind279.jsonl", "b279"),
    (HERE / "pii_personal_blind280.jsonl", HERE / "pii_clean_blind280.jsonl", "b280"),
    (HERE / "pii_personal_blind281.jsonl", HERE / "pii_clean_blind281.jsonl", "b281"),
    (HERE / "pii_personal_blind282.jsonl", HERE / "pii_clean_blind282.jsonl", "b282"),
    (HERE / "pii_personal_blind283.jsonl", HERE / "pii_clean_blind283.jsonl", "b283"),
    (HERE / "pii_personal_blind284.jsonl", HERE / "pii_clean_blind284.jsonl", "b284"),
    (HERE / "pii_personal_blind285.jsonl", HERE / "pii_clean_blind285.jsonl", "b285"),
    (HERE / "pii_personal_blind286.jsonl", HERE / "pii_clean_blind286.jsonl", "b286"),
    (HERE / "pii_personal_blind287.jsonl", HERE / "pii_clean_blind287.jsonl", "b287"),
    (HERE / "pii_personal_blind288.jsonl", HERE / "pii_clean_blind288.jsonl", "b288"),
    (HERE / "pii_personal_blind289.jsonl", HERE / "pii_clean_blind289.jsonl", "b289"),
    (HERE / "pii_personal_blind290.jsonl", HERE / "pii_clean_blind290.jsonl", "b290"),
    (HERE / "pii_personal_blind291.jsonl", HERE / "pii_clean_blind291.jsonl", "b291"),
    (HERE / "pii_personal_blind292.jsonl", HERE / "pii_clean_blind292.jsonl", "b292"),
    (HERE / "pii_personal_blind293.jsonl", HERE / "pii_clean_blind293.jsonl", "b293"),
    (HERE / "pii_personal_blind294.jsonl", HERE / "pii_clean_blind294.jsonl", "b294"),
    (HERE / "pii_personal_blind295.jsonl", HERE / "pii_clean_blind295.jsonl", "b295"),
    (HERE / "pii_personal_blind296.jsonl", HERE / "pii_clean_blind296.jsonl", "b296"),
    (HERE / "pii_personal_blind297.jsonl", HERE / "pii_clean_blind297.jsonl", "b297"),
    (HERE / "pii_personal_blind298.jsonl", HERE / "pii_clean_blind298.jsonl", "b298"),
    (HERE / "pii_personal_blind299.jsonl", HERE / "pii_clean_blind299.jsonl", "b299"),
    (HERE / "pii_personal_blind300.jsonl", HERE / "pii_clean_blind300.jsonl", "b300"),
    (HERE / "pii_personal_blind301.jsonl", HERE / "pii_clean_blind301.jsonl", "b301"),
    (HERE / "pii_personal_blind302.jsonl", HERE / "pii_clean_blind302.jsonl", "b302"),
    (HERE / "pii_personal_blind303.jsonl", HERE / "pii_clean_blind303.jsonl", "b303"),
    (HERE / "pii_personal_blind304.jsonl", HERE / "pii_clean_blind304.jsonl", "b304"),
    (HERE / "pii_personal_blind305.jsonl", HERE / "pii_clean_blind305.jsonl", "b305"),
    (HERE / "pii_personal_blind306.jsonl", HERE / "pii_clean_blind306.jsonl", "b306"),
    (HERE / "pii_personal_blind307.jsonl", HERE / "pii_clean_blind307.jsonl", "b307"),
    (HERE / "pii_personal_blind308.jsonl", HERE / "pii_clean_blind308.jsonl", "b308"),
    (HERE / "pii_personal_blind309.jsonl", HERE / "pii_clean_blind309.jsonl", "b309"),
    (HERE / "pii_personal_blind310.jsonl", HERE / "pii_clean_blind310.jsonl", "b310"),
    (HERE / "pii_personal_blind311.jsonl", HERE / "pii_clean_blind311.jsonl", "b311"),
    (HERE / "pii_personal_blind312.jsonl", HERE / "pii_clean_blind312.jsonl", "b312"),
    (HERE / "pii_personal_blind313.jsonl", HERE / "pii_clean_blind313.jsonl", "b313"),
    (HERE / "pii_personal_blind314.jsonl", HERE / "pii_clean_blind314.jsonl", "b314"),
    (HERE / "pii_personal_blind315.jsonl", HERE / "pii_clean_blind315.jsonl", "b315"),
    (HERE / "pii_personal_blind316.jsonl", HERE / "pii_clean_blind316.jsonl", "b316"),
    (HERE / "pii_personal_blind317.jsonl", HERE / "pii_clean_blind317.jsonl", "b317"),
    (HERE / "pii_personal_blind318.jsonl", HERE / "pii_clean_blind318.jsonl", "b318"),
    (HERE / "pii_personal_blind319.jsonl", HERE / "pii_clean_blind319.jsonl", "b319"),
    (HERE / "pii_personal_blind320.jsonl", HERE / "pii_clean_blind320.jsonl", "b320"),
    (HERE / "pii_personal_blind321.jsonl", HERE / "pii_clean_blind321.jsonl", "b321"),
    (HERE / "pii_personal_blind322.jsonl", HERE / "pii_clean_blind322.jsonl", "b322"),
    (HERE / "pii_personal_blind323.jsonl", HERE / "pii_clean_blind323.jsonl", "b323"),
    (HERE / "pii_personal_blind324.jsonl", HERE / "pii_clean_blind324.jsonl", "b324"),
    (HERE / "pii_personal_blind325.jsonl", HERE / "pii_clean_blind325.jsonl", "b325"),
    (HERE / "pii_personal_blind326.jsonl", HERE / "pii_clean_blind326.jsonl", "b326"),
    (HERE / "pii_personal_blind327.jsonl", HERE / "pii_clean_blind327.jsonl", "b327"),
    (HERE / "pii_personal_blind328.jsonl", HERE / "pii_clean_blind328.jsonl", "b328"),
    (HERE / "pii_personal_blind329.jsonl", HERE / "pii_clean_blind329.jsonl", "b329"),
    (HERE / "pii_personal_blind330.jsonl", HERE / "pii_clean_blind330.jsonl", "b330"),
    (HERE / "pii_personal_blind331.jsonl", HERE / "pii_clean_blind331.jsonl", "b331"),
    (HERE / "pii_personal_blind332.jsonl", HERE / "pii_clean_blind332.jsonl", "b332"),
    (HERE / "pii_personal_blind333.jsonl", HERE / "pii_clean_blind333.jsonl", "b333"),
    (HERE / "pii_personal_blind334.jsonl", HERE / "pii_clean_blind334.jsonl", "b334"),
    (HERE / "pii_personal_blind335.jsonl", HERE / "pii_clean_blind335.jsonl", "b335"),
    (HERE / "pii_personal_blind336.jsonl", HERE / "pii_clean_blind336.jsonl", "b336"),
    (HERE / "pii_personal_blind337.jsonl", HERE / "pii_clean_blind337.jsonl", "b337"),
    (HERE / "pii_personal_blind338.jsonl", HERE / "pii_clean_blind338.jsonl", "b338"),
    (HERE / "pii_personal_blind339.jsonl", HERE / "pii_clean_blind339.jsonl", "b339"),
    (HERE / "pii_personal_blind340.jsonl", HERE / "pii_clean_blind340.jsonl", "b340"),
    (HERE / "pii_personal_blind341.jsonl", HERE / "pii_clean_blind341.jsonl", "b341"),
    (HERE / "pii_personal_blind342.jsonl", HERE / "pii_clean_blind342.jsonl", "b342"),
    (HERE / "pii_personal_blind343.jsonl", HERE / "pii_clean_blind343.jsonl", "b343"),
    (HERE / "pii_personal_blind344.jsonl", HERE / "pii_clean_blind344.jsonl", "b344"),
    (HERE / "pii_personal_blind345.jsonl", HERE / "pii_clean_blind345.jsonl", "b345"),
    (HERE / "pii_personal_blind346.jsonl", HERE / "pii_clean_blind346.jsonl", "b346"),
    (HERE / "pii_personal_blind347.jsonl", HERE / "pii_clean_blind347.jsonl", "b347"),
    (HERE / "pii_personal_blind348.jsonl", HERE / "pii_clean_blind348.jsonl", "b348"),
    (HERE / "pii_personal_blind349.jsonl", HERE / "pii_clean_blind349.jsonl", "b349"),
    (HERE / "pii_personal_blind350.jsonl", HERE / "pii_clean_blind350.jsonl", "b350"),
    (HERE / "pii_personal_blind351.jsonl", HERE / "pii_clean_blind351.jsonl", "b351"),
    (HERE / "pii_personal_blind352.jsonl", HERE / "pii_clean_blind352.jsonl", "b352"),
    (HERE / "pii_personal_blind353.jsonl", HERE / "pii_clean_blind353.jsonl", "b353"),
    (HERE / "pii_personal_blind354.jsonl", HERE / "pii_clean_blind354.jsonl", "b354"),
    (HERE / "pii_personal_blind355.jsonl", HERE / "pii_clean_blind355.jsonl", "b355"),
    (HERE / "pii_personal_blind356.jsonl", HERE / "pii_clean_blind356.jsonl", "b356"),
    (HERE / "pii_personal_blind357.jsonl", HERE / "pii_clean_blind357.jsonl", "b357"),
    (HERE / "pii_personal_blind358.jsonl", HERE / "pii_clean_blind358.jsonl", "b358"),
    (HERE / "pii_personal_blind359.jsonl", HERE / "pii_clean_blind359.jsonl", "b359"),
    (HERE / "pii_personal_blind360.jsonl", HERE / "pii_clean_blind360.jsonl", "b360"),
    (HERE / "pii_personal_blind361.jsonl", HERE / "pii_clean_blind361.jsonl", "b361"),
    (HERE / "pii_personal_blind362.jsonl", HERE / "pii_clean_blind362.jsonl", "b362"),
    (HERE / "pii_personal_blind363.jsonl", HERE / "pii_clean_blind363.jsonl", "b363"),
    (HERE / "pii_personal_blind364.jsonl", HERE / "pii_clean_blind364.jsonl", "b364"),
    (HERE / "pii_personal_blind365.jsonl", HERE / "pii_clean_blind365.jsonl", "b365"),
    (HERE / "pii_personal_blind366.jsonl", HERE / "pii_clean_blind366.jsonl", "b366"),
    (HERE / "pii_personal_blind367.jsonl", HERE / "pii_clean_blind367.jsonl", "b367"),
    (HERE / "pii_personal_blind368.jsonl", HERE / "pii_clean_blind368.jsonl", "b368"),
    (HERE / "pii_personal_blind369.jsonl", HERE / "pii_clean_blind369.jsonl", "b369"),
    (HERE / "pii_personal_blind370.jsonl", HERE / "pii_clean_blind370.jsonl", "b370"),
    (HERE / "pii_personal_blind371.jsonl", HERE / "pii_clean_blind371.jsonl", "b371"),
    (HERE / "pii_personal_blind372.jsonl", HERE / "pii_clean_blind372.jsonl", "b372"),
    (HERE / "pii_personal_blind373.jsonl", HERE / "pii_clean_blind373.jsonl", "b373"),
    (HERE / "pii_personal_blind374.jsonl", HERE / "pii_clean_blind374.jsonl", "b374"),
    (HERE / "pii_personal_blind375.jsonl", HERE / "pii_clean_blind375.jsonl", "b375"),
    (HERE / "pii_personal_blind376.jsonl", HERE / "pii_clean_blind376.jsonl", "b376"),
    (HERE / "pii_personal_blind377.jsonl", HERE / "pii_clean_blind377.jsonl", "b377"),
    (HERE / "pii_personal_blind378.jsonl", HERE / "pii_clean_blind378.jsonl", "b378"),
    (HERE / "pii_personal_blind379.jsonl", HERE / "pii_clean_blind379.jsonl", "b379"),
    (HERE / "pii_personal_blind380.jsonl", HERE / "pii_clean_blind380.jsonl", "b380"),
    (HERE / "pii_personal_blind381.jsonl", HERE / "pii_clean_blind381.jsonl", "b381"),
    (HERE / "pii_personal_blind382.jsonl", HERE / "pii_clean_blind382.jsonl", "b382"),
    (HERE / "pii_personal_blind383.jsonl", HERE / "pii_clean_blind383.jsonl", "b383"),
    (HERE / "pii_personal_blind384.jsonl", HERE / "pii_clean_blind384.jsonl", "b384"),
    (HERE / "pii_personal_blind385.jsonl", HERE / "pii_clean_blind385.jsonl", "b385"),
    (HERE / "pii_personal_blind386.jsonl", HERE / "pii_clean_blind386.jsonl", "b386"),
    (HERE / "pii_personal_blind387.jsonl", HERE / "pii_clean_blind387.jsonl", "b387"),
    (HERE / "pii_personal_blind388.jsonl", HERE / "pii_clean_blind388.jsonl", "b388"),
    (HERE / "pii_personal_blind389.jsonl", HERE / "pii_clean_blind389.jsonl", "b389"),
    (HERE / "pii_personal_blind390.jsonl", HERE / "pii_clean_blind390.jsonl", "b390"),
    (HERE / "pii_personal_blind391.jsonl", HERE / "pii_clean_blind391.jsonl", "b391"),
    (HERE / "pii_personal_blind392.jsonl", HERE / "pii_clean_blind392.jsonl", "b392"),
    (HERE / "pii_personal_blind393.jsonl", HERE / "pii_clean_blind393.jsonl", "b393"),
    (HERE / "pii_personal_blind394.jsonl", HERE / "pii_clean_blind394.jsonl", "b394"),
    (HERE / "pii_personal_blind395.jsonl", HERE / "pii_clean_blind395.jsonl", "b395"),
    (HERE / "pii_personal_blind396.jsonl", HERE / "pii_clean_blind396.jsonl", "b396"),
    (HERE / "pii_personal_blind397.jsonl", HERE / "pii_clean_blind397.jsonl", "b397"),
    (HERE / "pii_personal_blind398.jsonl", HERE / "pii_clean_blind398.jsonl", "b398"),
    (HERE / "pii_personal_blind399.jsonl", HERE / "pii_clean_blind399.jsonl", "b399"),
    (HERE / "pii_personal_blind400.jsonl", HERE / "pii_clean_blind400.jsonl", "b400"),
    (HERE / "pii_personal_blind401.jsonl", HERE / "pii_clean_blind401.jsonl", "b401"),
    (HERE / "pii_personal_blind402.jsonl", HERE / "pii_clean_blind402.jsonl", "b402"),
    (HERE / "pii_personal_blind403.jsonl", HERE / "pii_clean_blind403.jsonl", "b403"),
    (HERE / "pii_personal_blind404.jsonl", HERE / "pii_clean_blind404.jsonl", "b404"),
    (HERE / "pii_personal_blind405.jsonl", HERE / "pii_clean_blind405.jsonl", "b405"),
    (HERE / "pii_personal_blind406.jsonl", HERE / "pii_clean_blind406.jsonl", "b406"),
    (HERE / "pii_personal_blind407.jsonl", HERE / "pii_clean_blind407.jsonl", "b407"),
    (HERE / "pii_personal_blind408.jsonl", HERE / "pii_clean_blind408.jsonl", "b408"),
    (HERE / "pii_personal_blind409.jsonl", HERE / "pii_clean_blind409.jsonl", "b409"),
    (HERE / "pii_personal_blind410.jsonl", HERE / "pii_clean_blind410.jsonl", "b410"),
    (HERE / "pii_personal_blind411.jsonl", HERE / "pii_clean_blind411.jsonl", "b411"),
    (HERE / "pii_personal_blind412.jsonl", HERE / "pii_clean_blind412.jsonl", "b412"),
    (HERE / "pii_personal_blind413.jsonl", HERE / "pii_clean_blind413.jsonl", "b413"),
    (HERE / "pii_personal_blind414.jsonl", HERE / "pii_clean_blind414.jsonl", "b414"),
    (HERE / "pii_personal_blind415.jsonl", HERE / "pii_clean_blind415.jsonl", "b415"),
    (HERE / "pii_personal_blind416.jsonl", HERE / "pii_clean_blind416.jsonl", "b416"),
    (HERE / "pii_personal_blind417.jsonl", HERE / "pii_clean_blind417.jsonl", "b417"),
    (HERE / "pii_personal_blind418.jsonl", HERE / "pii_clean_blind418.jsonl", "b418"),
    (HERE / "pii_personal_blind419.jsonl", HERE / "pii_clean_blind419.jsonl", "b419"),
    (HERE / "pii_personal_blind420.jsonl", HERE / "pii_clean_blind420.jsonl", "b420"),
    (HERE / "pii_personal_blind421.jsonl", HERE / "pii_clean_blind421.jsonl", "b421"),
    (HERE / "pii_personal_blind422.jsonl", HERE / "pii_clean_blind422.jsonl", "b422"),
    (HERE / "pii_personal_blind423.jsonl", HERE / "pii_clean_blind423.jsonl", "b423"),
    (HERE / "pii_personal_blind424.jsonl", HERE / "pii_clean_blind424.jsonl", "b424"),
    (HERE / "pii_personal_blind425.jsonl", HERE / "pii_clean_blind425.jsonl", "b425"),
    (HERE / "pii_personal_blind426.jsonl", HERE / "pii_clean_blind426.jsonl", "b426"),
    (HERE / "pii_personal_blind427.jsonl", HERE / "pii_clean_blind427.jsonl", "b427"),
    (HERE / "pii_personal_blind428.jsonl", HERE / "pii_clean_blind428.jsonl", "b428"),
    (HERE / "pii_personal_blind429.jsonl", HERE / "pii_clean_blind429.jsonl", "b429"),
    (HERE / "pii_personal_blind430.jsonl", HERE / "pii_clean_blind430.jsonl", "b430"),
    (HERE / "pii_personal_blind431.jsonl", HERE / "pii_clean_blind431.jsonl", "b431"),
    (HERE / "pii_personal_blind432.jsonl", HERE / "pii_clean_blind432.jsonl", "b432"),
    (HERE / "pii_personal_blind433.jsonl", HERE / "pii_clean_blind433.jsonl", "b433"),
    (HERE / "pii_personal_blind434.jsonl", HERE / "pii_clean_blind434.jsonl", "b434"),
    (HERE / "pii_personal_blind435.jsonl", HERE / "pii_clean_blind435.jsonl", "b435"),
    (HERE / "pii_personal_blind436.jsonl", HERE / "pii_clean_blind436.jsonl", "b436"),
    (HERE / "pii_personal_blind437.jsonl", HERE / "pii_clean_blind437.jsonl", "b437"),
    (HERE / "pii_personal_blind438.jsonl", HERE / "pii_clean_blind438.jsonl", "b438"),
    (HERE / "pii_personal_blind439.jsonl", HERE / "pii_clean_blind439.jsonl", "b439"),
    (HERE / "pii_personal_blind440.jsonl", HERE / "pii_clean_blind440.jsonl", "b440"),
    (HERE / "pii_personal_blind441.jsonl", HERE / "pii_clean_blind441.jsonl", "b441"),
    (HERE / "pii_personal_blind442.jsonl", HERE / "pii_clean_blind442.jsonl", "b442"),
    (HERE / "pii_personal_blind443.jsonl", HERE / "pii_clean_blind443.jsonl", "b443"),
    (HERE / "pii_personal_blind444.jsonl", HERE / "pii_clean_blind444.jsonl", "b444"),
    (HERE / "pii_personal_blind445.jsonl", HERE / "pii_clean_blind445.jsonl", "b445"),
    (HERE / "pii_personal_blind446.jsonl", HERE / "pii_clean_blind446.jsonl", "b446"),
    (HERE / "pii_personal_blind447.jsonl", HERE / "pii_clean_blind447.jsonl", "b447"),
    (HERE / "pii_personal_blind448.jsonl", HERE / "pii_clean_blind448.jsonl", "b448"),
    (HERE / "pii_personal_blind449.jsonl", HERE / "pii_clean_blind449.jsonl", "b449"),
    (HERE / "pii_personal_blind450.jsonl", HERE / "pii_clean_blind450.jsonl", "b450"),
    (HERE / "pii_personal_blind451.jsonl", HERE / "pii_clean_blind451.jsonl", "b451"),
    (HERE / "pii_personal_blind452.jsonl", HERE / "pii_clean_blind452.jsonl", "b452"),
    (HERE / "pii_personal_blind453.jsonl", HERE / "pii_clean_blind453.jsonl", "b453"),
    (HERE / "pii_personal_blind454.jsonl", HERE / "pii_clean_blind454.jsonl", "b454"),
    (HERE / "pii_personal_blind455.jsonl", HERE / "pii_clean_blind455.jsonl", "b455"),
    (HERE / "pii_personal_blind456.jsonl", HERE / "pii_clean_blind456.jsonl", "b456"),
    (HERE / "pii_personal_blind457.jsonl", HERE / "pii_clean_blind457.jsonl", "b457"),
    (HERE / "pii_personal_blind458.jsonl", HERE / "pii_clean_blind458.jsonl", "b458"),
    (HERE / "pii_personal_blind459.jsonl", HERE / "pii_clean_blind459.jsonl", "b459"),
    (HERE / "pii_personal_blind460.jsonl", HERE / "pii_clean_blind460.jsonl", "b460"),
    (HERE / "pii_personal_blind461.jsonl", HERE / "pii_clean_blind461.jsonl", "b461"),
    (HERE / "pii_personal_blind462.jsonl", HERE / "pii_clean_blind462.jsonl", "b462"),
    (HERE / "pii_personal_blind463.jsonl", HERE / "pii_clean_blind463.jsonl", "b463"),
    (HERE / "pii_personal_blind464.jsonl", HERE / "pii_clean_blind464.jsonl", "b464"),
    (HERE / "pii_personal_blind465.jsonl", HERE / "pii_clean_blind465.jsonl", "b465"),
    (HERE / "pii_personal_blind466.jsonl", HERE / "pii_clean_blind466.jsonl", "b466"),
    (HERE / "pii_personal_blind467.jsonl", HERE / "pii_clean_blind467.jsonl", "b467"),
    (HERE / "pii_personal_blind468.jsonl", HERE / "pii_clean_blind468.jsonl", "b468"),
    (HERE / "pii_personal_blind469.jsonl", HERE / "pii_clean_blind469.jsonl", "b469"),
    (HERE / "pii_personal_blind470.jsonl", HERE / "pii_clean_blind470.jsonl", "b470"),
    (HERE / "pii_personal_blind471.jsonl", HERE / "pii_clean_blind471.jsonl", "b471"),
    (HERE / "pii_personal_blind472.jsonl", HERE / "pii_clean_blind472.jsonl", "b472"),
    (HERE / "pii_personal_blind473.jsonl", HERE / "pii_clean_blind473.jsonl", "b473"),
    (HERE / "pii_personal_blind474.jsonl", HERE / "pii_clean_blind474.jsonl", "b474"),
    (HERE / "pii_personal_blind475.jsonl", HERE / "pii_clean_blind475.jsonl", "b475"),
    (HERE / "pii_personal_blind476.jsonl", HERE / "pii_clean_blind476.jsonl", "b476"),
    (HERE / "pii_personal_blind477.jsonl", HERE / "pii_clean_blind477.jsonl", "b477"),
    (HERE / "pii_personal_blind478.jsonl", HERE / "pii_clean_blind478.jsonl", "b478"),
    (HERE / "pii_personal_blind479.jsonl", HERE / "pii_clean_blind479.jsonl", "b479"),
    (HERE / "pii_personal_blind480.jsonl", HERE / "pii_clean_blind480.jsonl", "b480"),
    (HERE / "pii_personal_blind481.jsonl", HERE / "pii_clean_blind481.jsonl", "b481"),
    (HERE / "pii_personal_blind482.jsonl", HERE / "pii_clean_blind482.jsonl", "b482"),
    (HERE / "pii_personal_blind483.jsonl", HERE / "pii_clean_blind483.jsonl", "b483"),
    (HERE / "pii_personal_blind484.jsonl", HERE / "pii_clean_blind484.jsonl", "b484"),
    (HERE / "pii_personal_blind485.jsonl", HERE / "pii_clean_blind485.jsonl", "b485"),
    (HERE / "pii_personal_blind486.jsonl", HERE / "pii_clean_blind486.jsonl", "b486"),
    (HERE / "pii_personal_blind487.jsonl", HERE / "pii_clean_blind487.jsonl", "b487"),
    (HERE / "pii_personal_blind488.jsonl", HERE / "pii_clean_blind488.jsonl", "b488"),
    (HERE / "pii_personal_blind489.jsonl", HERE / "pii_clean_blind489.jsonl", "b489"),
    (HERE / "pii_personal_blind490.jsonl", HERE / "pii_clean_blind490.jsonl", "b490"),
    (HERE / "pii_personal_blind491.jsonl", HERE / "pii_clean_blind491.jsonl", "b491"),
    (HERE / "pii_personal_blind492.jsonl", HERE / "pii_clean_blind492.jsonl", "b492"),
    (HERE / "pii_personal_blind493.jsonl", HERE / "pii_clean_blind493.jsonl", "b493"),
    (HERE / "pii_personal_blind494.jsonl", HERE / "pii_clean_blind494.jsonl", "b494"),
    (HERE / "pii_personal_blind495.jsonl", HERE / "pii_clean_blind495.jsonl", "b495"),
    (HERE / "pii_personal_blind496.jsonl", HERE / "pii_clean_blind496.jsonl", "b496"),
    (HERE / "pii_personal_blind497.jsonl", HERE / "pii_clean_blind497.jsonl", "b497"),
    (HERE / "pii_personal_blind498.jsonl", HERE / "pii_clean_blind498.jsonl", "b498"),
    (HERE / "pii_personal_blind499.jsonl", HERE / "pii_clean_blind499.jsonl", "b499"),
    (HERE / "pii_personal_blind500.jsonl", HERE / "pii_clean_blind500.jsonl", "b500"),
    (HERE / "pii_personal_blind501.jsonl", HERE / "pii_clean_blind501.jsonl", "b501"),
    (HERE / "pii_personal_blind502.jsonl", HERE / "pii_clean_blind502.jsonl", "b502"),
    (HERE / "pii_personal_blind503.jsonl", HERE / "pii_clean_blind503.jsonl", "b503"),
    (HERE / "pii_personal_blind504.jsonl", HERE / "pii_clean_blind504.jsonl", "b504"),
    (HERE / "pii_personal_blind505.jsonl", HERE / "pii_clean_blind505.jsonl", "b505"),
    (HERE / "pii_personal_blind506.jsonl", HERE / "pii_clean_blind506.jsonl", "b506"),
    (HERE / "pii_personal_blind507.jsonl", HERE / "pii_clean_blind507.jsonl", "b507"),
    (HERE / "pii_personal_blind508.jsonl", HERE / "pii_clean_blind508.jsonl", "b508"),
    (HERE / "pii_personal_blind509.jsonl", HERE / "pii_clean_blind509.jsonl", "b509"),
    (HERE / "pii_personal_blind510.jsonl", HERE / "pii_clean_blind510.jsonl", "b510"),
    (HERE / "pii_personal_blind511.jsonl", HERE / "pii_clean_blind511.jsonl", "b511"),
    (HERE / "pii_personal_blind512.jsonl", HERE / "pii_clean_blind512.jsonl", "b512"),
    (HERE / "pii_personal_blind513.jsonl", HERE / "pii_clean_blind513.jsonl", "b513"),
    (HERE / "pii_personal_blind514.jsonl", HERE / "pii_clean_blind514.jsonl", "b514"),
    (HERE / "pii_personal_blind515.jsonl", HERE / "pii_clean_blind515.jsonl", "b515"),
    (HERE / "pii_personal_blind516.jsonl", HERE / "pii_clean_blind516.jsonl", "b516"),
    (HERE / "pii_personal_blind517.jsonl", HERE / "pii_clean_blind517.jsonl", "b517"),
    (HERE / "pii_personal_blind518.jsonl", HERE / "pii_clean_blind518.jsonl", "b518"),
    (HERE / "pii_personal_blind519.jsonl", HERE / "pii_clean_blind519.jsonl", "b519"),
    (HERE / "pii_personal_blind520.jsonl", HERE / "pii_clean_blind520.jsonl", "b520"),
    (HERE / "pii_personal_blind521.jsonl", HERE / "pii_clean_blind521.jsonl", "b521"),
    (HERE / "pii_personal_blind522.jsonl", HERE / "pii_clean_blind522.jsonl", "b522"),
    (HERE / "pii_personal_blind523.jsonl", HERE / "pii_clean_blind523.jsonl", "b523"),
    (HERE / "pii_personal_blind524.jsonl", HERE / "pii_clean_blind524.jsonl", "b524"),
    (HERE / "pii_personal_blind525.jsonl", HERE / "pii_clean_blind525.jsonl", "b525"),
    (HERE / "pii_personal_blind526.jsonl", HERE / "pii_clean_blind526.jsonl", "b526"),
    (HERE / "pii_personal_blind527.jsonl", HERE / "pii_clean_blind527.jsonl", "b527"),
    (HERE / "pii_personal_blind528.jsonl", HERE / "pii_clean_blind528.jsonl", "b528"),
    (HERE / "pii_personal_blind529.jsonl", HERE / "pii_clean_blind529.jsonl", "b529"),
    (HERE / "pii_personal_blind530.jsonl", HERE / "pii_clean_blind530.jsonl", "b530"),
    (HERE / "pii_personal_blind531.jsonl", HERE / "pii_clean_blind531.jsonl", "b531"),
    (HERE / "pii_personal_blind532.jsonl", HERE / "pii_clean_blind532.jsonl", "b532"),
    (HERE / "pii_personal_blind533.jsonl", HERE / "pii_clean_blind533.jsonl", "b533"),
    (HERE / "pii_personal_blind534.jsonl", HERE / "pii_clean_blind534.jsonl", "b534"),
    (HERE / "pii_personal_blind535.jsonl", HERE / "pii_clean_blind535.jsonl", "b535"),
    (HERE / "pii_personal_blind536.jsonl", HERE / "pii_clean_blind536.jsonl", "b536"),
    (HERE / "pii_personal_blind537.jsonl", HERE / "pii_clean_blind537.jsonl", "b537"),
    (HERE / "pii_personal_blind538.jsonl", HERE / "pii_clean_blind538.jsonl", "b538"),
    (HERE / "pii_personal_blind539.jsonl", HERE / "pii_clean_blind539.jsonl", "b539"),
    (HERE / "pii_personal_blind540.jsonl", HERE / "pii_clean_blind540.jsonl", "b540"),
    (HERE / "pii_personal_blind541.jsonl", HERE / "pii_clean_blind541.jsonl", "b541"),
    (HERE / "pii_personal_blind542.jsonl", HERE / "pii_clean_blind542.jsonl", "b542"),
    (HERE / "pii_personal_blind543.jsonl", HERE / "pii_clean_blind543.jsonl", "b543"),
    (HERE / "pii_personal_blind544.jsonl", HERE / "pii_clean_blind544.jsonl", "b544"),
    (HERE / "pii_personal_blind545.jsonl", HERE / "pii_clean_blind545.jsonl", "b545"),
]

LANGS = {"en", "de", "fr", "mixed", "es", "it", "nl"}
KINDS = {
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "IBAN_CODE",
    "IP_ADDRESS",
    "LOCATION",
    "DATE_OF_BIRTH",
    "US_SSN",
    "UK_NHS",
    "ID_NUMBER",
    "MEDICAL",
}


def luhn_ok(number: str) -> bool:
    digits = [int(c) for c in re.sub(r"[ -]", "", number)][::-1]
    total = 0
    for i, d in enumerate(digits):
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_ok(iban: str) -> bool:
    compact = iban.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{8,30}", compact):
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def nhs_ok(number: str) -> bool:
    digits = re.sub(r"[ -]", "", number)
    if not re.fullmatch(r"\d{10}", digits):
        return False
    check = 11 - sum(int(d) * (10 - i) for i, d in enumerate(digits[:9])) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def ssn_ok(number: str) -> bool:
    m = re.fullmatch(r"(\d{3})-(\d{2})-(\d{4})", number)
    if not m:
        return False
    area, group, serial = m.groups()
    return area not in {"000", "666"} and area[0] != "9" and group != "00" and serial != "0000"


VALIDATORS = {"CREDIT_CARD": luhn_ok, "IBAN_CODE": iban_ok, "UK_NHS": nhs_ok, "US_SSN": ssn_ok}


def load(path: Path, prefix: str, errors: list[str]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON ({exc})")
            continue
        rid = row.get("id")
        if not isinstance(rid, str) or not re.fullmatch(prefix + r"\d{3}", rid):
            errors.append(f"{where}: bad id {rid!r}")
        elif rid in seen:
            errors.append(f"{where}: duplicate id {rid}")
        else:
            seen.add(rid)
        if row.get("lang") not in LANGS:
            errors.append(f"{where}: unknown lang {row.get('lang')!r}")
        if not isinstance(row.get("text"), str) or not row["text"].strip():
            errors.append(f"{where}: empty text")
        rows.append(row)
    return rows


def check_personal(rows: list[dict[str, object]], errors: list[str]) -> Counter[str]:
    kinds: Counter[str] = Counter()
    for row in rows:
        rid, text, pii = row.get("id"), str(row.get("text")), row.get("pii")
        if not isinstance(pii, list) or not pii:
            errors.append(f"{rid}: personal prompt without a pii list")
            continue
        for item in pii:
            well_formed = isinstance(item, list) and len(item) == 2
            if not (well_formed and all(isinstance(x, str) for x in item)):
                errors.append(f"{rid}: malformed pii entry {item!r}")
                continue
            kind, value = item
            kinds[kind] += 1
            if kind not in KINDS:
                errors.append(f"{rid}: unknown kind {kind}")
            if value not in text:
                errors.append(f"{rid}: {kind} {value!r} does not occur in the text")
            validator = VALIDATORS.get(kind)
            if validator and not validator(value):
                errors.append(f"{rid}: {kind} {value!r} fails its check digits/format")
    return kinds


def check_corpus(personal_path: Path, clean_path: Path, stem: str, errors: list[str]) -> None:
    personal = load(personal_path, f"{stem}-p-", errors)
    clean = load(clean_path, f"{stem}-c-", errors)
    kinds = check_personal(personal, errors)
    for row in clean:
        if "pii" in row:
            errors.append(f"{row.get('id')}: clean prompt carries a pii list")
    for path, rows in ((personal_path, personal), (clean_path, clean)):
        print(f"{path.name}: {len(rows)} prompts", dict(Counter(str(r.get("lang")) for r in rows)))
    print("kinds:", dict(kinds.most_common()))


def main() -> int:
    errors: list[str] = []
    for personal_path, clean_path, stem in CORPORA:
        check_corpus(personal_path, clean_path, stem, errors)
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
