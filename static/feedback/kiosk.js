// The lobby tablet. Nothing lost, nothing doubled: every answer is first written to the
// tablet's own storage with a random key, then sent; an answer leaves the queue only when the
// server has stored it (201), already had it (200, same key) or refused it in its own words
// as unreadable (400 "invalid"). With the network down answers wait and go when it returns.
// The key is made once per answer, so a retry or a double tap stores it once.
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("kiosk-config").textContent);
  var QUEUE_KEY = "socialwork.kiosk.queue";
  var ANSWER_URL = "/kiosk/answer/";
  var CONTACT_URL = "/kiosk/contact/";
  var TAP_GUARD_MS = 1500; // taps on one button closer together than this count as one
  var SCREEN_GUARD_MS = 400; // the second tap of a double tap must not hit the next screen
  var THANKS_MS = config.thanksSeconds * 1000;

  var language = config.languages[0];
  var form = document.getElementById("kiosk-form");
  var screens = {
    answer: document.getElementById("kiosk-answer"),
    thanks: document.getElementById("kiosk-thanks"),
    contact: document.getElementById("kiosk-contact"),
  };
  var errorBox = document.getElementById("kiosk-error");
  var statusBox = document.getElementById("kiosk-status");
  var lastTaps = {};
  var screenShownAt = 0;
  var idleTimer = null;
  var thanksTimer = null;
  var retryTimer = null;
  var retryDelay = 2000;
  var flushing = false;
  var blocked = false;

  function text(key) {
    var value = config.texts[language][key];
    return value === undefined ? "" : value;
  }

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" +
      hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function tooSoon(button) {
    var now = Date.now();
    if (now - screenShownAt < SCREEN_GUARD_MS) return true;
    if (now - (lastTaps[button] || 0) < TAP_GUARD_MS) return true;
    lastTaps[button] = now;
    return false;
  }

  // --- Language -------------------------------------------------------------------------
  function setLanguage(code) {
    if (!config.texts[code]) return;
    language = code;
    document.documentElement.lang = code;
    document.title = text("title");
    document.querySelectorAll("[data-t]").forEach(function (el) {
      var value = text(el.dataset.t);
      if (value !== "") el.textContent = value;
    });
    document.querySelectorAll("[data-t-label]").forEach(function (el) {
      el.setAttribute("aria-label", text(el.dataset.tLabel));
    });
    document.querySelectorAll("[data-language]").forEach(function (button) {
      var on = button.dataset.language === code;
      button.classList.toggle("active", on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
    updateStatus();
  }

  document.querySelectorAll("[data-language]").forEach(function (button) {
    button.addEventListener("click", function () { setLanguage(button.dataset.language); });
  });

  // --- Screens and resets ---------------------------------------------------------------
  // `tapped`: the screen changes under a finger, so a second tap of the same touch is ignored.
  function show(name, tapped) {
    Object.keys(screens).forEach(function (key) {
      if (screens[key]) screens[key].hidden = key !== name;
    });
    if (tapped) screenShownAt = Date.now();
    window.scrollTo(0, 0);
    var heading = screens[name] && screens[name].querySelector("[tabindex='-1']");
    if (heading) heading.focus();
  }

  function clearForms() {
    form.reset();
    var contactForm = document.getElementById("kiosk-contact-form");
    if (contactForm) contactForm.reset();
    document.querySelectorAll("[role=alert]").forEach(function (box) { box.hidden = true; });
  }

  // Back to an empty form in the first language: the next person sees nothing of the last.
  function reset(tapped) {
    clearTimeout(thanksTimer);
    clearForms();
    var offer = screens.thanks.querySelector(".kiosk-offer");
    if (offer) offer.hidden = false;
    setLanguage(config.languages[0]);
    show("answer", tapped === true);
  }

  function dirty() {
    return !screens.answer.hidden
      ? Array.prototype.some.call(form.elements, function (el) {
        return (el.type === "radio" && el.checked) ||
          ((el.type === "text" || el.type === "number" || el.tagName === "TEXTAREA") && el.value);
      })
      : true;
  }

  function touched() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(function () { if (dirty()) reset(); }, config.idleSeconds * 1000);
  }
  ["pointerdown", "keydown", "input"].forEach(function (name) {
    document.addEventListener(name, touched, true);
  });

  // --- The queue ------------------------------------------------------------------------
  // One storage entry per answer, so that two tabs (or a reload in the middle of a send) can
  // never write over each other's list. An entry leaves only when the server has stored it
  // or says, in its own JSON, that it is unreadable for good.
  var PREFIX = "socialwork.kiosk.q.";
  var SEND_TIMEOUT_MS = 15000;

  function entries() {
    var found = [];
    for (var i = 0; i < localStorage.length; i++) {
      var name = localStorage.key(i);
      if (!name || name.indexOf(PREFIX) !== 0) continue;
      var entry = null;
      try { entry = JSON.parse(localStorage.getItem(name)); } catch (e) { entry = null; }
      // Something unreadable is left where it is, for staff to look at, and never sent.
      if (entry && typeof entry.url === "string" && entry.body && typeof entry.body === "object") {
        entry.name = name;
        found.push(entry);
      }
    }
    return found.sort(function (a, b) { return (a.queuedAt || 0) - (b.queuedAt || 0); });
  }

  // Tablets that queued with the older single list keep their answers. The list goes only
  // once every answer in it has its own entry; a full storage leaves it for the next load.
  (function adoptOldQueue() {
    try {
      var old = JSON.parse(localStorage.getItem(QUEUE_KEY));
      if (!Array.isArray(old)) return;
      old.forEach(function (entry, index) {
        if (entry && entry.body && entry.body.key) {
          entry.queuedAt = index;
          localStorage.setItem(PREFIX + entry.body.key, JSON.stringify(entry));
        }
      });
      localStorage.removeItem(QUEUE_KEY);
    } catch (e) { /* unreadable or storage full: the page works on, the list stays */ }
  })();

  // False when the tablet cannot keep the answer (storage full or switched off).
  function enqueue(url, body) {
    try {
      localStorage.setItem(
        PREFIX + body.key, JSON.stringify({ url: url, body: body, queuedAt: Date.now() })
      );
    } catch (e) {
      return false;
    }
    updateStatus();
    return true;
  }

  function updateStatus() {
    var waiting = entries().length;
    var words = config.texts[language]["ui.waiting"].replace("%(count)s", waiting);
    statusBox.textContent = blocked || waiting ? words : "";
    statusBox.classList.toggle("kiosk-status-alert", blocked);
  }

  function retryLater() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(flush, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60000);
  }

  // Settles always, within SEND_TIMEOUT_MS: a request or a body that hangs counts as the
  // network being away, so the queue can never stall behind it.
  function send(entry) {
    return new Promise(function (resolve) {
      var settled = false;
      function finish(outcome) {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      }
      var controller = window.AbortController ? new AbortController() : null;
      var timer = setTimeout(function () {
        if (controller) controller.abort();
        finish("offline");
      }, SEND_TIMEOUT_MS);
      fetch(entry.url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(entry.body),
        credentials: "same-origin",
        cache: "no-store",
        signal: controller ? controller.signal : undefined,
      }).then(function (response) {
        if (response.status === 200 || response.status === 201) return finish("done");
        if (response.status === 403) return finish("blocked");
        if (response.status !== 400) return finish("keep"); // server error: this one waits
        // Only the server's own verdict drops an answer; a proxy's 400 page does not.
        return response.json().then(function (data) {
          finish(data && data.status === "invalid" ? "done" : "keep");
        }, function () { finish("keep"); });
      }).catch(function () { finish("offline"); });
    });
  }

  // Sends the waiting answers one by one, oldest first. One that keeps failing does not hold
  // the others back; no network, or a tablet no longer registered, stops the round.
  var flushAgain = false;

  function flush() {
    if (flushing) { flushAgain = true; return; } // queued during a round: one more round
    flushAgain = false;
    var queue = entries();
    if (!queue.length) { blocked = false; updateStatus(); return; }
    flushing = true;
    var kept = 0;
    (function next(i) {
      if (i >= queue.length) {
        flushing = false;
        updateStatus();
        if (kept) retryLater(); else retryDelay = 2000;
        if (flushAgain && !kept) flush();
        return;
      }
      send(queue[i]).then(function (outcome) {
        if (outcome === "done") {
          localStorage.removeItem(queue[i].name);
          blocked = false;
          next(i + 1);
        } else if (outcome === "keep") {
          kept += 1;
          next(i + 1);
        } else {
          blocked = outcome === "blocked";
          flushing = false;
          updateStatus();
          retryLater();
        }
      });
    })(0);
  }

  window.addEventListener("online", function () { retryDelay = 2000; flush(); });
  // A tablet page left open in another tab sends what this one queued, and vice versa.
  window.addEventListener("storage", function (event) {
    if (event.key && event.key.indexOf(PREFIX) === 0) updateStatus();
  });

  // --- Answering ------------------------------------------------------------------------
  var EMAIL = new RegExp(
    "^[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+(\\.[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+)*" +
    "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$"
  );
  function collect() {
    var answers = {};
    var worker = null;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      if (el.type === "radio") {
        if (!el.checked) return;
        if (el.name === "worker") { worker = el.value ? parseInt(el.value, 10) : null; return; }
        answers[el.name] = parseInt(el.value, 10);
      } else if (el.type === "number") {
        if (el.value) answers[el.name] = parseInt(el.value, 10);
      } else if (el.value.trim()) {
        answers[el.name] = el.value.trim();
      }
    });
    return { answers: answers, worker: worker };
  }

  // Enter (the keyboard's "Go") in a one-line field or on an option would send the form
  // half-filled, with no way back into it: only the Send button sends.
  function enterOnlyOnButtons(someForm) {
    someForm.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.tagName === "INPUT") event.preventDefault();
    });
  }
  enterOnlyOnButtons(form);

  function refuse(box, key, button) {
    box.textContent = text(key);
    box.hidden = false;
    delete lastTaps[button]; // nothing was sent: the next tap counts
  }

  // The server's own limits, checked here: an answer refused after the client has gone
  // could not be corrected by anyone.
  function yearsOutOfRange() {
    return Array.prototype.some.call(form.querySelectorAll("input[type=number]"), function (el) {
      if (!el.value) return false;
      var value = Number(el.value);
      return !/^[0-9]{4}$/.test(el.value.trim()) || value < Number(el.min) || value > Number(el.max);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (tooSoon("send")) return;
    var given = collect();
    if (!Object.keys(given.answers).length) return refuse(errorBox, "ui.empty", "send");
    if (yearsOutOfRange()) return refuse(errorBox, "ui.year_range", "send");
    var queued = enqueue(ANSWER_URL, {
      key: newKey(),
      version: config.version,
      language: language,
      worker: given.worker,
      given_at: new Date().toISOString(),
      answers: given.answers,
    });
    if (!queued) return refuse(errorBox, "ui.not_saved", "send");
    // The form is emptied before the thanks screen shows: there is no way back into it.
    clearForms();
    var more = document.getElementById("kiosk-thanks-more");
    more.textContent = navigator.onLine ? text("ui.thanks_more") : text("ui.thanks_queued");
    show("thanks", true);
    thanksTimer = setTimeout(reset, THANKS_MS);
    flush();
  });

  document.getElementById("kiosk-clear").addEventListener("click", function () {
    if (!tooSoon("clear")) reset(true);
  });

  if (screens.contact) {
    var contactForm = document.getElementById("kiosk-contact-form");
    var contactError = document.getElementById("kiosk-contact-error");
    document.getElementById("kiosk-contact-yes").addEventListener("click", function () {
      if (tooSoon("contact-yes")) return;
      clearTimeout(thanksTimer);
      show("contact", true);
    });
    document.getElementById("kiosk-contact-no").addEventListener("click", function () {
      if (!tooSoon("contact-no")) reset(true);
    });
    document.getElementById("kiosk-contact-cancel").addEventListener("click", function () {
      if (!tooSoon("contact-cancel")) reset(true);
    });
    enterOnlyOnButtons(contactForm);
    contactForm.addEventListener("submit", function (event) {
      event.preventDefault();
      if (tooSoon("contact-send")) return;
      var data = new FormData(contactForm);
      var name = (data.get("name") || "").trim();
      var phone = (data.get("phone") || "").trim();
      var email = (data.get("email") || "").trim();
      if (!name || !(phone || email)) return refuse(contactError, "ui.contact_missing", "contact-send");
      // As strict as the server (Django's EmailValidator): a slip it refused later would be
      // lost with its caller.
      if (email && !EMAIL.test(email)) return refuse(contactError, "ui.email_check", "contact-send");
      var queued = enqueue(CONTACT_URL, {
        key: newKey(),
        name: name,
        phone: phone,
        email: email,
        interest: data.get("interest") || "either",
        message: (data.get("message") || "").trim(),
      });
      if (!queued) return refuse(contactError, "ui.not_saved", "contact-send");
      clearForms();
      var more = document.getElementById("kiosk-thanks-more");
      more.textContent = text("ui.contact_thanks");
      screens.thanks.querySelector(".kiosk-offer").hidden = true;
      show("thanks", true);
      thanksTimer = setTimeout(reset, THANKS_MS);
      flush();
    });
  }

  // Whatever waited from before a reload or a power cut goes now, and then every half minute.
  setInterval(flush, 30000);
  updateStatus();
  flush();
  touched();
})();
