// Shared by the phone and projector pages: the socket, countdowns, safe DOM building.
// Server text that is HTML was sanitised by the server (bank Markdown only); names and typed
// answers are always set as text, never as HTML.

export function el(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== null) node.textContent = String(text);
  return node;
}

export function html(tag, trustedHtml, attrs = {}) {
  const node = el(tag, attrs);
  node.innerHTML = trustedHtml; // sanitised bank Markdown from the server
  return node;
}

export function $(id) {
  return document.getElementById(id);
}

export function connect(onOpen, onMessage) {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  let socket = null;
  let retry = 500;
  const api = {
    send(message) {
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    },
  };
  function open() {
    socket = new WebSocket(`${scheme}://${location.host}/ws`);
    socket.addEventListener("open", () => { retry = 500; onOpen(api); });
    socket.addEventListener("message", (event) => onMessage(JSON.parse(event.data), api));
    socket.addEventListener("close", (event) => {
      if (event.code === 4000) return; // replaced by a newer page of the same player
      setTimeout(open, retry);
      retry = Math.min(retry * 2, 5000);
    });
  }
  open();
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && socket && socket.readyState > 1) open();
  });
  return api;
}

export function countdown(node, seconds) {
  clearInterval(node._timer);
  const end = performance.now() + seconds * 1000;
  const tick = () => {
    const left = Math.max(0, Math.ceil((end - performance.now()) / 1000));
    node.textContent = left > 0 ? `${left} s` : "Time is up";
    if (left <= 0) clearInterval(node._timer);
  };
  tick();
  node._timer = setInterval(tick, 250);
}

export function stopCountdown(node, text = "") {
  clearInterval(node._timer);
  node.textContent = text;
}
