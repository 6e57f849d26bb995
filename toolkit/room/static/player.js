// The participant's phone: join with the code and a nickname, answer, see feedback and rank.
import { $, connect, countdown, el, html, stopCountdown } from "./common.js";

const KEY = "smlab-room";
const saved = () => { try { return JSON.parse(localStorage.getItem(KEY)) || null; } catch { return null; } };
let info = null;
let draft = null; // what the player is building for a multi-step answer
let lastKey = "";

const socket = connect(
  (api) => {
    api.send({ type: "info" });
    const mine = saved();
    if (mine && mine.secret) api.send({ type: "resume", secret: mine.secret });
    else showJoin();
  },
  (message) => handlers[message.type]?.(message),
);

const handlers = {
  info(message) {
    info = message;
    $("title").textContent = message.title;
    if (message.teams) {
      $("team-row").hidden = false;
      const list = $("team-list");
      list.replaceChildren(...message.teams.map((t) => el("option", { value: t })));
    }
  },
  welcome(message) {
    const mine = saved() || {};
    localStorage.setItem(KEY, JSON.stringify({ code: message.code, secret: message.secret || mine.secret }));
    $("join").hidden = true;
    $("game").hidden = false;
    $("me").hidden = false;
    $("me").textContent = message.name;
    status("");
  },
  error(message) {
    if (/not in the room any more/.test(message.message)) {
      localStorage.removeItem(KEY);
      showJoin();
    }
    status(message.message);
    $("join-button").disabled = false;
  },
  state: render,
  pong() {},
};

function status(text) { $("status").textContent = text; }

function showJoin() {
  $("join").hidden = false;
  $("game").hidden = true;
  const code = new URLSearchParams(location.search).get("code");
  if (code && !$("code").value) $("code").value = code;
}

$("join").addEventListener("submit", (event) => {
  event.preventDefault();
  $("join-button").disabled = true;
  socket.send({ type: "join", code: $("code").value, name: $("name").value, team: $("team").value });
});

function send(number, response) {
  socket.send({ type: "answer", number, response });
  status("Sending…");
}

function render(view) {
  $("join").hidden = true;
  $("game").hidden = false;
  const you = view.you.team ? `${view.you.name} · ${view.you.team}` : view.you.name;
  $("me").hidden = false;
  $("me").textContent = you;
  const q = view.question;
  const standing = view.standing;
  $("standing").textContent = standing
    ? `Rank ${standing.rank} of ${standing.of} · ${standing.points} points` + (standing.streak > 1 ? ` · streak ${standing.streak}` : "")
    : "";
  $("result").hidden = true;
  if (view.phase === "finished") {
    stopCountdown($("timer"));
    $("position").textContent = "The quiz is over";
    $("prompt").replaceChildren(el("p", { class: "big" }, standing ? `You finished #${standing.rank} with ${standing.points} points` : "Thanks for playing"));
    $("answer").replaceChildren();
    return;
  }
  if (!q) {
    stopCountdown($("timer"));
    $("position").textContent = `Question ${view.position[0]} of ${view.position[1]}`;
    $("prompt").replaceChildren(el("p", { class: "big" }, "Get ready: the next question is coming."));
    $("answer").replaceChildren();
    return;
  }
  $("position").textContent = `Question ${q.number} of ${q.total} · ${q.points} points`;
  $("prompt").innerHTML = q.prompt; // sanitised by the server
  const key = `${q.number}:${view.phase}:${view.answered}`;
  if (view.phase === "running") {
    countdown($("timer"), view.remaining);
    if (view.answered) {
      $("answer").replaceChildren(el("p", { class: "locked" }, view.answered_by && view.answered_by !== view.you.name ? `${view.answered_by} answered for your team. Wait for the reveal.` : "Answer locked in. Wait for the reveal."), summary(q, view.response));
      status("");
    } else if (key !== lastKey) {
      draft = null;
      $("answer").replaceChildren(answerUi(q));
    }
  } else if (view.phase === "revealed") {
    stopCountdown($("timer"), "Answer revealed");
    $("answer").replaceChildren(summary(q, view.response));
    const r = view.result;
    const box = $("result");
    box.hidden = false;
    box.replaceChildren(
      el("p", { class: "verdict" }, r.verdict),
      el("p", {}, `+${r.points} points` + (r.bonus ? ` (streak bonus ${r.bonus})` : "")),
      html("div", r.feedback, { class: "feedback" }),
      r.expected ? el("p", { class: "expected" }, `Answer: ${r.expected}`) : el("span"),
      html("details", `<summary>Every option explained</summary>${r.explanation}`),
    );
    status("");
  }
  lastKey = key;
}

