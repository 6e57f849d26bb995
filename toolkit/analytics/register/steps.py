"""The seven steps of the continual improvement model, as the register's status codes."""

from __future__ import annotations

import pandas as pd

#: Status code -> the step of the seven-step improvement model it stands for.
STATUSES: dict[str, str] = {
    "vision": "1. What is the vision?",
    "assess": "2. Where are we now?",
    "aim": "3. Where do we want to be?",
    "plan": "4. How do we get there?",
    "act": "5. Take action",
    "check": "6. Did we get there?",
    "sustain": "7. How do we keep the momentum going?",
    "closed": "done: the outcome is recorded",
    "rejected": "not pursued: the reason is recorded as the outcome",
}
#: The seven steps, in order.
SEVEN_STEPS: tuple[str, ...] = ("vision", "assess", "aim", "plan", "act", "check", "sustain")
#: Statuses that end an improvement; both need an ``outcome``.
FINISHED: tuple[str, ...] = ("closed", "rejected")


def improvement_steps() -> pd.DataFrame:
    """Return the register's status codes with the step and question each stands for.

    Returns
    -------
    pandas.DataFrame
        Columns ``status``, ``step`` (1-7, or NA for ``closed`` and ``rejected``) and
        ``question``, in order.

    Examples
    --------
    >>> improvement_steps().loc[1, ["status", "question"]].tolist()
    ['assess', 'Where are we now?']
    """
    rows = []
    for code, text in STATUSES.items():
        number, _, question = text.partition(". ")
        is_step = code in SEVEN_STEPS
        rows.append(
            {
                "status": code,
                "step": int(number) if is_step else pd.NA,
                "question": question if is_step else text[0].upper() + text[1:],
            }
        )
    frame = pd.DataFrame(rows)
    frame["step"] = frame["step"].astype("Int64")
    return frame
