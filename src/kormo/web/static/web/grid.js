/* Kormo's plan table editor: a spreadsheet of up to 2,000 rows, small and dependency-free.
 *
 * First, what both spreadsheet pages share (window.kormoSheet): the keys of a cell, reading a
 * block pasted from Excel, the page's digits and the draft rule. The plan's other parts
 * (editor.js, loaded after this file) use them, so the two pages behave alike from one copy.
 *
 * Then the table editor. The page sends the table once as JSON (#grid-data: field names and
 * each row's cells, with the row's index in the plan as loaded); this script keeps the rows in
 * memory and draws only the rows in view (plus a margin) from the row template, so opening,
 * typing, pasting and scrolling cost the same per visible row whatever the plan's size.
 * Layout is read in batches (all writes, then all reads), never once per cell.
 *  - ↑/↓ move up/down in every kind of cell (a list cell is never changed by them; a cell of
 *    several lines moves its caret first), ←/→ at a cell's edge move sideways, Enter moves
 *    down (adding a row at the end), Shift+Enter up; Alt+Enter or Shift+Enter in a text cell
 *    starts a new line; Ctrl+S saves;
 *  - rows are added, moved and removed with the row's buttons; a removal can be undone;
 *  - a block pasted from Excel (tab-separated, quoted cells allowed) fills cells from the
 *    focused one, adding rows as needed;
 *  - a save posts only the rows that changed (unchanged rows as their index), `table`;
 *  - nothing typed is lost: a draft is kept in localStorage, offered back with its time
 *    whenever it differs from what the server holds, and dropped only once the server
 *    confirmed a save of it (the ?saved=1 page after the post that sent it);
 *  - the live checks (#checks) run 600 ms after typing stops and mark the cells they name.
 */