function summary(q, response) {
  if (response === null || response === undefined) return el("p", { class: "muted" }, "No answer");
  const label = (key) => (q.choices || []).find((c) => c.key === key)?.label ?? key;
  let text;
  if (Array.isArray(response)) text = response.map(label).join(", ");
  else if (typeof response === "object") text = (q.lefts || []).map((l) => `${l.label} → ${label(response[l.key])}`).join(", ");
  else text = q.choices && q.type !== "numeric" && q.type !== "text" ? label(response) : response;
  return el("p", { class: "mine" }, `Your answer: ${text}`);
}

function choiceButton(choice, onTap) {
  const button = el("button", { type: "button", class: "choice", "data-key": choice.key });
  button.append(el("span", { class: "label" }, choice.label), html("span", choice.html));
  button.addEventListener("click", () => onTap(button));
  return button;
}

function answerUi(q) {
  const box = el("div", { class: "choices" });
  const submit = el("button", { type: "button", class: "submit" }, "Send answer");
  if (["single", "true_false", "scenario"].includes(q.type) || (q.type === "poll" && !q.multiple)) {
    for (const choice of q.choices) box.append(choiceButton(choice, () => send(q.number, choice.key)));
    return box;
  }
  if (q.type === "multiple" || q.type === "poll") {
    const picked = new Set();
    for (const choice of q.choices) {
      box.append(choiceButton(choice, (button) => {
        picked.has(choice.key) ? picked.delete(choice.key) : picked.add(choice.key);
        button.setAttribute("aria-pressed", picked.has(choice.key));
      }));
    }
    submit.addEventListener("click", () => send(q.number, [...picked]));
    box.append(submit);
    return box;
  }
  if (q.type === "numeric" || q.type === "text") {
    const input = el("input", { type: "text", inputmode: q.type === "numeric" ? "decimal" : "text", maxlength: "120", class: "typed", "aria-label": "Your answer" });
    box.append(input);
    if (q.unit) box.append(el("span", { class: "unit" }, q.unit));
    submit.addEventListener("click", () => send(q.number, input.value));
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") send(q.number, input.value); });
    box.append(submit);
    return box;
  }
  if (q.type === "ordering") {
    draft = [];
    const chosen = el("ol", { class: "order" });
    const redraw = () => {
      chosen.replaceChildren(...draft.map((k) => el("li", {}, q.choices.find((c) => c.key === k).label)));
      for (const b of box.querySelectorAll(".choice")) b.disabled = draft.includes(b.dataset.key);
    };
    box.append(el("p", { class: "hint" }, "Tap the items in order, first to last."));
    for (const choice of q.choices) box.append(choiceButton(choice, () => { draft.push(choice.key); redraw(); }));
    const reset = el("button", { type: "button", class: "reset" }, "Start again");
    reset.addEventListener("click", () => { draft = []; redraw(); });
    submit.addEventListener("click", () => send(q.number, draft));
    box.append(chosen, reset, submit);
    return box;
  }
  if (q.type === "matching") {
    draft = {};
    let at = 0;
    const asking = el("p", { class: "hint" });
    const made = el("ul", { class: "order" });
    const redraw = () => {
      const left = q.lefts[at];
      asking.replaceChildren();
      if (left) asking.append(el("b", {}, `${left.label}. `), html("span", left.html), el("span", {}, " — tap its match:"));
      else asking.textContent = "All matched: send your answer.";
      made.replaceChildren(...q.lefts.filter((l) => draft[l.key]).map((l) => el("li", {}, `${l.label} → ${q.choices.find((c) => c.key === draft[l.key]).label}`)));
    };
    box.append(asking);
    for (const choice of q.choices) box.append(choiceButton(choice, () => { if (q.lefts[at]) { draft[q.lefts[at].key] = choice.key; at += 1; redraw(); } }));
    const reset = el("button", { type: "button", class: "reset" }, "Start again");
    reset.addEventListener("click", () => { draft = {}; at = 0; redraw(); });
    submit.addEventListener("click", () => send(q.number, draft));
    box.append(made, reset, submit);
    redraw();
    return box;
  }
  return box;
}
