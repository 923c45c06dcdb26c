// The timetable grid: a lesson refused for a clash comes back (422) with its message
// in the panel, so let htmx show it; "Print" opens the browser's print dialog.
(function () {
  document.body.addEventListener('htmx:beforeSwap', function (e) {
    var status = e.detail.xhr.status;
    if (status === 422 && document.getElementById('tt-main')) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });
  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('[data-tt-print]');
    if (!link) return;
    e.preventDefault();
    window.print();
  });
})();
