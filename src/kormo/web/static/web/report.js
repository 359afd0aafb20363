/* The progress report page: nothing typed is lost.
 *
 * Every entry field belongs to one form (#report-values), saved by one button. What is typed
 * is kept in localStorage (per plan and period) as it is typed; on opening, a draft that
 * differs from what the page shows is put back in its fields with a notice (its time, and a
 * button to discard it). The draft is dropped only when the server confirmed the save that
 * sent it: the page after that save carries the save's stamp (?saved=<stamp>). An entry the
 * server has changed since the draft was written (another version) is not overwritten.
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
  form.addEventListener("submit", function () {
    var s = snapshot();
    s.sent = true; s.stamp = String(s.at);
    form.elements.stamp.value = s.stamp;
    write(s);
    submitting = true;
  });
  window.addEventListener("beforeunload", function (ev) {
    if (timer) { clearTimeout(timer); write(snapshot()); }
    if (dirty && !submitting) { ev.preventDefault(); ev.returnValue = form.getAttribute("data-msg-leave"); return ev.returnValue; }
  });
})();
