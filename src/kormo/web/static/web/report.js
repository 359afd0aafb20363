/* The progress report page: nothing typed is lost.
 *
 * Every entry field belongs to one form (#report-values), saved by one button. What is typed
 * is kept in localStorage (per plan and period) as it is typed; on opening, a draft that
 * differs from what the page shows is put back in its fields with a notice (its time, and a
 * button to discard it). The draft is dropped only when the server confirmed the save that
 * sent it: the page after that save carries the save's stamp (?saved=<stamp>). An entry the
 * server has changed since the draft was written (another version) is not overwritten.
 *
 * Save sends the form with fetch (Accept: application/json) and updates the page in place from
 * the answer: each saved entry's version, original and shown fields; each refused entry marked
 * with its reason beside it and the stored version, as the 400 page shows it; the message in
 * #save-status. The draft is dropped only when every entry was saved and nothing was typed
 * while the save was under way. Any other answer (a network failure, the login page after the
 * session ended) keeps the draft and sends the form the ordinary way, so the post/redirect
 * flow above takes over.
 *
 * Attaching evidence works the same way: each row's upload form (and those added for entries
 * saved for the first time) is sent with fetch (the same multipart fields, Accept:
 * application/json); the answered file line (#evidence-line) goes above the form, the file
 * field is cleared and the message goes to #save-status; a refusal is shown beside the form.
 * Typed values and the draft are not touched. Any other answer posts the form the ordinary
 * way, with what was typed kept in the draft.
 */
