"""How the published rules are evaluated, said in the rules document so no integrator guesses.

Implementing ``schemas/rules-<edition>.json`` in another language left three
questions open, and each answer decides whether an implementation agrees with
this library's checker (:mod:`disclosure_schema.checker`):

* a blank (``null``) *target* counts as 0, like a blank operand;
* a pointer that does not exist in the document it points into (a 2019-edition
  previous report has no 现行有效件数, so X2 has nothing to compare) makes the
  check not applicable: it is skipped, never computed with 0;
* checks that use last year's report apply only to the same body's report of the
  year immediately before; otherwise the checker says which condition failed and
  runs none of them.

This module states those answers once, as data, for :func:`disclosure_schema.rules.publish`.
"""

from __future__ import annotations

from typing import Any

SAME_BODY = (  # what disclosure_schema.bodies.same_body does, in words
    "Two reports are of the same body when both `issuer` values are present and non-empty and, after "
    "Unicode NFKC normalisation and the removal of every white-space character, either are equal, or one "
    "ends with the other, the shorter has at least 4 characters and the part the longer adds in front ends "
    "with one of 省 市 州 盟 县 区 旗 (one body named with and without its region: 淮安市洪泽区人民政府 and "
    "洪泽区人民政府). When either issuer is absent or empty, they are assumed to be of the same body."
)


def evaluation() -> dict[str, Any]:
    """The ``evaluation`` object of the rules document."""
    return {
        "blank_target": "A blank target (null) counts as 0: the check holds when its operands sum to 0.",
        "blank_operand": "A blank operand (null) counts as 0.",
        "absent_pointer": (
            "A pointer that does not exist in the document it refers to (the document's edition has no such "
            "cell, e.g. /proactive_disclosure/regulations/in_force in a 2019-edition previous report) makes the "
            "whole check not applicable: skip it and report nothing. Never count an absent value as 0; absent "
            "(no such cell) and blank (null) are different."
        ),
        "previous_report": {
            "applies_to": (
                "Checks with an operand marked `report: previous` apply only to a previous report that is of "
                "the same body and of the year immediately before: previous.year == year - 1."
            ),
            "same_body": SAME_BODY,
            "otherwise": [
                {
                    "when": "previous.year != year - 1",
                    "code": "cross_year.not_consecutive",
                    "level": "error",
                    "pointer": "/year",
                    "then": "run no check that uses the previous report",
                },
                {
                    "when": "the years are consecutive but the bodies differ",
                    "code": "cross_year.other_body",
                    "level": "error",
                    "pointer": "/issuer",
                    "then": "run no check that uses the previous report",
                },
            ],
            "without_previous": "With no previous report, checks that use one are not run.",
        },
        "finding": (
            "A check that fails is reported with code `<relation id>.mismatch`, the relation's level, and the "
            "check's target pointer; `computed` is the sum, `reported` the target's value (null when blank)."
        ),
    }
