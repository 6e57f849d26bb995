"""A bank whose every text field carries a script injection attempt."""

from __future__ import annotations

from toolkit.quiz.model import Bank

SCRIPT = "<script>window.__pwned = 'script'</script>"
IMG = "<img src=x onerror=\"window.__pwned = 'onerror'\">"
LINK = "[click me](javascript:window.__pwned='link')"
SVG = "<svg onload=\"window.__pwned='svg'\"></svg>"
EVIL = f"{SCRIPT} {IMG} {LINK} {SVG} </script><script>window.__pwned='breakout'</script>"


def hostile_bank() -> Bank:
    """Every Markdown field, option text, unit and answer holds EVIL."""
    return Bank.model_validate(
        {
            "id": "hostile",
            "title": f"Hostile {SCRIPT}",
            "lesson": "00-start-here",
            "description": EVIL,
            "questions": [
                {
                    "id": "single",
                    "type": "single",
                    "prompt": EVIL,
                    "hints": [EVIL],
                    "options": [
                        {"id": "a", "text": EVIL, "correct": True, "explanation": EVIL},
                        {"id": "b", "text": f"b {IMG}", "explanation": EVIL},
                    ],
                },
                {
                    "id": "multiple",
                    "type": "multiple",
                    "prompt": EVIL,
                    "options": [
                        {"id": "a", "text": EVIL, "correct": True, "explanation": EVIL},
                        {"id": "b", "text": f"b {SVG}", "explanation": EVIL},
                    ],
                },
                {
                    "id": "tf",
                    "type": "true_false",
                    "prompt": EVIL,
                    "answer": True,
                    "explanation_true": EVIL,
                    "explanation_false": EVIL,
                },
                {
                    "id": "num",
                    "type": "numeric",
                    "prompt": EVIL,
                    "answer": 5,
                    "tolerance": 1,
                    "unit": f"u{IMG}",
                    "explanation": EVIL,
                    "distractors": [{"value": 10, "explanation": EVIL}],
                },
                {
                    "id": "text",
                    "type": "text",
                    "prompt": EVIL,
                    "accepted": [EVIL, "plain"],
                    "fuzzy": 0.8,
                    "explanation": EVIL,
                },
                {
                    "id": "order",
                    "type": "ordering",
                    "prompt": EVIL,
                    "items": [{"id": "x", "text": f"x {SCRIPT}"}, {"id": "y", "text": f"y {IMG}"}],
                    "explanation": EVIL,
                },
                {
                    "id": "match",
                    "type": "matching",
                    "prompt": EVIL,
                    "pairs": [
                        {"id": "p", "left": f"p {SCRIPT}", "right": f"P {IMG}"},
                        {"id": "q", "left": f"q {SVG}", "right": f"Q {LINK}"},
                    ],
                    "explanation": EVIL,
                },
                {
                    "id": "scen",
                    "type": "scenario",
                    "prompt": EVIL,
                    "depends_on": EVIL,
                    "options": [
                        {"id": "a", "text": EVIL, "credit": 1, "explanation": EVIL},
                        {"id": "b", "text": "half", "credit": 0.5, "explanation": EVIL},
                    ],
                },
                {
                    "id": "poll",
                    "type": "poll",
                    "prompt": EVIL,
                    "options": [
                        {"id": "1", "text": EVIL, "explanation": EVIL},
                        {"id": "2", "text": "two"},
                    ],
                },
            ],
        }
    )
