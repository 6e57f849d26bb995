// The projector: join code and QR, the question and countdown, the reveal, the leaderboard.
import { $, connect, countdown, el, html, stopCountdown } from "./common.js";

const token = new URLSearchParams(location.search).get("token") || "";
let last = null;

const socket = connect(
  (api) => api.send({ type: "host", token }),
  (message) => {
    if (message.type === "host") render(message);
    else if (message.type === "answered") answered(message.count, message.playing);
    else if (message.type === "error") $("status").textContent = message.message;
  },
);

for (const action of ["start", "reveal", "next", "skip", "finish"]) {
  $(action).addEventListener("click", () => {
    const message = { type: action };
    if (action === "start" && $("limit").value) message.limit = Number($("limit").value);
    $("status").textContent = "";
    socket.send(message);
  });
}
$("board-mode").addEventListener("change", () => last && board(last));

function answered(count, playing) {
  $("answered").textContent = `${count} of ${playing} answered`;
}

function render(view) {
  last = view;
  $("title").textContent = view.title;
  $("code").textContent = view.code;
  $("join-url").textContent = view.join_url;
  $("players").textContent = view.players;
  $("names").replaceChildren(...view.names.map((n) => el("li", {}, n)));
  const q = view.question;
  $("lobby").hidden = !(view.phase === "ready" && view.position[0] === 1 && view.leaderboard.every((s) => s.points === 0));
  $("stage").hidden = !q;
  $("start").disabled = view.phase !== "ready";
  $("skip").disabled = view.phase !== "ready";
  $("reveal").disabled = view.phase !== "running";
  $("next").disabled = view.phase !== "revealed";
  $("finish").disabled = view.phase === "running" || view.phase === "finished";
  if (q) {
    $("position").textContent = `Question ${q.number} of ${q.total}`;
    $("prompt").innerHTML = q.prompt; // sanitised by the server
    const lefts = (q.lefts || []).map((l) => { const li = el("li", { class: "left" }); li.append(el("b", {}, `${l.label}. `), html("span", l.html)); return li; });
    $("choices").replaceChildren(...lefts, ...(q.choices || []).map((c) => { const li = el("li"); li.append(el("b", {}, `${c.label}. `), html("span", c.html)); return li; }));
    answered(view.answered, view.playing);
  } else if (view.phase === "ready") {
    $("position").textContent = `Next: question ${view.position[0]} of ${view.position[1]}`;
  }
  if (view.phase === "running") countdown($("timer"), view.remaining);
  else stopCountdown($("timer"), view.phase === "revealed" ? "Answer revealed" : "");
  const dist = $("distribution");
  dist.hidden = !view.distribution;
  $("explanation").hidden = !view.explanation;
  if (view.distribution) {
    const most = Math.max(1, ...view.distribution.bars.map((b) => b.count));
    dist.replaceChildren(...view.distribution.bars.map((bar) => {
      const row = el("div", { class: "dist-row" });
      // In words, never a symbol from an emoji font (absent offline, unread by screen readers).
      const mark = bar.correct === true ? " (right answer)" : "";
      row.append(el("span", { class: "dist-label" }, `${bar.label}${mark}`));
      const fill = el("span", { class: "dist-bar" });
      fill.style.width = `${Math.round((bar.count / most) * 100)}%`;
      row.append(fill, el("span", { class: "dist-count" }, bar.count));
      return row;
    }));
    $("explanation").innerHTML = view.explanation; // sanitised by the server
  }
  board(view);
  const podium = $("podium");
  podium.hidden = !view.podium;
  if (view.podium) {
    podium.replaceChildren(el("h2", {}, "Podium"), ...view.podium.map((s) => el("p", { class: `step rank-${s.rank}` }, `#${s.rank} ${s.name} · ${s.points} points`)));
  }
}

function board(view) {
  const mode = $("board-mode").value;
  $("board-box").hidden = mode === "hidden";
  const rows = mode === "all" ? view.leaderboard : view.leaderboard.filter((s) => s.rank <= Number(mode));
  $("board").replaceChildren(...rows.map((s) => {
    const li = el("li", {}, `#${s.rank} ${s.name} · ${s.points}` + (s.streak > 1 ? ` · streak ${s.streak}` : ""));
    return li;
  }));
}