(function () {
  "use strict";
  var bengali = (document.documentElement.lang || "").slice(0, 2) === "bn";

  function digits(n) {
    var s = String(n);
    return bengali ? s.replace(/[0-9]/g, function (d) { return String.fromCharCode(0x09E6 + Number(d)); }) : s;
  }
  // The form's data-msg-<name> text (translated by the template), with {param}s filled in.
  function msg(form, name, params) {
    var text = form.getAttribute("data-msg-" + name) || "";
    Object.keys(params || {}).forEach(function (k) { text = text.replace("{" + k + "}", params[k]); });
    return text;
  }

  function parseTsv(text) {
    // Excel quotes a cell that holds a tab, a newline or a quote ("" inside is one quote).
    var out = [], row = [], cell = "", i = 0, quoted = false;
    text = text.replace(/\r\n?/g, "\n");
    if (text.slice(-1) === "\n") text = text.slice(0, -1);
    while (i < text.length) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
        if (c === '"') { quoted = false; i++; continue; }
        cell += c; i++; continue;
      }
      if (c === '"' && cell === "") { quoted = true; i++; continue; }
      if (c === "\t") { row.push(cell); cell = ""; i++; continue; }
      if (c === "\n") { row.push(cell); out.push(row); row = []; cell = ""; i++; continue; }
      cell += c; i++;
    }
    row.push(cell); out.push(row);
    return out;
  }
  // A paste of more than one cell (a tab or a line break inside) as its rows of cells; null
  // for one value, which the browser pastes as usual.
  function pastedBlock(ev) {
    var text = (ev.clipboardData || window.clipboardData).getData("text");
    if (!/[\t\n]/.test(text.replace(/\r?\n$/, ""))) return null;
    ev.preventDefault();
    return parseTsv(text);
  }

  // Ctrl+S (⌘S) anywhere in the form saves it.
  function saveKey(ev, form) {
    if (!(ev.ctrlKey || ev.metaKey) || (ev.key !== "s" && ev.key !== "S")) return false;
    ev.preventDefault();
    form.requestSubmit();
    return true;
  }
  function insertNewline(el) {
    var s = el.selectionStart, e = el.selectionEnd;
    el.value = el.value.slice(0, s) + "\n" + el.value.slice(e);
    el.setSelectionRange(s + 1, s + 1);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }
  // The keys of a cell (docs/ui.md, "Keys"). nav(dRow, dCol, enter) moves the focus that many
  // rows and columns and says whether it moved; with `enter`, moving down from the last row
  // adds a row first.
  function cellKey(ev, nav) {
    var el = ev.target, key = ev.key, tag = el.tagName, textual = tag !== "SELECT";
    if (ev.metaKey || ev.ctrlKey) return;
    var len = textual ? el.value.length : 0, s = textual ? el.selectionStart : 0, e = textual ? el.selectionEnd : 0;
    var whole = textual && s === 0 && e === len;
    var moved = false;
    if (key === "Enter") {
      if (tag === "TEXTAREA" && (ev.altKey || ev.shiftKey)) {
        if (ev.altKey) { ev.preventDefault(); insertNewline(el); }
        return;  // Shift+Enter: the browser's own new line
      }
      ev.preventDefault();  // Enter in a cell never submits the whole form
      nav(ev.shiftKey ? -1 : 1, 0, true);
      return;
    }
    if (ev.altKey) return;  // Alt+↓ opens a list
    if (key === "ArrowDown" && (tag !== "TEXTAREA" || whole || el.value.indexOf("\n", e) < 0)) moved = nav(1, 0, false) || true;
    else if (key === "ArrowUp" && (tag !== "TEXTAREA" || whole || el.value.lastIndexOf("\n", s - 1) < 0)) moved = nav(-1, 0, false) || true;
    else if (key === "ArrowLeft" && (!textual || s === 0 && (e === 0 || whole))) moved = nav(0, -1, false);
    else if (key === "ArrowRight" && (!textual || e === len && (s === len || whole))) moved = nav(0, 1, false);
    if (moved || (!textual && /^Arrow/.test(key))) ev.preventDefault();  // a list cell's value never moves
  }

  function draftStore(key) {
    return {
      read: function () { try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; } },
      write: function (data) { try { localStorage.setItem(key, JSON.stringify(data)); } catch (e) { /* full or blocked: the page still works */ } },
      drop: function () { try { localStorage.removeItem(key); } catch (e) { /* ignore */ } }
    };
  }
  function draftTime(draft) {
    var d = new Date(draft.at || Date.now());
    return digits(("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2));
  }
  // The draft rule (docs/ui.md, "Nothing typed is lost"), on opening a page. A draft equal to
  // what the server holds is dropped (kept after a refused save: it is what was typed); so is
  // one the server confirmed saving (the ?saved=1 page after the post that sent it, which
  // raised the lock version). A draft of the same lock version is put back, with "Discard
  // them"; one of an older version (someone saved since) is offered, with "Restore them".
  // o: form, store, current (a snapshot of the page as served), refused, usable(draft),
  // same(a, b), restore(snapshot, sameVersion), and the page's own follow-ups discarded() and
  // restoredLater(). True when the draft was put back.
  function draftOpen(o) {
    var form = o.form, draft = o.store.read(), lock = form.getAttribute("data-lock-version");
    if (!draft || !o.usable(draft)) return false;
    if (o.same(draft, o.current)) { if (!o.refused) o.store.drop(); return false; }
    if (form.hasAttribute("data-just-saved") && draft.sent && Number(draft.lock) < Number(lock)) {
      o.store.drop();
      return false;
    }
    var sameVersion = String(draft.lock) === String(lock), time = draftTime(draft);
    if (sameVersion) o.restore(draft, true);
    var notice = document.getElementById("draft-notice");
    if (!notice) return sameVersion;
    notice.querySelector("[data-text]").textContent = (sameVersion
      ? msg(form, "restored") + " (" + time + ")"
      : msg(form, "draft", { time: time }) + " " + msg(form, "older")) + " ";
    var btn = notice.querySelector('[data-draft="restore"]');
    btn.hidden = sameVersion;
    btn.onclick = function () { o.restore(draft, false); notice.hidden = true; o.restoredLater(); };
    notice.querySelector('[data-draft="discard"]').onclick = function () {
      if (sameVersion) o.restore(o.current, true);
      o.store.drop(); notice.hidden = true; o.discarded();
    };
    notice.hidden = false;
    return sameVersion;
  }

  window.kormoSheet = { digits: digits, msg: msg, pastedBlock: pastedBlock, saveKey: saveKey,
                        cellKey: cellKey, draftStore: draftStore, draftOpen: draftOpen };
})();

