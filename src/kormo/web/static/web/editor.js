/* Kormo's spreadsheet editor: small, dependency-free, progressive.
 *
 * The plan's own table has its own script for any size (grid.js); this one serves the
 * smaller tables of the other parts. Works on any <form data-draft-key> holding <table class="sheet"> grids whose rows share
 * their inputs' names (the server reads each column with QueryDict.getlist):
 *  - arrow keys and Enter move between cells, Tab as usual;
 *  - rows are added, moved up/down and removed with the row's buttons;
 *  - a block pasted from Excel (tab-separated, quoted cells allowed) fills cells from the
 *    focused one, adding rows as needed;
 *  - nothing typed is lost: the form is kept in localStorage per page and lock version and
 *    restored on reload with a notice; leaving with unsaved changes asks first;
 *  - every change fires "kormo:changed" so htmx re-runs the live checks, whose answer marks
 *    the cells it names (#cell-marks); a refused or failed check says so in the panel;
 *  - row numbers are written in the page's digits (Bengali on a Bengali page).
 * Without JavaScript the page is still a plain form that saves.
 */
(function () {
  "use strict";
  var form = document.querySelector("form[data-draft-key]");
  if (!form) return;
  var storeKey = form.getAttribute("data-draft-key");
  var lock = form.getAttribute("data-lock-version");
  var submitting = false;
  var bengali = (document.documentElement.lang || "").slice(0, 2) === "bn";
  function pageDigits(n) {
    var s = String(n);
    return bengali ? s.replace(/[0-9]/g, function (d) { return String.fromCharCode(0x09E6 + Number(d)); }) : s;
  }

  function sheets() { return Array.prototype.slice.call(form.querySelectorAll("table.sheet")); }
  function bodyOf(table) { return table.tBodies[0]; }
  function rowsOf(table) { return Array.prototype.slice.call(bodyOf(table).rows); }
  function isCell(el) { return el && el.closest && el.closest("table.sheet tbody") && /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) && el.type !== "hidden"; }
  function cellsOf(tr) {
    return Array.prototype.slice.call(tr.querySelectorAll("input,select,textarea")).filter(function (el) {
      return el.type !== "hidden" && el.offsetParent !== null;
    });
  }

  /* ---------------------------------------------------------------- rows */
  function renumber(table) {
    rowsOf(table).forEach(function (tr, i) {
      var n = tr.querySelector(".rownum");
      if (n) n.textContent = pageDigits(i + 1);
      var area = tr.querySelector('[name$="area_number"]');
      tr.classList.toggle("area-start", !!(area && area.value.trim()));
    });
  }
  function newRow(table) {
    var tpl = document.getElementById(table.getAttribute("data-template"));
    return tpl.content.firstElementChild.cloneNode(true);
  }
  function addRow(table, after) {
    var tr = newRow(table);
    if (after && after.nextSibling) bodyOf(table).insertBefore(tr, after.nextSibling);
    else if (after) bodyOf(table).appendChild(tr);
    else bodyOf(table).appendChild(tr);
    return tr;
  }
  function rowAction(btn) {
    var tr = btn.closest("tr"), table = btn.closest("table"), what = btn.getAttribute("data-row");
    if (what === "up" && tr.previousElementSibling) tr.parentNode.insertBefore(tr, tr.previousElementSibling);
    else if (what === "down" && tr.nextElementSibling) tr.parentNode.insertBefore(tr.nextElementSibling, tr);
    else if (what === "insert") { var added = addRow(table, tr); focusCell(added, 0); }
    else if (what === "delete") {
      var next = tr.nextElementSibling || tr.previousElementSibling;
      tr.parentNode.removeChild(tr);
      if (next) focusCell(next, 0);
    }
    renumber(table);
    changed();
  }

  /* ---------------------------------------------------------------- keyboard */
  function focusCell(tr, index) {
    if (!tr) return false;
    var cells = cellsOf(tr);
    var el = cells[Math.max(0, Math.min(index, cells.length - 1))];
    if (!el) return false;
    el.focus();
    if (el.select && el.tagName !== "SELECT") el.select();
    return true;
  }
  function position(el) {
    var tr = el.closest("tr");
    return { tr: tr, col: cellsOf(tr).indexOf(el) };
  }
  form.addEventListener("keydown", function (ev) {
    var el = ev.target;
    if (!isCell(el) || ev.metaKey || ev.ctrlKey) return;
    var pos = position(el), tag = el.tagName, key = ev.key;
    var textual = tag === "INPUT" || tag === "TEXTAREA";
    var len = textual ? el.value.length : 0, s = textual ? el.selectionStart : 0, e = textual ? el.selectionEnd : 0;
    var whole = textual && s === 0 && e === len;
    var moved = false;
    if (key === "Enter") {
      // Alt+Enter or Shift+Enter starts a new line in a text cell (as Excel's Alt+Enter).
      if (tag === "TEXTAREA" && (ev.altKey || ev.shiftKey)) {
        if (ev.altKey) {
          ev.preventDefault();
          el.value = el.value.slice(0, s) + "\n" + el.value.slice(e);
          el.setSelectionRange(s + 1, s + 1);
          el.dispatchEvent(new Event("input", { bubbles: true }));
        }
        return;
      }
      moved = focusCell(ev.shiftKey ? pos.tr.previousElementSibling : pos.tr.nextElementSibling, pos.col);
      if (!moved && !ev.shiftKey) { var tr = addRow(pos.tr.closest("table"), pos.tr); renumber(pos.tr.closest("table")); moved = focusCell(tr, pos.col); changed(); }
      ev.preventDefault();  // Enter in a cell never submits the whole form
      return;
    }
    if (ev.altKey) return;  // Alt+↓ opens a list
    // ↑/↓ move in every kind of cell (never changing a list's value); a cell of several
    // lines moves its caret to its first/last line first.
    if (key === "ArrowDown" && (tag !== "TEXTAREA" || whole || el.value.indexOf("\n", e) < 0)) moved = focusCell(pos.tr.nextElementSibling, pos.col) || true;
    else if (key === "ArrowUp" && (tag !== "TEXTAREA" || whole || el.value.lastIndexOf("\n", s - 1) < 0)) moved = focusCell(pos.tr.previousElementSibling, pos.col) || true;
    else if (key === "ArrowLeft" && (!textual || s === 0 && (e === 0 || whole))) moved = focusCell(pos.tr, pos.col - 1) && pos.col > 0;
    else if (key === "ArrowRight" && (!textual || e === len && (s === len || whole))) moved = pos.col < cellsOf(pos.tr).length - 1 && focusCell(pos.tr, pos.col + 1);
    if (moved || (!textual && /^Arrow/.test(key))) ev.preventDefault();
  });

  /* ---------------------------------------------------------------- paste from Excel */
  function parseTsv(text) {
    // Excel quotes a cell that holds a tab, a newline or a quote ("" inside is one quote).
    var rows = [], row = [], cell = "", i = 0, quoted = false;
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
      if (c === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; i++; continue; }
      cell += c; i++;
    }
    row.push(cell); rows.push(row);
    return rows;
  }
  function setValue(el, value) {
    value = value.trim();
    if (el.tagName === "SELECT") {
      var opts = Array.prototype.slice.call(el.options), lower = value.toLowerCase();
      var hit = opts.filter(function (o) { return o.value.toLowerCase() === lower || o.text.trim().toLowerCase() === lower; })[0];
      if (hit) el.value = hit.value;
      return;
    }
    el.value = value;
  }
  form.addEventListener("paste", function (ev) {
    var el = ev.target;
    if (!isCell(el)) return;
    var text = (ev.clipboardData || window.clipboardData).getData("text");
    if (!/[\t\n]/.test(text.replace(/\r?\n$/, ""))) return;  // one cell: the browser pastes it
    ev.preventDefault();
    var block = parseTsv(text), pos = position(el), table = el.closest("table"), tr = pos.tr;
    block.forEach(function (values, r) {
      if (r > 0) tr = tr.nextElementSibling || addRow(table, tr);
      var cells = cellsOf(tr);
      values.forEach(function (v, c) { if (cells[pos.col + c]) setValue(cells[pos.col + c], v); });
    });
    renumber(table);
    changed();
  });

  /* ---------------------------------------------------------------- drafts */
  function snapshot() {
    var data = { lock: lock, fields: {}, sheets: {} };
    sheets().forEach(function (table) {
      data.sheets[table.id] = rowsOf(table).map(function (tr) {
        return Array.prototype.map.call(tr.querySelectorAll("input,select,textarea"), function (el) { return el.value; });
      });
    });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "lock_version" || el.closest("table.sheet tbody")) return;
      data.fields[el.name] = el.type === "checkbox" ? el.checked : el.value;
    });
    return data;
  }
  function restore(data) {
    sheets().forEach(function (table) {
      var rows = data.sheets[table.id];
      if (!rows) return;
      var body = bodyOf(table);
      while (body.rows.length > rows.length) body.deleteRow(-1);
      while (body.rows.length < rows.length) addRow(table, null);
      rowsOf(table).forEach(function (tr, r) {
        Array.prototype.forEach.call(tr.querySelectorAll("input,select,textarea"), function (el, c) {
          if (rows[r][c] !== undefined) el.value = rows[r][c];
        });
      });
      renumber(table);
    });
    Object.keys(data.fields).forEach(function (name) {
      var el = form.elements[name];
      if (!el || (typeof RadioNodeList !== "undefined" && el instanceof RadioNodeList)) return;
      if (el.type === "checkbox") el.checked = !!data.fields[name]; else el.value = data.fields[name];
    });
  }
  function same(a, b) { return JSON.stringify(a.fields) === JSON.stringify(b.fields) && JSON.stringify(a.sheets) === JSON.stringify(b.sheets); }
  function readDraft() { try { return JSON.parse(localStorage.getItem(storeKey) || "null"); } catch (e) { return null; } }
  function writeDraft(data) { try { localStorage.setItem(storeKey, JSON.stringify(data)); } catch (e) { /* full or blocked: the page still works */ } }
  function dropDraft() { try { localStorage.removeItem(storeKey); } catch (e) { /* ignore */ } }

  var saved = snapshot();  // what the server holds (or what it was sent, after a refused save)
  var dirty = false;
  function changed() {
    var now = snapshot();
    dirty = !same(now, saved);
    if (dirty) writeDraft(now); else dropDraft();
    document.body.dispatchEvent(new CustomEvent("kormo:changed"));
  }
  form.addEventListener("input", function (ev) {
    if (ev.target.name === "area_number") renumber(ev.target.closest("table"));
    changed();
  });
  form.addEventListener("change", changed);
  form.addEventListener("click", function (ev) {
    var btn = ev.target.closest("button[data-row]");
    if (btn) { rowAction(btn); return; }
    var add = ev.target.closest("button[data-add-row]");
    if (add) {
      var table = document.getElementById(add.getAttribute("data-add-row"));
      var tr = addRow(table, null); renumber(table); focusCell(tr, 0); changed();
    }
  });
  form.addEventListener("submit", function () {
    submitting = true;
    if (dirty) { var sent = snapshot(); sent.sent = true; writeDraft(sent); }
  });
  window.addEventListener("beforeunload", function (ev) {
    if (dirty && !submitting) { ev.preventDefault(); ev.returnValue = form.getAttribute("data-msg-leave") || ""; return ev.returnValue; }
  });

  var notice = document.getElementById("draft-notice");
  function showNotice(text, canRestore, draft) {
    if (!notice) return;
    notice.querySelector("[data-text]").textContent = text + " ";
    var btn = notice.querySelector('[data-draft="restore"]');
    btn.hidden = !canRestore;
    btn.onclick = function () { restore(draft); notice.hidden = true; changed(); };
    notice.querySelector('[data-draft="discard"]').onclick = function () {
      if (!canRestore) { restore(saved); }
      dropDraft(); dirty = false; notice.hidden = true;
      document.body.dispatchEvent(new CustomEvent("kormo:changed"));
    };
    notice.hidden = false;
  }
  // A draft is dropped only once the server confirmed saving it: the ?saved=1 page after the
  // post that sent it (the save raised the lock version). Anything typed after that survives
  // reloads of ?saved=1, and so does a post refused for an ended session.
  var draft = readDraft();
  if (draft && (same(draft, saved) || (form.hasAttribute("data-just-saved") && draft.sent &&
                                       Number(draft.lock) < Number(lock)))) {
    dropDraft();
  } else {
    if (draft) {
      if (String(draft.lock) === String(lock)) {
        restore(draft); dirty = true;
        showNotice(form.getAttribute("data-msg-restored"), false, draft);
      } else {
        showNotice(form.getAttribute("data-msg-older"), true, draft);
      }
    }
  }
  // A refused save (409/400) comes back with the typed values: they are unsaved, keep them.
  if (document.getElementById("save-error")) { dirty = true; writeDraft(snapshot()); }

  /* ---------------------------------------------------------------- column groups */
  Array.prototype.forEach.call(form.querySelectorAll("input[data-group]"), function (box) {
    box.addEventListener("change", function (ev) {
      ev.stopPropagation();
      sheets().forEach(function (t) { t.classList.toggle("hide-" + box.getAttribute("data-group"), !box.checked); });
      fitAll();
    });
  });

  /* ---------------------------------------------------------------- live checks mark cells */
  document.body.addEventListener("htmx:afterSwap", function () {
    var script = document.getElementById("cell-marks");
    if (!script) return;
    var marks = JSON.parse(script.textContent || "[]");
    Array.prototype.forEach.call(form.querySelectorAll(".cell-error"), function (el) { el.classList.remove("cell-error"); el.removeAttribute("aria-invalid"); });
    var table = sheets()[0];
    marks.forEach(function (m) {
      var el = null;
      if (m.row < 0) el = form.elements[m.field];
      else if (table && rowsOf(table)[m.row]) el = rowsOf(table)[m.row].querySelector('[name="' + m.field + '"]');
      if (el && el.classList) { el.classList.add("cell-error"); el.setAttribute("aria-invalid", "true"); }
    });
  });

  // A check the server refused (a post above its limits: 400) or that never arrived: htmx
  // swaps nothing then, so the panel would keep the last answer as if it were current.
  function checkFailed(ev) {
    var panel = ev.detail && ev.detail.target;
    if (!panel || !panel.hasAttribute("data-msg-failed")) return;
    var p = document.createElement("p");
    p.className = "error";
    p.setAttribute("role", "alert");
    p.setAttribute("data-check-failed", "");
    p.textContent = panel.getAttribute("data-msg-failed");
    panel.replaceChildren(p);
  }
  document.body.addEventListener("htmx:responseError", checkFailed);
  document.body.addEventListener("htmx:sendError", checkFailed);

  /* ---------------------------------------------------------------- tall cells */
  // A textarea cell grows with its text, so long Bengali names are read whole.
  function fit(el) {
    if (el.offsetParent === null) return;  // a hidden column: fitted when it is shown
    el.style.height = "auto"; el.style.height = el.scrollHeight + 2 + "px";
  }
  // Every textarea at once: all writes, then all reads, then all writes, so the browser lays
  // the page out twice, not once per cell (that was quadratic in the rows).
  function fitAll() {
    var areas = Array.prototype.slice.call(form.querySelectorAll("table.sheet textarea"));
    areas.forEach(function (el) { el.style.height = "auto"; });
    var heights = areas.map(function (el) { return el.offsetParent === null ? -1 : el.scrollHeight; });
    areas.forEach(function (el, i) { if (heights[i] >= 0) el.style.height = heights[i] + 2 + "px"; });
  }
  form.addEventListener("input", function (ev) { if (ev.target.tagName === "TEXTAREA") fit(ev.target); });
  fitAll();

  sheets().forEach(renumber);
})();
