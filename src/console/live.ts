/**
 * The case list keeps itself current: a small script asks every few seconds what waits for
 * staff, puts the counts in the page title (seen on a tab in the background), reloads the list
 * when a case arrives, and — if the staff member turned it on — notifies with a sound for a new
 * urgent case. Without JavaScript the page refreshes itself every 30 seconds instead.
 */

/** Where the script is served (a file of our own: the console allows no inline script). */
export const LIVE_JS_PATH = "/console/console.js";
/** What the script asks. */
export const WAITING_PATH = "/console/api/menunggu";
/** How often the script asks, in milliseconds (a new case shows within 10 seconds). */
export const LIVE_POLL_MS = 5_000;

/** The console's script. Plain ES2017 for the office's older browsers. */
export const LIVE_JS = `(function () {
  "use strict";
  var list = document.getElementById("case-list");
  if (!list) return;
  var base = document.body.getAttribute("data-title");
  var template = document.body.getAttribute("data-waiting");
  var newest = Number(list.getAttribute("data-newest")) || 0;
  var seen = {};
  var first = true;
  var button = document.getElementById("notify");
  var audio = null;
  function on() { return window.localStorage && localStorage.getItem("jr-notify") === "1"; }
  function label() {
    if (!button) return;
    button.textContent = button.getAttribute(on() ? "data-on" : "data-off");
    button.setAttribute("aria-pressed", on() ? "true" : "false");
  }
  function beep() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return;
      audio = audio || new Ctx();
      var o = audio.createOscillator();
      var g = audio.createGain();
      o.frequency.value = 880;
      g.gain.value = 0.2;
      o.connect(g); g.connect(audio.destination);
      o.start(); o.stop(audio.currentTime + 0.4);
    } catch (e) { /* no sound on this browser */ }
  }
  if (button) {
    button.hidden = false;
    label();
    button.addEventListener("click", function () {
      var next = !on();
      localStorage.setItem("jr-notify", next ? "1" : "0");
      if (next) {
        beep();
        if (window.Notification && Notification.permission === "default") Notification.requestPermission();
      }
      label();
    });
  }
  function alertUrgent(refs) {
    refs.forEach(function (ref) {
      if (seen[ref]) return;
      seen[ref] = true;
      if (first || !on()) return;
      beep();
      if (window.Notification && Notification.permission === "granted") {
        new Notification(button ? button.getAttribute("data-alert") : ref, { body: ref, tag: ref });
      }
    });
    first = false;
  }
  function reload() {
    return fetch(location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (text) {
        if (!text) return;
        var doc = new DOMParser().parseFromString(text, "text/html");
        var fresh = doc.getElementById("case-list");
        if (fresh) list.innerHTML = fresh.innerHTML;
      });
  }
  function tick() {
    fetch(${JSON.stringify(WAITING_PATH)}, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (w) {
        var counts = template.replace("{fresh}", w.fresh).replace("{unanswered}", w.unanswered);
        document.title = (w.fresh || w.unanswered ? counts + " " : "") + base;
        alertUrgent(w.urgent || []);
        if (w.newest !== newest) { newest = w.newest; return reload(); }
      })
      .catch(function () { /* signed out or offline: try again later */ })
      .then(function () { setTimeout(tick, ${LIVE_POLL_MS}); });
  }
  tick();
})();
`;
