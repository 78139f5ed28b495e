"""Adversarial suites: every server lists its attack cases (``cases.AttackCase``) and runs them."""