(function () {
  "use strict";
  var K = window.kormoSheet, digits = K.digits;
  var form = document.getElementById("plan-form");
  var dataEl = document.getElementById("grid-data");
  if (!form || !dataEl) return;
  var table = document.getElementById("sheet"), body = table.tBodies[0];
  var scroller = document.getElementById("grid-scroll");
  var padTop = document.getElementById("pad-top"), padBottom = document.getElementById("pad-bottom");
  var tpl = document.getElementById(table.getAttribute("data-template")).content.firstElementChild;
  var store = K.draftStore(form.getAttribute("data-draft-key"));
  var lockInput = form.elements.lock_version;
  var OVERSCAN = 700;  // px drawn above and below the view

  function msg(name, params) { return K.msg(form, name, params); }

  /* ---------------------------------------------------------------- the rows in memory */
  var payload = JSON.parse(dataEl.textContent);
  var FIELDS = payload.fields, F = {};
  FIELDS.forEach(function (f, i) { F[f] = i; });
  // A row: o = its index in the plan as loaded (null: new), v = cells in FIELDS order,
  // d = changed since loaded, h = measured height (0: not yet), m = refused cells (from a
  // save: field → reason), lm = cells the live checks name.
  function makeRow(o, v, d) { return { o: o, v: v, d: !!d, h: 0, m: null, lm: null }; }
  var rows = payload.rows.map(function (r) { return makeRow(r.o, r.v, r.d); });
  (payload.marks || []).forEach(function (m) {
    var r = rows[m.row];
    if (r) { r.m = r.m || {}; r.m[m.field] = m.text; }
  });

  // Columns of the template row, their group (shown or hidden together) and list options.
  var columns = [], options = {}, blank = FIELDS.map(function () { return ""; });
  Array.prototype.forEach.call(tpl.querySelectorAll("input,select,textarea"), function (el) {
    var name = el.getAttribute("name");
    if (F[name] !== undefined) blank[F[name]] = el.value;
    if (el.type === "hidden") return;
    var td = el.closest("td"), group = (/\bg-(\w+)/.exec(td.className) || [])[1] || "main";
    columns.push({ name: name, group: group });
    if (el.tagName === "SELECT") {
      var map = {};
      Array.prototype.forEach.call(el.options, function (o) {
        map[o.value.toLowerCase()] = o.value; map[o.text.trim().toLowerCase()] = o.value;
      });
      options[name] = map;
    }
  });
  function newRow() { return makeRow(null, blank.slice(), true); }
  function shownColumns() {
    return columns.filter(function (c) { return c.group === "main" || !table.classList.contains("hide-" + c.group); })
      .map(function (c) { return c.name; });
  }

  /* ---------------------------------------------------------------- drawing what is in view */
  var avgH = 36, first = 0, last = 0;
  function rowH(r) { return r.h || avgH; }
  function topOf(i) { var y = 0; for (var k = 0; k < i; k++) y += rowH(rows[k]); return y; }
  function headH() { return table.tHead ? table.tHead.offsetHeight : 0; }

  function buildRow(i) {
    var r = rows[i], tr = tpl.cloneNode(true);
    tr.setAttribute("data-i", i);
    tr.querySelector(".rownum").textContent = digits(i + 1);
    if (String(r.v[F.area_number] || "").trim()) tr.classList.add("area-start");
    var els = tr.querySelectorAll("input,select,textarea");
    for (var k = 0; k < els.length; k++) {
      var el = els[k], f = el.getAttribute("name"), at = F[f];
      if (at === undefined) continue;
      el.value = r.v[at];
      var reason = r.m && r.m[f];
      if (reason || (r.lm && r.lm[f])) {
        el.classList.add("cell-error"); el.setAttribute("aria-invalid", "true");
        if (reason) el.title = reason;
      }
    }
    return tr;
  }

  // Fit the drawn text cells to their text and remember each drawn row's height: every
  // write first, then every read, so the browser lays the table out twice, not per cell.
  function measure() {
    var areas = body.querySelectorAll("textarea"), k;
    for (k = 0; k < areas.length; k++) areas[k].style.height = "auto";
    var hs = [];
    for (k = 0; k < areas.length; k++) hs.push(areas[k].offsetParent === null ? -1 : areas[k].scrollHeight);
    for (k = 0; k < areas.length; k++) if (hs[k] >= 0) areas[k].style.height = hs[k] + 2 + "px";
    var trs = body.rows, sum = 0;
    for (k = 0; k < trs.length; k++) {
      var h = trs[k].offsetHeight;
      rows[Number(trs[k].getAttribute("data-i"))].h = h; sum += h;
    }
    if (trs.length) avgH = Math.max(20, Math.round(sum / trs.length));
  }

  function render(force) {
    var view = Math.max(0, scroller.scrollTop - headH()), height = scroller.clientHeight || window.innerHeight;
    if (!force && last > first) {
      var drawnTop = topOf(first), drawnBottom = drawnTop;
      for (var k = first; k < last; k++) drawnBottom += rowH(rows[k]);
      var needBottom = Math.min(view + height, topOf(rows.length));
      if (view >= drawnTop && needBottom <= drawnBottom) return;
    }
    var focused = document.activeElement, keep = null;
    if (focused && body.contains(focused)) {
      keep = { i: Number(focused.closest("tr").getAttribute("data-i")), name: focused.getAttribute("name"),
               s: focused.selectionStart, e: focused.selectionEnd };
    }
    var y = 0, i = 0, n = rows.length, from = view - OVERSCAN, to = view + height + OVERSCAN;
    while (i < n && y + rowH(rows[i]) <= from) { y += rowH(rows[i]); i++; }
    first = i;
    var startY = y, frag = document.createDocumentFragment();
    while (i < n && (y < to || i - first < 10)) { frag.appendChild(buildRow(i)); y += rowH(rows[i]); i++; }
    last = i;
    body.replaceChildren(frag);
    measure();
    var rest = 0;
    for (var j = last; j < n; j++) rest += rowH(rows[j]);
    table.setAttribute("data-rows", n);
    padTop.style.height = startY + "px";
    padBottom.style.height = rest + "px";
    if (keep && keep.i >= first && keep.i < last) {
      var el = cellAt(keep.i, keep.name);
      if (el) {
        el.focus({ preventScroll: true });
        try { if (keep.s !== null && keep.s !== undefined) el.setSelectionRange(keep.s, keep.e); } catch (e) { /* a list cell */ }
      }
    }
  }
  var pending = false;
  function renderSoon() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; render(false); });
  }
  scroller.addEventListener("scroll", renderSoon, { passive: true });
  window.addEventListener("resize", renderSoon);

  function cellAt(i, name) {
    var tr = body.querySelector('tr[data-i="' + i + '"]');
    return tr && tr.querySelector('[name="' + name + '"]');
  }
  // Bring row i into the scroll box's view (drawing it), then its cell `name` into focus.
  function reveal(i) {
    var top = topOf(i), h = rowH(rows[i]), head = headH();
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (head + top + h > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = head + top + h - scroller.clientHeight;
    render(i < first || i >= last);
  }
  function focusCell(i, col) {
    if (i < 0 || i >= rows.length) return false;
    var names = shownColumns();
    col = Math.max(0, Math.min(col, names.length - 1));
    reveal(i);
    var el = cellAt(i, names[col]);
    if (!el) return false;
    el.focus();
    if (el.select && el.tagName !== "SELECT") el.select();
    return true;
  }
  function position(el) {
    var tr = el.closest("tr");
    return { i: Number(tr.getAttribute("data-i")), col: shownColumns().indexOf(el.getAttribute("name")) };
  }
  function isCell(el) { return el && el.closest && body.contains(el) && /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) && el.type !== "hidden"; }

  /* ---------------------------------------------------------------- typing */
  var dirty = false;
  function edited(el) {
    var tr = el.closest("tr"), i = Number(tr.getAttribute("data-i")), r = rows[i], f = el.getAttribute("name");
    if (F[f] === undefined) return;
    r.v[F[f]] = el.value; r.d = true;
    if (r.m && r.m[f]) { delete r.m[f]; el.removeAttribute("title"); }
    if (f === "area_number") tr.classList.toggle("area-start", !!el.value.trim());
    if (el.tagName === "TEXTAREA") {
      el.style.height = "auto"; el.style.height = el.scrollHeight + 2 + "px";
      r.h = tr.offsetHeight;
    }
  }
  function changed() {
    dirty = true;
    draftSoon();
    checkSoon();
  }
  form.addEventListener("input", function (ev) { if (isCell(ev.target)) edited(ev.target); changed(); });
  form.addEventListener("change", function (ev) {
    if (ev.target.hasAttribute("data-group")) return;
    if (isCell(ev.target)) edited(ev.target);
    changed();
  });

  form.addEventListener("keydown", function (ev) {
    if (K.saveKey(ev, form) || !isCell(ev.target)) return;
    var pos = position(ev.target);
    K.cellKey(ev, function (dRow, dCol, enter) {
      if (enter && dRow > 0 && pos.i === rows.length - 1) { rows.push(newRow()); changed(); }
      var col = pos.col + dCol;
      return col >= 0 && col < shownColumns().length && focusCell(pos.i + dRow, col);
    });
  });

  /* ---------------------------------------------------------------- rows: add, move, remove, undo */
  var removed = [];
  var undoBox = document.getElementById("undo-notice");
  function showUndo() {
    if (!undoBox) return;
    if (!removed.length) { undoBox.hidden = true; return; }
    undoBox.querySelector("[data-text]").textContent = msg("removed", { n: digits(removed[removed.length - 1].i + 1) });
    undoBox.hidden = false;
  }
  if (undoBox) undoBox.querySelector("[data-undo]").addEventListener("click", function () {
    var last = removed.pop();
    if (!last) return;
    rows.splice(Math.min(last.i, rows.length), 0, last.row);
    render(true); showUndo(); focusCell(last.i, 0); changed();
  });
  function rowAction(btn) {
    var i = Number(btn.closest("tr").getAttribute("data-i")), what = btn.getAttribute("data-row"), t;
    if (what === "up" && i > 0) { t = rows[i - 1]; rows[i - 1] = rows[i]; rows[i] = t; }
    else if (what === "down" && i < rows.length - 1) { t = rows[i + 1]; rows[i + 1] = rows[i]; rows[i] = t; }
    else if (what === "insert") rows.splice(i + 1, 0, newRow());
    else if (what === "delete") { removed.push({ i: i, row: rows.splice(i, 1)[0] }); showUndo(); }
    else return;
    render(true);
    if (what === "insert") focusCell(i + 1, 0);
    else if (what === "delete" && rows.length) focusCell(Math.min(i, rows.length - 1), 0);
    else { var b = body.querySelector('tr[data-i="' + (what === "up" ? Math.max(0, i - 1) : Math.min(rows.length - 1, i + 1)) + '"] button[data-row="' + what + '"]'); if (b) b.focus(); }
    changed();
  }
  form.addEventListener("click", function (ev) {
    var btn = ev.target.closest("button[data-row]");
    if (btn) { rowAction(btn); return; }
    if (ev.target.closest("button[data-add-row]")) {
      rows.push(newRow()); render(true); focusCell(rows.length - 1, 0); changed();
    }
  });

  /* ---------------------------------------------------------------- paste from Excel */
  form.addEventListener("paste", function (ev) {
    var el = ev.target;
    if (!isCell(el)) return;
    var block = K.pastedBlock(ev);
    if (!block) return;
    var pos = position(el), names = shownColumns();
    block.forEach(function (values, k) {
      var i = pos.i + k;
      if (i >= rows.length) rows.push(newRow());
      var r = rows[i];
      values.forEach(function (value, c) {
        var f = names[pos.col + c];
        if (!f) return;
        value = value.trim();
        if (options[f]) { var code = options[f][value.toLowerCase()]; if (code === undefined) return; value = code; }
        r.v[F[f]] = value;
      });
      r.d = true; r.h = 0;
    });
    render(true);
    changed();
  });

  /* ---------------------------------------------------------------- column groups */
  Array.prototype.forEach.call(form.querySelectorAll("input[data-group]"), function (box) {
    box.addEventListener("change", function () {
      table.classList.toggle("hide-" + box.getAttribute("data-group"), !box.checked);
      rows.forEach(function (r) { r.h = 0; });
      render(true);
    });
  });

  /* ---------------------------------------------------------------- what a save sends */
  function otherFields() {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "lock_version" || el.name === "table" || body.contains(el)) return;
      out[el.name] = el.type === "checkbox" ? el.checked : el.value;
    });
    return out;
  }
  function compactTable() {
    return JSON.stringify({ fields: FIELDS, rows: rows.map(function (r) {
      return r.d || r.o === null ? { o: r.o, v: r.v } : { o: r.o };
    }) });
  }
  function postData() {
    var fd = new FormData(form);
    FIELDS.forEach(function (f) { fd.delete(f); });
    fd.set("table", compactTable());
    return fd;
  }
  var submitting = false;
  form.addEventListener("submit", function () {
    var hidden = form.elements.table;
    if (!hidden) { hidden = document.createElement("input"); hidden.type = "hidden"; hidden.name = "table"; form.appendChild(hidden); }
    hidden.value = compactTable();
    Array.prototype.forEach.call(body.querySelectorAll("input,select,textarea"), function (el) { el.disabled = true; });
    writeDraft(snapshot(true));
    submitting = true;
  });
  window.addEventListener("pageshow", function (ev) {
    if (!ev.persisted) return;
    submitting = false;
    Array.prototype.forEach.call(body.querySelectorAll("[disabled]"), function (el) { el.disabled = false; });
  });
  window.addEventListener("beforeunload", function (ev) {
    if (draftTimer) { clearTimeout(draftTimer); draftTimer = 0; if (dirty) writeDraft(snapshot(false)); }
    if (dirty && !submitting) { ev.preventDefault(); ev.returnValue = msg("leave"); return ev.returnValue; }
  });

  /* ---------------------------------------------------------------- drafts */
  function snapshot(sent) {
    return { lock: lockInput.value, at: Date.now(), sent: !!sent, fields: otherFields(),
             rows: rows.map(function (r) { return [r.o, r.d ? 1 : 0, r.v]; }) };
  }
  function sameContent(a, b) {
    return JSON.stringify(a.fields) === JSON.stringify(b.fields) &&
      JSON.stringify(a.rows.map(function (r) { return r[2]; })) === JSON.stringify(b.rows.map(function (r) { return r[2]; }));
  }
  function writeDraft(data) { store.write(data); }
  var draftTimer = 0;
  function draftSoon() {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(function () { draftTimer = 0; writeDraft(snapshot(false)); }, 500);
  }
  function restore(draft, sameVersion) {
    rows = draft.rows.map(function (r) {
      // Rows of another version of the plan are sent whole: their indexes name old rows.
      return sameVersion ? makeRow(r[0], r[2].slice(), r[1]) : makeRow(null, r[2].slice(), true);
    });
    Object.keys(draft.fields).forEach(function (name) {
      var el = form.elements[name];
      if (!el || (typeof RadioNodeList !== "undefined" && el instanceof RadioNodeList)) return;
      if (el.type === "checkbox") el.checked = !!draft.fields[name]; else el.value = draft.fields[name];
    });
    render(true);
  }

  /* ---------------------------------------------------------------- live checks */
  var panel = document.getElementById("checks"), checkTimer = 0, checkSeq = 0;
  function checkFailed() {
    var p = document.createElement("p");
    p.className = "error"; p.setAttribute("role", "alert"); p.setAttribute("data-check-failed", "");
    p.textContent = panel.getAttribute("data-msg-failed");
    panel.replaceChildren(p);
  }
  function applyMarks() {
    var script = document.getElementById("cell-marks");
    var marks = script ? JSON.parse(script.textContent || "[]") : [];
    rows.forEach(function (r) { r.lm = null; });
    Array.prototype.forEach.call(form.querySelectorAll(".editor-bar .cell-error, thead .cell-error"), function (el) {
      el.classList.remove("cell-error"); el.removeAttribute("aria-invalid");
    });
    marks.forEach(function (m) {
      if (m.row < 0) {
        var el = form.elements[m.field];
        if (el && el.classList) { el.classList.add("cell-error"); el.setAttribute("aria-invalid", "true"); }
      } else if (rows[m.row]) { rows[m.row].lm = rows[m.row].lm || {}; rows[m.row].lm[m.field] = true; }
    });
    var els = body.querySelectorAll("input,select,textarea");
    for (var k = 0; k < els.length; k++) {
      var el = els[k], r = rows[Number(el.closest("tr").getAttribute("data-i"))], f = el.getAttribute("name");
      var bad = !!((r.lm && r.lm[f]) || (r.m && r.m[f]));
      el.classList.toggle("cell-error", bad);
      if (bad) el.setAttribute("aria-invalid", "true"); else el.removeAttribute("aria-invalid");
    }
  }
  function check() {
    var seq = ++checkSeq;
    fetch(form.getAttribute("data-check-url"), { method: "POST", body: postData(), credentials: "same-origin",
                                                   headers: { "X-Requested-With": "fetch" } })
      .then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        return res.text();
      })
      .then(function (html) {
        if (seq !== checkSeq) return;  // a later check is on its way
        panel.innerHTML = html;
        applyMarks();
      })
      .catch(function () { if (seq === checkSeq) checkFailed(); });
  }
  function checkSoon() { clearTimeout(checkTimer); checkTimer = setTimeout(check, 600); }

  /* ---------------------------------------------------------------- opening */
  render(true);
  var refused = !!document.getElementById("save-error");
  if (K.draftOpen({
    form: form, store: store, current: snapshot(false), refused: refused,
    usable: function (draft) { return !!draft.rows; }, same: sameContent, restore: restore,
    discarded: function () { dirty = false; checkSoon(); }, restoredLater: changed
  })) dirty = true;
  // A refused save (409/400) comes back with the typed values: they are unsaved, keep them.
  if (refused) { dirty = true; writeDraft(snapshot(false)); }
  // A refused save: bring its first refused cell into view.
  if (payload.marks && payload.marks.length && payload.marks[0].row >= 0) {
    var m0 = payload.marks[0], col = shownColumns().indexOf(m0.field);
    if (col >= 0) focusCell(m0.row, col);
  }
  check();
  // For tests and bench/editor_browser.py: scroll row i into view, as a person would.
  window.kormoGrid = { show: function (i) { reveal(i); }, count: function () { return rows.length; } };
  document.body.setAttribute("data-grid-ready", "");
})();
