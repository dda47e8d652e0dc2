/**
 * The chat page's script (served as `/chat/chat.js`). Without it the page still works by form
 * posts and reloads; with it, messages are sent in the background and the bot's answers (and a
 * staff member's, minutes later) appear by long polling. Plain ES2017 for old phone browsers.
 */
export const CHAT_JS = `(function () {
  "use strict";
  var body = document.body;
  var log = document.getElementById("log");
  var options = document.getElementById("options");
  var status = document.getElementById("status");
  var form = document.getElementById("send");
  var box = document.getElementById("text");
  if (!log || !form || !box) return;
  var after = Number(log.getAttribute("data-after")) || 0;
  var failures = 0;

  function id() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  function say(text) { status.textContent = text || ""; }
  function scroll() { window.scrollTo(0, document.body.scrollHeight); }

  function showOptions(message) {
    options.textContent = "";
    if (!message || !message.options || !message.options.length) return;
    var f = document.createElement("form");
    f.className = "options";
    var hint = document.createElement("p");
    hint.textContent = body.getAttribute("data-hint");
    f.appendChild(hint);
    message.options.forEach(function (o, i) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = (i + 1) + ". " + o.label;
      b.addEventListener("click", function () {
        send({ choice: o.id, prompt: message.prompt });
      });
      f.appendChild(b);
    });
    options.appendChild(f);
  }

  function add(entry) {
    if (entry.id <= after) return;
    after = entry.id;
    var li = document.createElement("li");
    li.className = entry.direction;
    li.setAttribute("data-id", String(entry.id));
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = body.getAttribute(entry.direction === "in" ? "data-you" : "data-bot");
    li.appendChild(who);
    li.appendChild(document.createTextNode(entry.message.text));
    log.appendChild(li);
  }

  function receive(entries) {
    if (!entries.length) return;
    entries.forEach(add);
    var last = entries[entries.length - 1];
    showOptions(last.direction === "out" ? last.message : null);
    scroll();
  }

  function poll() {
    fetch("/chat/api/messages?after=" + after, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      })
      .then(function (data) {
        failures = 0;
        if (status.getAttribute("data-offline")) { say(""); status.removeAttribute("data-offline"); }
        receive(data.entries || []);
        // "retry": the server has too many polls waiting and asks us to come back later.
        setTimeout(poll, data.retry || 50);
      })
      .catch(function () {
        failures++;
        say(body.getAttribute("data-offline"));
        status.setAttribute("data-offline", "1");
        setTimeout(poll, Math.min(15000, 1000 * failures));
      });
  }

  function send(payload) {
    payload.mid = id();
    say("");
    return fetch("/chat/api/send", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload)
    }).then(function (r) {
      if (r.status === 429) say(body.getAttribute("data-too-fast"));
      else if (!r.ok) say(body.getAttribute("data-unavailable"));
    }).catch(function () {
      say(body.getAttribute("data-offline"));
    });
  }

  var file = document.getElementById("file");
  form.addEventListener("submit", function (event) {
    // A file goes with the form itself (the page reloads with the answer).
    if (file && file.files && file.files.length) return;
    event.preventDefault();
    var text = box.value.trim();
    if (!text) { say(body.getAttribute("data-empty")); box.focus(); return; }
    box.value = "";
    send({ text: text });
    box.focus();
  });
  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });
  // The server-rendered option buttons post the form; with the script they send in place.
  options.addEventListener("click", function (event) {
    var b = event.target;
    if (!b || b.tagName !== "BUTTON" || b.name !== "choice") return;
    event.preventDefault();
    var prompt = options.querySelector("input[name=prompt]");
    send({ choice: b.value, prompt: prompt ? Number(prompt.value) : undefined });
  });
  scroll();
  poll();
})();
`;

/**
 * The snippet offices put on their websites (`/chat/embed.js`): a button that opens the chat in
 * a small window of its own (a first-party page, so its cookie works in every browser), or a
 * new tab where pop-ups are blocked. `data-label` on the script tag changes the button's text.
 */
export function embedJs(origin: string | undefined, label: string): string {
  // Without PUBLIC_URL the chat is where this script came from (never the request's Host).
  const url = origin
    ? JSON.stringify(`${origin}/chat`)
    : 'script ? new URL("/chat", script.src).href : "/chat"';
  return `(function () {
  "use strict";
  var script = document.currentScript;
  var url = ${url};
  var a = document.createElement("a");
  a.href = url;
  a.target = "_blank";
  a.rel = "noopener";
  a.textContent = (script && script.getAttribute("data-label")) || ${JSON.stringify(label)};
  var s = a.style;
  s.position = "fixed"; s.right = "16px"; s.bottom = "16px"; s.zIndex = "2147483000";
  s.background = "#12355b"; s.color = "#fff"; s.padding = "12px 18px"; s.borderRadius = "24px";
  s.font = "600 16px/1.2 system-ui, sans-serif"; s.textDecoration = "none";
  s.boxShadow = "0 2px 8px rgba(0,0,0,.3)";
  a.addEventListener("click", function (event) {
    var w = window.open(url, "jalur-resmi-chat", "width=420,height=680");
    if (w) { event.preventDefault(); w.focus(); }
  });
  function place() { document.body.appendChild(a); }
  if (document.body) place(); else document.addEventListener("DOMContentLoaded", place);
})();
`;
}
