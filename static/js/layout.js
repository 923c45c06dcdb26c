// The page shell's small enhancements. A table wider than its card scrolls inside
// its own box, never the page: that box becomes a labelled region a keyboard can
// focus and scroll (a box that fits stays out of the tab order). A side menu taller
// than the window opens scrolled to the current page's link.
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

  // A side column longer than the window scrolls so the current page's link shows.
  function revealCurrentMenuLink() {
    var menu = document.getElementById('main-menu');
    var link = menu && menu.querySelector('[aria-current="page"]');
    if (!link || menu.scrollHeight <= menu.clientHeight) return;
    var box = menu.getBoundingClientRect();
    var at = link.getBoundingClientRect();
    if (at.top >= box.top && at.bottom <= box.bottom) return;
    menu.scrollTop += at.top - box.top - (box.height - at.height) / 2;
  }

  function ready() {
    markScrollingTables();
    revealCurrentMenuLink();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', ready);
  } else {
    ready();
  }
  window.addEventListener('resize', later);
  document.addEventListener('htmx:afterSettle', later);
})();