(function () {
  "use strict";
  var form = document.getElementById("report-values");
  if (!form) return;
  var key = form.getAttribute("data-draft-key");
  var bengali = (document.documentElement.lang || "").slice(0, 2) === "bn";
  function digits(s) {
    return bengali ? String(s).replace(/[0-9]/g, function (d) { return String.fromCharCode(0x09E6 + Number(d)); }) : String(s);
  }
  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.type !== "hidden" && el.type !== "file" && el.tagName !== "BUTTON";
    });
  }
  function versionOf(name) {
    var entry = name.slice(name.indexOf("-") + 1), v = form.elements["version-" + entry];
    return v ? v.value : "";
  }
  function snapshot() {
    var out = { at: Date.now(), values: {}, versions: {} };
    fields().forEach(function (el) { out.values[el.name] = el.value; out.versions[el.name] = versionOf(el.name); });
    return out;
  }
  function read() { try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; } }
  function write(d) { try { localStorage.setItem(key, JSON.stringify(d)); } catch (e) { /* the page still works */ } }
  function drop() { try { localStorage.removeItem(key); } catch (e) { /* ignore */ } }

  var shown = snapshot(), dirty = false, submitting = false, timer = 0;
  function differs(d) {
    return Object.keys(d.values).some(function (n) { return n in shown.values && d.values[n] !== shown.values[n]; });
  }
  var draft = read(), stamp = form.getAttribute("data-saved-stamp");
  if (draft && (!differs(draft) || (draft.sent && stamp && String(draft.stamp) === stamp))) {
    drop();
  } else if (draft) {
    var put = false;
    fields().forEach(function (el) {
      var v = draft.values[el.name];
      // An entry saved by someone since the draft was written keeps the server's value.
      if (v === undefined || v === el.value || draft.versions[el.name] !== versionOf(el.name)) return;
      el.value = v; put = true;
    });
    var notice = document.getElementById("draft-notice");
    if (put && notice) {
      var d = new Date(draft.at), t = ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
      notice.querySelector("[data-text]").textContent = form.getAttribute("data-msg-restored").replace("{time}", digits(t)) + " ";
      notice.querySelector('[data-draft="discard"]').onclick = function () {
        fields().forEach(function (el) { if (el.name in shown.values) el.value = shown.values[el.name]; });
        drop(); dirty = false; notice.hidden = true;
      };
      notice.hidden = false;
      dirty = true;
      write(snapshot());
    }
  }
  if (document.querySelector("[data-testid=value-error]")) { dirty = true; write(snapshot()); }

  document.addEventListener("input", function (ev) {
    if (!ev.target.form || ev.target.form !== form) return;
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(function () { write(snapshot()); }, 300);
  });
  function sentDraft(stamp) {
    var s = snapshot();
    s.sent = true; s.stamp = stamp || String(s.at);
    form.elements.stamp.value = s.stamp;
    write(s);
    return s;
  }
  var status = document.getElementById("save-status"), busy = false;
  function say(state, text) {
    if (!status) return;
    status.setAttribute("data-state", state);
    status.className = state === "refused" ? "error" : "";
    status.textContent = text;
  }
  function boxOf(entry) {
    return document.querySelector('.entry[data-entry="' + (window.CSS && CSS.escape ? CSS.escape(entry) : entry) + '"]');
  }
  function unmark(box) {
    box.classList.remove("refused");
    Array.prototype.forEach.call(box.querySelectorAll("[aria-invalid]"), function (el) {
      el.removeAttribute("aria-invalid"); el.removeAttribute("aria-describedby");
    });
    var p = box.querySelector("[data-testid=value-error]");
    if (p) p.parentNode.removeChild(p);
  }
  function mark(box, entry, text) {
    // As the 400 page draws a refused entry: its text kept, the reason beside the field.
    var id = "err-" + entry, input = box.querySelector("[data-testid=value-input]") || box.querySelector("input:not([type=hidden])");
    box.classList.add("refused");
    if (input) { input.setAttribute("aria-invalid", "true"); input.setAttribute("aria-describedby", id); }
    var p = document.createElement("p");
    p.className = "error"; p.id = id; p.setAttribute("role", "alert"); p.setAttribute("data-testid", "value-error");
    p.textContent = text;
    box.appendChild(p);
  }
  function evidenceForm(box, entry) {
    // A value saved for the first time: its row has no evidence form until the next render.
    var tpl = document.getElementById("evidence-form"), row = box.closest("tr"), cut = entry.lastIndexOf("|");
    if (!tpl || !row || cut < 0) return;
    var ref = entry.slice(0, cut), quarter = entry.slice(cut + 1);
    var has = Array.prototype.some.call(row.querySelectorAll("form input[name=quarter]"), function (el) {
      return el.value === quarter && el.form.querySelector("input[type=file]");
    });
    var cells = row.querySelectorAll(":scope > td");
    if (has || cells.length < 5) return;
    var made = tpl.content.firstElementChild.cloneNode(true);
    made.elements.ref.value = ref; made.elements.quarter.value = quarter;
    cells[4].appendChild(made);
  }
  function apply(answer, sent) {
    var marked = Array.prototype.map.call(document.querySelectorAll(".entry.refused, .entry [data-testid=value-error]"), function (el) {
      return el.closest(".entry");
    });
    marked.forEach(unmark);
    Object.keys(answer.saved || {}).forEach(function (entry) {
      var got = answer.saved[entry], v = form.elements["version-" + entry], box = boxOf(entry);
      if (v) v.value = String(got.version);
      Object.keys(got.fields).forEach(function (name) {
        var el = form.elements[name + "-" + entry], orig = form.elements["orig-" + name + "-" + entry];
        if (orig) orig.value = got.fields[name];
        // What was typed while the save was under way stays in its field.
        if (el && el.value === sent.values[el.name]) el.value = got.fields[name];
        if (el) { shown.values[el.name] = got.fields[name]; shown.versions[el.name] = String(got.version); }
      });
      var reason = form.elements["reason-" + entry];
      if (reason && reason.value === sent.values[reason.name]) reason.value = "";  // kept with this change
      if (!box) return;
      var reported = box.parentNode.querySelector("[data-testid=reported]");
      if (reported) reported.textContent = got.fields.value || "—";
      evidenceForm(box, entry);
    });
    Object.keys(answer.refused || {}).forEach(function (entry) {
      // Its text stays; its version becomes the stored one, as on the 400 page.
      var got = answer.refused[entry], v = form.elements["version-" + entry], box = boxOf(entry);
      if (v) v.value = String(got.version);
      if (box) mark(box, entry, got.message);
    });
  }
  function fallback(sent) {
    busy = false;
    sentDraft(sent.stamp);  // with anything typed meanwhile
    submitting = true;
    form.submit();
  }
  form.addEventListener("submit", function (ev) {
    if (busy) { ev.preventDefault(); return; }
    clearTimeout(timer); timer = 0;
    var sent = sentDraft();
    if (!window.fetch || !window.FormData || !window.URLSearchParams) { submitting = true; return; }
    ev.preventDefault();
    busy = true;
    say("saving", "");
    fetch(form.action, {
      method: "POST", credentials: "same-origin", body: new URLSearchParams(new FormData(form)),
      headers: { "Accept": "application/json" }
    }).then(function (r) {
      var json = (r.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (r.redirected || !json || (r.status !== 200 && r.status !== 400)) throw new Error("not the save's answer");
      return r.json().then(function (answer) { return { ok: r.status === 200, answer: answer }; });
    }).then(function (got) {
      busy = false;
      var typed = fields().some(function (el) { return el.value !== sent.values[el.name]; });
      apply(got.answer, sent);
      say(got.ok ? "saved" : "refused", got.answer.message);
      if (got.ok && !typed) {
        drop(); dirty = false;
        var notice = document.getElementById("draft-notice");
        if (notice) notice.hidden = true;
      } else {
        dirty = true; write(snapshot());
      }
    }, function () { fallback(sent); });
  });
  var lineTpl = document.getElementById("evidence-line");
  function isUpload(f) {
    // The row's upload form, found by what it is, not by the row's markup.
    return f && f.tagName === "FORM" && f !== form && f.enctype === "multipart/form-data" &&
      f.elements.file && f.elements.ref && f.elements.quarter && f.closest("table.report");
  }
  function unrefuse(f) {
    var p = f.querySelector("[data-testid=evidence-error]"), input = f.elements.file;
    if (p) p.parentNode.removeChild(p);
    input.removeAttribute("aria-invalid"); input.removeAttribute("aria-describedby");
  }
  function refuse(f, text) {
    var id = "evidence-err-" + f.elements.ref.value + "-" + f.elements.quarter.value, p = document.createElement("p");
    p.className = "error"; p.id = id; p.setAttribute("role", "alert"); p.setAttribute("data-testid", "evidence-error");
    p.textContent = text;
    f.appendChild(p);
    f.elements.file.setAttribute("aria-invalid", "true"); f.elements.file.setAttribute("aria-describedby", id);
  }
  function attached(f, got) {
    // The file's line as the page draws it: link, size, its remove form (a reason where asked).
    var line = lineTpl.content.firstElementChild.cloneNode(true), link = line.querySelector("a"),
      remove = line.querySelector("form");
    link.href = got.url; link.textContent = got.name;
    line.querySelector("span").textContent = got.size;
    remove.elements.evidence_id.value = String(got.id);
    if (!got.reason_required) remove.elements.reason.parentNode.removeChild(remove.elements.reason);
    f.parentNode.insertBefore(line, f);
    f.elements.file.value = "";
  }
  document.addEventListener("submit", function (ev) {
    var f = ev.target;
    if (ev.defaultPrevented || !isUpload(f) || !lineTpl || !window.fetch || !window.FormData) return;
    ev.preventDefault();
    if (f.getAttribute("data-busy")) return;
    f.setAttribute("data-busy", "1");
    say("attaching", "");
    fetch(f.action, {
      method: "POST", credentials: "same-origin", body: new FormData(f),
      headers: { "Accept": "application/json" }
    }).then(function (r) {
      var json = (r.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (r.redirected || !json || (r.status !== 200 && r.status !== 400)) throw new Error("not the upload's answer");
      return r.json().then(function (answer) { return { ok: r.status === 200 && answer.evidence, answer: answer }; });
    }).then(function (got) {
      f.removeAttribute("data-busy");
      unrefuse(f);
      if (got.ok) attached(f, got.answer.evidence); else refuse(f, got.answer.message);
      say(got.ok ? "attached" : "refused", got.answer.message);
    }, function () {
      // The ordinary post: what was typed goes into the draft, offered back on the next page.
      f.removeAttribute("data-busy");
      clearTimeout(timer); timer = 0;
      if (dirty) write(snapshot());
      submitting = true;
      HTMLFormElement.prototype.submit.call(f);
    });
  });
  window.addEventListener("beforeunload", function (ev) {
    if (timer) { clearTimeout(timer); write(snapshot()); }
    if (dirty && !submitting) { ev.preventDefault(); ev.returnValue = form.getAttribute("data-msg-leave"); return ev.returnValue; }
  });
})();
