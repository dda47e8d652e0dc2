import { LINK_PATTERN } from "./links.ts";

/**
 * The chat page's script (served as `/chat/chat.js`). Without it the page still works by form
 * posts and reloads; with it, messages are sent in the background and the bot's answers (and a
 * staff member's, minutes later) appear by long polling. Plain ES2017 for old phone browsers.
 */

export const CHAT_JS = `(function () {
  var LINKS = new RegExp(${JSON.stringify(LINK_PATTERN)}, "g");
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
  // The start of a new answer goes to the top of the screen: on a small phone the end of a
  // long answer is not where reading begins.
  function reveal(li) { if (li && li.scrollIntoView) li.scrollIntoView({ block: "start" }); }

  // Numbers become tap-to-call links and case references stay on one line, as on the server.
  function fill(li, text) {
    var last = 0;
    text.replace(LINKS, function (found) {
      var at = arguments[arguments.length - 2];
      if (at > last) li.appendChild(document.createTextNode(text.slice(last, at)));
      var node;
      if (arguments[4]) {
        node = document.createElement("span");
        node.className = "ref";
      } else {
        node = document.createElement("a");
        node.href = "tel:" + (found.charAt(0) === "+" ? "+" : "") + found.replace(/D/g, "");
      }
      node.textContent = found;
      li.appendChild(node);
      last = at + found.length;
      return found;
    });
    if (last < text.length) li.appendChild(document.createTextNode(text.slice(last)));
  }

  // Lines the server no longer holds were erased (\`hapus\`): they leave the page at once,
  // so the next person holding a shared phone does not read them.
  function forget(oldest) {
    var items = log.querySelectorAll("li");
    for (var i = 0; i < items.length; i++) {
      var n = Number(items[i].getAttribute("data-id"));
      if (oldest === null || n < oldest) items[i].parentNode.removeChild(items[i]);
    }
    if (oldest === null || !log.querySelector("li")) options.textContent = "";
  }

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
      // Numbered as the page and every other channel number them (numbered-options.ts).
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
    // The bot's numbers are links; what the person typed stays plain text.
    if (entry.direction === "out") fill(li, entry.message.text);
    else li.appendChild(document.createTextNode(entry.message.text));
    log.appendChild(li);
    return li;
  }

  // One answer may be several messages arriving over several polls: the page scrolls to the
  // first message of an answer and leaves the reader there while the rest arrives below. A
  // message after a pause (a staff reply minutes later) starts a new answer.
  var answerOpen = false;
  var lastOutAt = 0;
  function receive(entries) {
    if (!entries.length) return;
    var target = null;
    entries.forEach(function (entry) {
      var li = add(entry);
      if (!li) return;
      if (entry.direction === "in") {
        answerOpen = false;
        if (!target) target = li;
        return;
      }
      var now = Date.now();
      if (!answerOpen || now - lastOutAt > 3000) {
        answerOpen = true;
        target = li;
      }
      lastOutAt = now;
    });
    var last = entries[entries.length - 1];
    showOptions(last.direction === "out" ? last.message : null);
    reveal(target);
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
        if (data.oldest !== undefined) forget(data.oldest);
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
  var fileName = document.getElementById("file-name");
  if (file && fileName) {
    file.addEventListener("change", function () {
      fileName.textContent = file.files && file.files.length ? "📎 " + file.files[0].name : "";
    });
  }
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
  reveal(document.getElementById("latest"));
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
