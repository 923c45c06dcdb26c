// The page shell's small enhancements. A table wider than its card scrolls inside
// its own box, never the page: that box becomes a labelled region a keyboard can
// focus and scroll (a box that fits stays out of the tab order).
(function () {
  'use strict';

  function labelFor(box) {
    var table = box.querySelector('table');
    var caption = table && table.querySelector('caption');
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    if (table && table.getAttribute('aria-label')) return table.getAttribute('aria-label');
    var section = box.closest('section, .card');
    var heading = section && section.querySelector('h2, h3');
    if (heading && heading.textContent.trim()) return heading.textContent.trim();
    var title = document.querySelector('main h1');
    return title ? title.textContent.trim() : 'Table';
  }

  function markScrollingTables(root) {
    var boxes = (root || document).querySelectorAll('.table-scroll');
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute('tabindex', '0');
        box.setAttribute('role', 'region');
        if (!box.hasAttribute('aria-label')) box.setAttribute('aria-label', labelFor(box) + ' (scrolls sideways)');
      } else if (box.getAttribute('role') === 'region') {
        box.removeAttribute('tabindex');
        box.removeAttribute('role');
        box.removeAttribute('aria-label');
      }
    }
  }

  var pending = null;
  function later() {
    if (pending) return;
    pending = window.requestAnimationFrame(function () {
      pending = null;
      markScrollingTables();
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { markScrollingTables(); });
  } else {
    markScrollingTables();
  }
  window.addEventListener('resize', later);
  document.addEventListener('htmx:afterSettle', later);
})();
