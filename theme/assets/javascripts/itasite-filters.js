/* Filters of the measures list (/<year>/measures/): status, indicator, responsible unit; and keyboard-scrollable
 * wide tables.
 *
 * The page is complete without this script: the form starts hidden and the table lists every measure. With the
 * script the form appears; each table row carries data-status / data-indicators / data-owners on a
 * span.itasite-row that the generator writes (generator/templates/measures.md.j2). Native <select>s keep the
 * filter usable by keyboard, and the count is announced through a role="status" element.
 */
(function () {
  "use strict";

  function matches(marker, filters) {
    return filters.every(function (filter) {
      if (!filter.value) return true;
      var values = (marker.getAttribute("data-" + filter.key) || "").split(" ");
      return values.indexOf(filter.value) !== -1;
    });
  }

  function setUp(form) {
    var rows = [];
    document.querySelectorAll(".itasite-row").forEach(function (marker) {
      var row = marker.closest("tr");
      if (row) rows.push({ row: row, marker: marker });
    });
    if (!rows.length) return;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var count = form.querySelector(".itasite-filters__count");
    var thai = form.getAttribute("data-digits") === "thai";

    function digits(n) {
      var text = String(n);
      return thai ? text.replace(/[0-9]/g, function (d) { return "๐๑๒๓๔๕๖๗๘๙"[+d]; }) : text;
    }

    function apply() {
      var filters = selects.map(function (select) {
        return { key: select.getAttribute("data-filter"), value: select.value };
      });
      var shown = 0;
      rows.forEach(function (entry) {
        var visible = matches(entry.marker, filters);
        entry.row.hidden = !visible;
        if (visible) shown += 1;
      });
      if (count) count.textContent = "แสดง " + digits(shown) + " จาก " + digits(rows.length) + " มาตรการ";
    }

    selects.forEach(function (select) {
      select.addEventListener("change", apply);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.hidden = false;
    apply();
  }

  /* A table wider than the screen (the measures list on a phone) scrolls inside Material's wrapper: give that
   * wrapper a name and a tab stop so it can be scrolled with the arrow keys, and only while it overflows. */
  function markScrollableTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "ตาราง เลื่อนซ้ายขวาเพื่ออ่านทุกคอลัมน์");
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  function init() {
    document.querySelectorAll("form[data-itasite-filters]").forEach(setUp);
  }

  window.addEventListener("load", markScrollableTables);
  window.addEventListener("resize", markScrollableTables);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
