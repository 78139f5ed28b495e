"""Adversarial suites, one per installed server (``test_<name>_attacks.py`` plus modules that
declare ``SERVER = "<name>"``) and one for the gateway's ``call_tool``. New cases are written as
``cases.AttackCase`` (Home Assistant's multi-step sequences are ``home_assistant_cases.Attack``).
``test_attack_contract.py`` holds every suite to the contract: each write or destructive tool a
server registers is named by at least one case of its suite."""
