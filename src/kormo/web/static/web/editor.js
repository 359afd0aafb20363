/* The small spreadsheets of a plan's other parts (the sections page), dependency-free.
 *
 * The plan's own table has its own script for any size (grid.js, loaded before this file);
 * this one serves the smaller tables of the other parts with the keys, the Excel paste and
 * the draft rule grid.js shares (window.kormoSheet), so both pages behave alike. It works on
 * the <form data-draft-key> holding <table class="sheet"> grids whose rows share their
 * inputs' names (the server reads each column with QueryDict.getlist):
 *  - arrow keys and Enter move between cells (Enter past the last row adds one), Tab as
 *    usual, Alt+Enter or Shift+Enter starts a new line in a text cell, Ctrl+S saves;
 *  - rows are added, moved up/down and removed with the row's buttons;
 *  - a block pasted from Excel (tab-separated, quoted cells allowed) fills cells from the
 *    focused one, adding rows as needed;
 *  - nothing typed is lost: the form is kept in localStorage per page and lock version, put
 *    back or offered with its time on opening, and dropped only once the server confirmed
 *    saving it; leaving with unsaved changes asks first;
 *  - row numbers are written in the page's digits (Bengali on a Bengali page).
 * Without JavaScript the page is still a plain form that saves.
 */
(function () {
  "use strict";
  var K = window.kormoSheet;
  var form = document.querySelector("form[data-draft-key]");
  if (!form || !K || document.getElementById("grid-data")) return;
  var store = K.draftStore(form.getAttribute("data-draft-key"));
  var lock = form.getAttribute("data-lock-version");
  var submitting = false;

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
      if (n) n.textContent = K.digits(i + 1);
      var area = tr.querySelector('[name$="area_number"]');
      tr.classList.toggle("area-start", !!(area && area.value.trim()));
    });
  }
  function addRow(table, after) {
    var tr = document.getElementById(table.getAttribute("data-template")).content.firstElementChild.cloneNode(true);
    if (after) bodyOf(table).insertBefore(tr, after.nextSibling);
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
  form.addEventListener("keydown", function (ev) {
    if (K.saveKey(ev, form) || !isCell(ev.target)) return;
    var tr = ev.target.closest("tr"), col = cellsOf(tr).indexOf(ev.target);
    K.cellKey(ev, function (dRow, dCol, enter) {
      if (dCol) return col + dCol >= 0 && col + dCol < cellsOf(tr).length && focusCell(tr, col + dCol);
      if (focusCell(dRow < 0 ? tr.previousElementSibling : tr.nextElementSibling, col)) return true;
      if (!enter || dRow < 0) return false;
      var table = tr.closest("table"), added = addRow(table, tr);
      renumber(table);
      changed();
      return focusCell(added, col);
    });
  });

  /* ---------------------------------------------------------------- paste from Excel */
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
    var block = K.pastedBlock(ev);
    if (!block) return;
    var table = el.closest("table"), tr = el.closest("tr"), col = cellsOf(tr).indexOf(el);
    block.forEach(function (values, r) {
      if (r > 0) tr = tr.nextElementSibling || addRow(table, tr);
      var cells = cellsOf(tr);
      values.forEach(function (v, c) { if (cells[col + c]) setValue(cells[col + c], v); });
    });
    renumber(table);
    changed();
  });

  /* ---------------------------------------------------------------- drafts */
  function snapshot() {
    var data = { lock: lock, at: Date.now(), fields: {}, sheets: {} };
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
    fitAll();
  }
  function same(a, b) { return JSON.stringify(a.fields) === JSON.stringify(b.fields) && JSON.stringify(a.sheets) === JSON.stringify(b.sheets); }

  var saved = snapshot();  // what the server holds (or what it was sent, after a refused save)
  var dirty = false;
  function changed() {
    var now = snapshot();
    dirty = !same(now, saved);
    if (dirty) store.write(now); else store.drop();
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
    if (dirty) { var sent = snapshot(); sent.sent = true; store.write(sent); }
  });
  window.addEventListener("beforeunload", function (ev) {
    if (dirty && !submitting) { ev.preventDefault(); ev.returnValue = K.msg(form, "leave"); return ev.returnValue; }
  });

  /* ---------------------------------------------------------------- column groups */
  Array.prototype.forEach.call(form.querySelectorAll("input[data-group]"), function (box) {
    box.addEventListener("change", function (ev) {
      ev.stopPropagation();
      sheets().forEach(function (t) { t.classList.toggle("hide-" + box.getAttribute("data-group"), !box.checked); });
      fitAll();
    });
  });

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

  /* ---------------------------------------------------------------- opening */
  sheets().forEach(renumber);
  fitAll();
  var refused = !!document.getElementById("save-error");
  if (K.draftOpen({
    form: form, store: store, current: saved, refused: refused,
    usable: function (draft) { return !!draft.sheets; }, same: same, restore: restore,
    discarded: function () { dirty = false; }, restoredLater: changed
  })) dirty = true;
  // A refused save (409/400) comes back with the typed values: they are unsaved, keep them.
  if (refused) { dirty = true; store.write(snapshot()); }
})();
