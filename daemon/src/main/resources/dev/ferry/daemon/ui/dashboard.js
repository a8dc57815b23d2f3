// Ferry dashboard: live updates over server-sent events. Plain JavaScript, no libraries; every
// page works without it (reload shows the news), this only saves the reload.
"use strict";

(function () {
  const PHASES = ["CHECKING", "DOWNLOADING", "RESOLVING", "UPLOADING"];

  function text(el, value) {
    if (el && el.textContent !== value) el.textContent = value;
  }

  function formatTime(iso) {
    if (!iso) return "never";
    const d = new Date(iso);
    const p = (n) => String(n).padStart(2, "0");
    return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate()) + " " + p(d.getHours()) + ":" +
      p(d.getMinutes()) + ":" + p(d.getSeconds());
  }

  function cardOf(folder) {
    return document.querySelector('section.folder[data-folder="' + CSS.escape(folder) + '"]');
  }

  function setState(card, state, paused) {
    text(card.querySelector('[data-field="state"]'), paused ? state + " (paused)" : state);
    const bar = card.querySelector('[data-field="progress"]');
    if (bar) {
      const phase = PHASES.indexOf(state);
      bar.hidden = phase < 0;
      if (phase >= 0) {
        bar.value = phase + 1;
        bar.textContent = (phase + 1) + " of " + PHASES.length;
      }
    }
  }

  function updateFolder(f) {
    const card = cardOf(f.id);
    if (!card) return;
    setState(card, f.state, f.paused);
    text(card.querySelector('[data-field="online"]'), f.online ? "online" : "offline");
    const last = card.querySelector('[data-field="lastSync"]');
    if (last) text(last, formatTime(f.lastSync) + (f.lastResult ? " (" + f.lastResult + ")" : ""));
    text(card.querySelector('[data-field="pending"]'), String(f.pending));
    text(card.querySelector('[data-field="failed"]'), String(f.failed));
    const conflicts = card.querySelector('[data-field="conflicts"]');
    if (conflicts && conflicts.textContent !== String(f.conflicts)) {
      conflicts.textContent = "";
      if (f.conflicts > 0) {
        const a = document.createElement("a");
        a.href = "/conflicts";
        a.textContent = String(f.conflicts);
        conflicts.appendChild(a);
      } else {
        conflicts.textContent = "0";
      }
    }
    const err = card.querySelector('[data-field="lastError"]');
    if (err) {
      err.hidden = !f.lastError;
      text(err, f.lastError || "");
    }
  }

  // The folder buttons post in the background, so the page (and its live stream) stays put and
  // the run is watched from its first state. Without JavaScript they are ordinary forms.
  function backgroundForms() {
    document.querySelectorAll("section.folder form").forEach((form) => {
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        const button = form.querySelector("button");
        button.disabled = true;
        fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin" })
          .then((r) => {
            if (!r.ok) throw new Error("the daemon answered " + r.status);
            // Pause and resume change which button is shown: reload for the new one.
            if (!form.action.endsWith("/folders/sync")) window.location.reload();
          })
          .catch((err) => note("Not done: " + err.message))
          .finally(() => { button.disabled = false; });
      });
    });
  }

  function note(message) {
    let p = document.querySelector("p.flash");
    if (!p) {
      p = document.createElement("p");
      p.className = "flash";
      p.setAttribute("role", "status");
      document.querySelector("h1").after(p);
    }
    p.textContent = message;
  }

  function overview() {
    const activity = document.getElementById("activity");
    if (!activity) return;
    backgroundForms();
    const events = new EventSource("/events");
    events.addEventListener("open", () => { document.body.dataset.live = "connected"; });
    events.addEventListener("status", (e) => {
      document.body.dataset.live = "status";
      const s = JSON.parse(e.data);
      (s.folders || []).forEach(updateFolder);
      const top = document.querySelector('.device [data-field="online"]');
      text(top, s.online ? "online" : "offline");
    });
    events.addEventListener("state", (e) => {
      const s = JSON.parse(e.data);
      const c = cardOf(s.folder);
      if (c) setState(c, s.to, false);
      const li = document.createElement("li");
      li.dataset.folder = s.folder;
      li.dataset.state = s.to;
      li.textContent = formatTime(s.at) + " " + s.folder + ": " + (s.from || "?") + " → " + s.to;
      activity.prepend(li);
      while (activity.children.length > 50) activity.lastElementChild.remove();
    });
  }

  function logs() {
    const body = document.getElementById("log-lines");
    if (!body || !body.dataset.stream) return;
    const events = new EventSource(body.dataset.stream);
    events.addEventListener("line", (e) => {
      const l = JSON.parse(e.data);
      const tr = document.createElement("tr");
      tr.className = "lvl-" + String(l.level || "info").toLowerCase();
      [l.ts, l.level, l.folder, l.msg].forEach((v) => {
        const td = document.createElement("td");
        td.textContent = v == null ? "" : String(v);
        tr.appendChild(td);
      });
      body.appendChild(tr);
      while (body.children.length > 1000) body.firstElementChild.remove();
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    overview();
    logs();
  });
})();
