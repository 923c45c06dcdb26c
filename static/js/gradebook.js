// The gradebook as a spreadsheet. Each cell saves on its own when it changes (htmx
// swaps in the stored value, its letter and the student's average, or the cell's
// message); Enter and the arrow keys move between cells; a column copied from a
// spreadsheet pastes down from the cell it lands in. Without this script each
// column is a plain form saved by its button. Words come from data-t-* on the table.
(function () {
  'use strict';
  var table = document.getElementById('gradebook');
  if (!table || !window.htmx) return;
  table.classList.add('js');

  var url = table.getAttribute('data-cells-url');
  var term = table.getAttribute('data-term') || '';
  var csrf = table.getAttribute('data-csrf');
  // The cell the teacher is in, to give focus back when a save replaces it.
  var current = null;

  function cellAt(row, col) {
    var tr = table.tBodies[0] && table.tBodies[0].rows[row];
    var td = tr && tr.cells[col];
    return td ? td.querySelector('.cell-input') : null;
  }
  function place(input) {
    var td = input.closest('td');
    return { row: td.parentNode.sectionRowIndex, col: td.cellIndex };
  }
  function go(input, dRow, dCol) {
    var at = place(input);
    var next = cellAt(at.row + dRow, at.col + dCol);
    if (next) { next.focus(); next.select(); }
    return next;
  }

  function save(input) {
    var td = input.closest('td');
    td.classList.add('saving');
    td.setAttribute('aria-busy', 'true');
    htmx.ajax('POST', url, {
      source: input,
      target: td,
      swap: 'innerHTML',
      values: {
        csrf_token: csrf,
        assessment: input.getAttribute('data-assessment'),
        student: input.getAttribute('data-student'),
        value: input.value,
        term: term
      }
    });
  }

  table.addEventListener('change', function (e) {
    if (e.target.classList && e.target.classList.contains('cell-input')) save(e.target);
  });

  table.addEventListener('focusin', function (e) {
    if (e.target.classList && e.target.classList.contains('cell-input')) {
      current = e.target.id;
      e.target.select();
    }
  });

  table.addEventListener('keydown', function (e) {
    var input = e.target;
    if (!input.classList || !input.classList.contains('cell-input')) return;
    var atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    var atEnd = input.selectionStart === input.value.length;
    var allSelected = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    if (e.key === 'Enter') {
      e.preventDefault();
      go(input, e.shiftKey ? -1 : 1, 0);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      go(input, 1, 0);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      go(input, -1, 0);
    } else if (e.key === 'ArrowLeft' && (atStart || allSelected)) {
      e.preventDefault();
      go(input, 0, -1);
    } else if (e.key === 'ArrowRight' && (atEnd || allSelected)) {
      e.preventDefault();
      go(input, 0, 1);
    }
  });

  // A column copied from a spreadsheet: one value a line (the first of each row).
  table.addEventListener('paste', function (e) {
    var input = e.target;
    if (!input.classList || !input.classList.contains('cell-input')) return;
    var text = (e.clipboardData || window.clipboardData).getData('text');
    var lines = text.replace(/\r/g, '').split('\n');
    if (lines.length && lines[lines.length - 1] === '') lines.pop();
    if (lines.length < 2) return;
    e.preventDefault();
    var at = place(input);
    lines.forEach(function (line, i) {
      var cell = cellAt(at.row + i, at.col);
      if (!cell) return;
      cell.value = line.split('\t')[0].trim();
      save(cell);
    });
  });

  // A refused value comes back with its message in the cell: show it.
  document.body.addEventListener('htmx:beforeSwap', function (e) {
    var status = e.detail.xhr.status;
    if (table.contains(e.detail.target) && (status === 422 || status === 403)) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });

  document.body.addEventListener('htmx:afterSwap', function (e) {
    var td = e.detail.target;
    if (!table.contains(td) || td.tagName !== 'TD') return;
    td.classList.remove('saving');
    td.removeAttribute('aria-busy');
    td.classList.toggle('has-error', !!td.querySelector('.cell-error'));
    var input = td.querySelector('.cell-input');
    if (input && input.id === current && (document.activeElement === document.body || !document.activeElement)) {
      input.focus();
    }
  });

  function failed(e) {
    var td = e.detail.target || (e.detail.elt && e.detail.elt.closest('td'));
    if (!td || !table.contains(td)) return;
    td.classList.remove('saving');
    td.removeAttribute('aria-busy');
    td.classList.add('has-error');
    var note = td.querySelector('.cell-error') || document.createElement('span');
    note.className = 'cell-error';
    note.setAttribute('role', 'alert');
    note.textContent = table.getAttribute('data-t-not-saved');
    td.appendChild(note);
  }
  document.body.addEventListener('htmx:sendError', failed);
  document.body.addEventListener('htmx:responseError', failed);
})();
