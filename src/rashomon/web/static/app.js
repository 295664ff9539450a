/* Rashomon web app: the only script the pages run (the Content-Security-Policy forbids others).
 *
 * Event page: pick a claim (in the matrix, the summary, a quote, or by clicking a highlighted
 * sentence) and every source's sentence for it is highlighted and scrolled into view; the
 * claim bar names the picked claim and links back to its matrix row. Report text is only ever
 * read and written through textContent and classes, never as HTML.
 */
(function () {
  "use strict";

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function rowOf(cid) {
    var found = null;
    each(document.querySelectorAll("table.matrix tr[data-claim]"), function (r) {
      if (!found && r.getAttribute("data-claim") === cid) { found = r; }
    });
    return found;
  }

  /* scroll a pane (its own scroll box) so that el sits in its upper third */
  function scrollPaneTo(pane, el) {
    if (!pane || !el) { return; }
    var head = pane.querySelector(".pane-head");
    var offset = el.getBoundingClientRect().top - pane.getBoundingClientRect().top;
    pane.scrollTop += offset - (head ? head.offsetHeight : 0) - pane.clientHeight / 4;
  }

  function visibleIn(pane, els) {
    for (var i = 0; i < els.length; i++) {
      var closed = els[i].closest("details:not([open])");
      if (!closed || !pane.contains(closed)) { return els[i]; }
    }
    return null;
  }

  function clearSelection() {
    each(document.querySelectorAll(".sel"), function (el) { el.classList.remove("sel"); });
    each(document.querySelectorAll("tr.sel-row"), function (el) { el.classList.remove("sel-row"); });
    var bar = document.getElementById("claimbar");
    if (bar) { bar.hidden = true; }
    document.body.removeAttribute("data-claim");
  }

  /* opts.from: the pane the click came from (left where it is); opts.page: bring the texts into view */
  function selectClaim(cid, opts) {
    opts = opts || {};
    var row = rowOf(cid);
    if (!row) { return; }
    clearSelection();
    row.classList.add("sel-row");
    document.body.setAttribute("data-claim", cid);
    var anchors = {};
    (row.getAttribute("data-anchors") || "").split(" ").forEach(function (a) { if (a) { anchors[a] = true; } });
    each(document.querySelectorAll(".srctext [data-m]"), function (el) {
      var marks = el.getAttribute("data-m").split(" ");
      for (var i = 0; i < marks.length; i++) {
        if (anchors[marks[i]]) { el.classList.add("sel"); return; }
      }
    });
    each(document.querySelectorAll(".srctext .mref"), function (el) {
      if (el.getAttribute("data-c") === cid) { el.classList.add("sel"); }
    });
    var firstPane = null, n = 0;
    each(document.querySelectorAll(".strip .pane"), function (pane) {
      var hit = visibleIn(pane, pane.querySelectorAll(".hl.sel"));
      if (!hit) { return; }
      n += 1;
      firstPane = firstPane || pane;
      if (pane !== opts.from) { scrollPaneTo(pane, hit); }
    });
    fillBar(row, cid, n);
    if (opts.page) {
      var strip = document.querySelector(".strip");
      if (strip && firstPane) { strip.scrollLeft = firstPane.offsetLeft - strip.offsetLeft; }
      var texts = document.getElementById("texts");
      if (texts) { texts.scrollIntoView({ block: "start" }); }
    }
  }

  function fillBar(row, cid, n) {
    var bar = document.getElementById("claimbar");
    if (!bar) { return; }
    var cov = row.getAttribute("data-coverage") || "";
    var badge = bar.querySelector(".cb-badge");
    badge.className = "badge cb-badge cov-" + cov;
    badge.textContent = cov;
    bar.querySelector(".cb-id").textContent = cid;
    var text = row.querySelector(".claim-text");
    bar.querySelector(".cb-text").textContent = text ? text.textContent : "";
    var panes = document.querySelectorAll(".strip .pane").length;
    bar.querySelector(".cb-count").textContent = "highlighted in " + n + " of " + panes + " source" + (panes === 1 ? "" : "s");
    bar.querySelector(".cb-row").setAttribute("href", "#" + row.id);
    bar.hidden = false;
  }

  function claimOfHighlight(el) {
    if (el.classList.contains("mref")) { return el.getAttribute("data-c"); }
    var href = el.getAttribute("href") || "";
    var row = href.charAt(0) === "#" ? document.getElementById(href.slice(1)) : null;
    return row ? row.getAttribute("data-claim") : null;
  }

  function openDetailsAround(el) {
    for (var d = el && el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      d.open = true;
    }
  }

  function onClick(ev) {
    var t = ev.target.closest ? ev.target.closest("a, button") : null;
    if (!t) { return; }
    if (t.classList.contains("cb-clear")) { clearSelection(); return; }
    var pane = t.closest(".pane");
    if (pane && (t.classList.contains("hl") || t.classList.contains("mref"))) {
      var cid = claimOfHighlight(t);
      if (cid) { ev.preventDefault(); selectClaim(cid, { from: pane }); }
      return;
    }
    var picked = t.getAttribute("data-claim");
    if (picked && t.closest("#summary, #claims, #quotes")) {
      ev.preventDefault();
      selectClaim(picked, { page: true });
      var href = t.getAttribute("href") || "";
      if (t.closest("td.cell") && href.charAt(0) === "#") {   // a mark: that source's own sentence
        var anchor = document.getElementById(href.slice(1));
        scrollPaneTo(anchor && anchor.closest(".pane"), anchor);
      }
    }
  }

  function flashTarget() {
    each(document.querySelectorAll(".flash"), function (el) { el.classList.remove("flash"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) { return; }
    var target = document.getElementById(id);
    openDetailsAround(target);
    if (target && target.tagName === "TR") {
      target.classList.remove("hidden");
      return;
    }
    each(document.querySelectorAll("[data-m]"), function (el) {
      if ((" " + el.getAttribute("data-m") + " ").indexOf(" " + id + " ") >= 0) { el.classList.add("flash"); }
    });
    if (target) { target.scrollIntoView({ block: "center" }); }
  }

  function setUpFilters() {
    var buttons = document.querySelectorAll(".filters button");
    var rows = document.querySelectorAll("table.matrix tbody tr");
    each(buttons, function (btn) {
      btn.addEventListener("click", function () {
        var f = btn.getAttribute("data-filter");
        each(buttons, function (b) { b.setAttribute("aria-pressed", b === btn ? "true" : "false"); });
        each(rows, function (r) { r.classList.toggle("hidden", f !== "all" && r.getAttribute("data-coverage") !== f); });
      });
    });
  }

  function setUpAnalyzeForm() {
    var form = document.querySelector("form.analyze-form");
    if (!form) { return; }
    form.addEventListener("submit", function () {
      var busy = form.querySelector(".busy");
      if (busy) { busy.hidden = false; }
      var button = form.querySelector("button[type=submit]");
      if (button) { setTimeout(function () { button.disabled = true; }, 0); }
    });
  }

  function start() {
    setUpFilters();
    setUpAnalyzeForm();
    document.addEventListener("click", onClick);
    window.addEventListener("hashchange", flashTarget);
    flashTarget();
    document.documentElement.setAttribute("data-ready", "1");
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
