"""A live room end to end: a projector page and three phones (360x640) in Chromium.

The phones join by the code, answer a round of several question types (single, multiple,
numeric, ordering by tap, matching by tap); the projector shows the count answered, the
distribution and the leaderboard; each phone shows its own feedback; a phone reloaded
mid-question comes back as the same player.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.room.conftest import ROOM_BANK
from toolkit.quiz.model import Bank
from toolkit.quiz.store import ProgressStore
from toolkit.room.server import RoomServer
from toolkit.room.state import Room

pytestmark = pytest.mark.browser

WAIT = 15_000  # ms
TYPES = ("q-single", "q-multiple", "q-numeric", "q-order", "q-match")
PHONE = {"width": 360, "height": 640}


@pytest.fixture
def room_server(tmp_path: Path) -> Iterator[RoomServer]:
    bank = Bank.model_validate(
        {**ROOM_BANK, "questions": [q for q in ROOM_BANK["questions"] if q["id"] in TYPES]}
    )
    with ProgressStore(tmp_path / "progress.sqlite3") as store:
        server = RoomServer(Room.create(bank, store=store, seed=3)).start()
        yield server
        server.stop()


def join(browser: Browser, server: RoomServer, name: str) -> Page:
    phone = browser.new_context(viewport=PHONE, has_touch=True).new_page()
    phone.goto(f"{server.join_url}?code={server.room.code}")
    expect(phone.locator("#code")).to_have_value(server.room.code)
    phone.fill("#name", name)
    phone.click("#join-button")
    expect(phone.locator("#me")).to_have_text(name, timeout=WAIT)
    return phone


def tap(phone: Page, *texts: str) -> None:
    for text in texts:
        phone.locator("button.choice", has_text=re.compile(f"^.{{0,2}}{text}$")).click()


def verdict(phone: Page, text: str) -> None:
    expect(phone.locator("#result .verdict")).to_have_text(text, timeout=WAIT)


def test_a_round_on_three_phones_and_a_projector(browser: Browser, room_server: RoomServer) -> None:
    code = room_server.room.code
    projector = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    projector.goto(room_server.projector_url)
    expect(projector.locator("#code")).to_have_text(code, timeout=WAIT)
    expect(projector.locator("#qr")).to_be_visible()
    ada = join(browser, room_server, "Ada")
    tom = join(browser, room_server, "Tom & Jerry's")
    linus = join(browser, room_server, "Linus")
    expect(projector.locator("#players")).to_have_text("3", timeout=WAIT)
    expect(projector.locator("#names")).to_contain_text("Tom & Jerry's")  # text, not markup
    for phone in (ada, tom, linus):
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # 1. Single choice; Linus's phone reloads before he answers and resumes as Linus.
    projector.click("#start")
    expect(ada.locator("#prompt")).to_contain_text("Which one is right?", timeout=WAIT)
    tap(ada, "Alpha")
    tap(tom, "Bravo")
    expect(linus.locator("button.choice")).to_have_count(3, timeout=WAIT)
    linus.reload()
    expect(linus.locator("#me")).to_have_text("Linus", timeout=WAIT)
    tap(linus, "Alpha")
    expect(projector.locator("#answered")).to_have_text("3 of 3 answered", timeout=WAIT)
    expect(projector.locator("#players")).to_have_text("3")  # no double entry
    projector.click("#reveal")
    rows = projector.locator(".dist-row")
    expect(rows.filter(has_text="(right answer)")).to_contain_text("2", timeout=WAIT)
    expect(projector.locator("#explanation")).to_contain_text("EXPLAIN-ALPHA-RIGHT")
    verdict(ada, "Correct")
    verdict(tom, "Not quite")
    verdict(linus, "Correct")
    expect(ada.locator("#standing")).to_contain_text("Rank 1 of 3")
    expect(tom.locator("#standing")).to_contain_text("Rank 3 of 3")
    expect(projector.locator("#board li").first).to_contain_text("#1 Ada")
    expect(projector.locator("#board")).to_contain_text("#3 Tom & Jerry's · 0")

    # 2. Multiple choice; Linus reloads after answering: his answer stays locked in.
    projector.click("#next")
    projector.click("#start")
    expect(ada.locator("#prompt")).to_contain_text("Pick the two", timeout=WAIT)
    for phone, picks in ((ada, ("One", "Three")), (tom, ("One",)), (linus, ("One", "Three"))):
        tap(phone, *picks)
        phone.click("button.submit")
    expect(linus.locator(".locked")).to_be_visible(timeout=WAIT)
    linus.reload()
    expect(linus.locator(".locked")).to_contain_text("Answer locked in", timeout=WAIT)
    expect(projector.locator("#answered")).to_have_text("3 of 3 answered", timeout=WAIT)
    projector.click("#reveal")
    verdict(ada, "Correct")
    verdict(tom, "◐ Partly right (50%)")

    # 3. Numeric, typed.
    projector.click("#next")
    projector.click("#start")
    for phone, typed in ((ada, "1.68"), (tom, "1.5"), (linus, "1.675")):
        phone.fill("input.typed", typed)
        phone.click("button.submit")
    expect(projector.locator("#answered")).to_have_text("3 of 3 answered", timeout=WAIT)
    projector.click("#reveal")
    verdict(ada, "Correct")
    verdict(tom, "Not quite")
    expect(projector.locator(".dist-row").first).to_contain_text("2")

    # 4. Ordering by tap.
    projector.click("#next")
    projector.click("#start")
    for phone, order in ((ada, ("First", "Second", "Third")), (tom, ("Third", "Second", "First"))):
        tap(phone, *order)
        phone.click("button.submit")
    expect(projector.locator("#answered")).to_have_text("2 of 3 answered", timeout=WAIT)
    projector.click("#reveal")
    verdict(ada, "Correct")
    expect(linus.locator("#answer")).to_contain_text("No answer", timeout=WAIT)

    # 5. Matching by tap: Cat, then Dog.
    projector.click("#next")
    projector.click("#start")
    tap(ada, "Meow", "Woof")
    ada.click("button.submit")
    tap(tom, "Woof", "Meow")
    tom.click("button.submit")
    expect(projector.locator("#answered")).to_have_text("2 of 3 answered", timeout=WAIT)
    projector.click("#reveal")
    verdict(ada, "Correct")
    verdict(tom, "Not quite")

    projector.click("#next")
    expect(projector.locator("#podium")).to_contain_text("#1 Ada", timeout=WAIT)
    expect(ada.locator("#prompt")).to_contain_text("You finished #1", timeout=WAIT)
    stored = room_server.room.store.attempts()
    assert len(stored) == 13
    assert set(stored["learner"]) == {f"room:{code}:{n}" for n in ("Ada", "Tom & Jerry's", "Linus")}
