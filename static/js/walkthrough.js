// Keeps a walkthrough form in localStorage until it is saved, so a dropped
// connection or a closed tab loses nothing. The form works without it.
(function () {
  "use strict";

  var PREFIX = "homeroom:draft:";

  function storageGet(key) {
    try { return window.localStorage.getItem(PREFIX + key); } catch (e) { return null; }
  }
  function storageSet(key, value) {
    try { window.localStorage.setItem(PREFIX + key, value); } catch (e) { /* storage full or blocked */ }
  }
  function storageRemove(key) {
    try { window.localStorage.removeItem(PREFIX + key); } catch (e) { /* blocked */ }
  }

  function fields(form) {
    return Array.prototype.filter.call(
      form.querySelectorAll("input[name], textarea[name], select[name]"),
      function (el) { return el.type !== "hidden" && el.type !== "submit"; }
    );
  }

  function save(form, key) {
    var data = {};
    fields(form).forEach(function (el) {
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked) { data[el.name] = el.value; }
      } else {
        data[el.name] = el.value;
      }
    });
    storageSet(key, JSON.stringify({ savedAt: Date.now(), fields: data }));
  }

  function restore(form, key) {
    var raw = storageGet(key);
    if (!raw) { return false; }
    // Announced even when the browser already put the same values back itself.
    var draft;
    try { draft = JSON.parse(raw).fields || {}; } catch (e) { return false; }
    fields(form).forEach(function (el) {
      if (!Object.prototype.hasOwnProperty.call(draft, el.name)) {
        if (el.type === "radio") { el.checked = false; }
        return;
      }
      if (el.type === "radio" || el.type === "checkbox") {
        el.checked = draft[el.name] === el.value;
      } else {
        el.value = draft[el.name];
      }
    });
    // Comments restored into closed boxes would be easy to miss.
    Array.prototype.forEach.call(form.querySelectorAll("details"), function (d) {
      var text = d.querySelector("textarea");
      if (text && text.value.trim() !== "") { d.open = true; }
    });
    return true;
  }

  function announce(form, message) {
    var bar = form.querySelector(".draft-bar");
    if (!bar) { return; }
    var status = bar.querySelector(".draft-status");
    if (status) { status.textContent = message; }
    bar.hidden = false;
  }

  // A saved walkthrough's page names the draft it replaces.
  Array.prototype.forEach.call(document.querySelectorAll("[data-draft-clear]"), function (el) {
    storageRemove(el.getAttribute("data-draft-clear"));
  });

  Array.prototype.forEach.call(document.querySelectorAll("form[data-draft]"), function (form) {
    var key = form.getAttribute("data-draft");
    if (form.getAttribute("data-draft-restore") === "true") {
      if (restore(form, key)) {
        // The words come from the page, in the reader's language.
        announce(form, form.getAttribute("data-t-draft-restored") || "");
        // Once htmx is ready, ask the timetable about the restored classroom again.
        document.addEventListener("DOMContentLoaded", function () {
          var room = form.querySelector("#classroom");
          if (room && room.value.trim() !== "") {
            room.dispatchEvent(new Event("change", { bubbles: true }));
          }
        });
      }
    } else {
      // The server sent the form back with what was typed; keep the draft in step.
      save(form, key);
    }
    var keep = function () { save(form, key); };
    form.addEventListener("input", keep);
    form.addEventListener("change", keep);
    // The suggested teacher arrives by htmx; it belongs in the draft too.
    document.body.addEventListener("htmx:afterSwap", keep);
    var discard = form.querySelector("[data-draft-discard]");
    if (discard) {
      discard.addEventListener("click", function () {
        storageRemove(key);
        window.location.replace(window.location.href);
      });
    }
  });
})();
