// Roll call on a tablet. Every tap saves at once; when the connection drops, marks
// wait in localStorage and are sent when it returns. Each mark carries an id and the
// time it was made, so a mark sent twice is stored once and an old one never wins.
// Without this script the roll is a plain form that saves as a whole. Its words
// come from the page (data-t-* on the form) in the reader's language.
(function () {
  'use strict';
  var form = document.getElementById('roll');
  if (!form || !window.fetch || !window.localStorage || !window.JSON) return;
  form.classList.add('js');

  var KEY = 'homeroom.roll.queue';
  var RETRY_MS = 5000;
  var url = form.getAttribute('data-marks-url');
  var date = form.getAttribute('data-date');
  var csrf = form.getAttribute('data-csrf');
  var banner = document.querySelector('[data-roll-banner]');
  var count = document.querySelector('[data-roll-count]');
  var sending = false;
  var retry = null;
  // The session ended: the marks wait here until the teacher signs in again.
  var signedOut = false;
  var SIGNED_OUT = 'signed out';

  var plurals = null;
  try { plurals = new Intl.PluralRules(document.documentElement.lang); } catch (e) { /* the default form */ }

  // The page's wording `name`; with a number, the plural form the language uses for it.
  function words(name, n) {
    var text = form.getAttribute('data-t-' + name) || '';
    if (n === undefined) return text;
    var forms = {};
    try { forms = JSON.parse(text) || {}; } catch (e) { /* keep the default form */ }
    var chosen = (plurals && forms[plurals.select(n)]) || forms.other || '';
    return chosen.split('{count}').join(String(n));
  }

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }
  function store(queue) {
    try { localStorage.setItem(KEY, JSON.stringify(queue)); } catch (e) { /* full: the marks stay on screen */ }
  }
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
  }
  function rowOf(studentId) {
    return form.querySelector('.roll-row[data-student="' + studentId + '"]');
  }
  function say(row, text, kind) {
    var state = row && row.querySelector('[data-row-state]');
    if (!state) return;
    state.textContent = text;
    state.className = 'row-state' + (kind ? ' ' + kind : '');
  }
  function showCount() {
    if (!count) return;
    var marked = form.querySelectorAll('.marks input:checked').length;
    count.textContent = words('marked', marked);
  }
  function showBanner() {
    var waiting = load().length;
    if (!banner || signedOut) return;
    banner.hidden = waiting === 0;
    banner.textContent = words('waiting', waiting);
  }

  // The row's mark as shown, or null when it has no status or bad minutes.
  function markOf(row) {
    var checked = row.querySelector('.marks input:checked');
    if (!checked) return null;
    var minutes = null;
    if (checked.value === 'late') {
      var other = row.querySelector('.pick-other input').value.trim();
      var pick = row.querySelector('.pick input:checked');
      var text = other !== '' ? other : (pick ? pick.value : '');
      if (text !== '') {
        minutes = Number(text);
        if (!Number.isInteger(minutes) || minutes < 0 || minutes > 600) {
          say(row, words('minutes-range'), 'refused');
          return null;
        }
      }
    }
    return {
      id: newId(),
      student_id: row.getAttribute('data-student'),
      status: checked.value,
      minutes_late: minutes,
      remarks: row.querySelector('.remark input').value,
      marked_at: Date.now()
    };
  }

  function show(row, mark) {
    var status = row.querySelector('.marks input[value="' + mark.status + '"]');
    if (status) status.checked = true;
    var picks = row.querySelectorAll('.pick input');
    var other = row.querySelector('.pick-other input');
    var minutes = mark.minutes_late === null || mark.minutes_late === undefined ? '' : String(mark.minutes_late);
    var picked = false;
    picks.forEach(function (p) { p.checked = p.value === minutes; picked = picked || p.checked; });
    other.value = picked ? '' : minutes;
    row.querySelector('.remark input').value = mark.remarks || '';
  }

  function enqueue(marks) {
    if (marks.length === 0) return;
    var queue = load();
    marks.forEach(function (mark) {
      // A newer tap for the same student replaces the one still waiting.
      queue = queue.filter(function (e) {
        return !(e.url === url && e.date === date && e.mark.student_id === mark.student_id);
      });
      queue.push({ url: url, date: date, mark: mark });
      say(rowOf(mark.student_id), words('saving'), 'pending');
    });
    store(queue);
    showCount();
    showBanner();
    flush();
  }

  // Sign-in brings the teacher back to this roll, where the waiting marks are sent.
  function askToSignIn() {
    signedOut = true;
    if (!banner) return;
    var link = document.createElement('a');
    link.href = '/login?next=' + encodeURIComponent(window.location.pathname + window.location.search);
    link.textContent = words('sign-in-again');
    banner.textContent = words('signed-out') + ' ';
    banner.appendChild(link);
    banner.hidden = false;
  }

  function later() {
    if (retry) return;
    retry = setTimeout(function () { retry = null; flush(); }, RETRY_MS);
  }

  function drop(ids) {
    store(load().filter(function (e) { return ids.indexOf(e.mark.id) < 0; }));
  }

  function flush() {
    if (sending || signedOut) return;
    var queue = load();
    showBanner();
    if (queue.length === 0) return;
    if (navigator.onLine === false) {
      queue.forEach(function (e) { if (e.url === url) say(rowOf(e.mark.student_id), words('not-yet-saved'), 'pending'); });
      later();
      return;
    }
    // One roll and day per request: the first waiting.
    var first = queue[0];
    var batch = queue.filter(function (e) { return e.url === first.url && e.date === first.date; });
    sending = true;
    fetch(first.url, {
      method: 'POST',
      credentials: 'same-origin',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ date: first.date, sent_at: Date.now(), marks: batch.map(function (e) { return e.mark; }) })
    }).then(function (response) {
      var json = (response.headers.get('Content-Type') || '').indexOf('application/json') >= 0;
      if (response.ok && json) {
        return response.json().then(function (body) { saved(first, body); });
      }
      if (json && (response.status === 400 || response.status === 404 || response.status === 422)) {
        return response.json().then(function (body) { refusedMarks(first, batch, body); });
      }
      // A redirect (to sign-in) or a 401: the session has ended.
      if (response.type === 'opaqueredirect' || response.status === 401) throw new Error(SIGNED_OUT);
      throw new Error('not saved: ' + response.status);
    }).then(function () {
      sending = false;
      flush();
    }, function (error) {
      // Offline, signed out or the server is away: the marks wait and are tried again.
      sending = false;
      if (first.url === url) {
        batch.forEach(function (e) { say(rowOf(e.mark.student_id), words('not-yet-saved'), 'pending'); });
      }
      if (error && error.message === SIGNED_OUT) {
        askToSignIn();
        return;
      }
      showBanner();
      later();
    });
  }

  function saved(sent, body) {
    drop(body.received || []);
    if (sent.url !== url || sent.date !== date) return;
    var waiting = load().filter(function (e) { return e.url === url && e.date === date; })
      .map(function (e) { return e.mark.student_id; });
    (body.marks || []).forEach(function (mark) {
      var row = rowOf(mark.student_id);
      if (!row || waiting.indexOf(mark.student_id) >= 0) return;
      show(row, mark); // another device's newer mark wins
      say(row, words('saved'), '');
    });
    showCount();
  }

  function refusedMarks(sent, batch, body) {
    drop(batch.map(function (e) { return e.mark.id; }));
    if (sent.url !== url) return;
    var named = body.students || [];
    batch.forEach(function (e) {
      var student = e.mark.student_id;
      if (named.length === 0 || named.indexOf(student) >= 0) {
        say(rowOf(student), body.error || words('not-saved'), 'refused');
      } else {
        say(rowOf(student), words('other-refused'), 'refused');
      }
    });
  }

  form.addEventListener('change', function (event) {
    var target = event.target;
    var row = target.closest('.roll-row');
    if (!row) return;
    if (target.closest('.pick')) {
      row.querySelector('.pick-other input').value = '';
    } else if (target.closest('.pick-other')) {
      row.querySelectorAll('.pick input').forEach(function (p) { p.checked = false; });
    }
    if (target.closest('.late') && !row.querySelector('.mark-late input:checked')) return;
    var mark = markOf(row);
    if (mark) enqueue([mark]);
  });

  var markAll = form.querySelector('[data-mark-all]');
  if (markAll) {
    markAll.addEventListener('click', function (event) {
      event.preventDefault();
      var marks = [];
      form.querySelectorAll('.roll-row').forEach(function (row) {
        if (row.querySelector('.marks input:checked')) return;
        var present = row.querySelector('.marks input[value="present"]');
        if (!present) return;
        present.checked = true;
        var mark = markOf(row);
        if (mark) marks.push(mark);
      });
      enqueue(marks);
    });
  }

  // Enter in a remark saves that row, never the whole form.
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var row = document.activeElement && document.activeElement.closest('.roll-row');
    var mark = row && markOf(row);
    if (mark) enqueue([mark]);
  });

  window.addEventListener('online', flush);

  // Marks still waiting for this roll show as made, then go.
  load().forEach(function (e) {
    if (e.url !== url || e.date !== date) return;
    var row = rowOf(e.mark.student_id);
    if (!row) return;
    show(row, e.mark);
    say(row, words('not-yet-saved'), 'pending');
  });
  showCount();
  flush();
})();
