// Live count of text messages for a message template, with typical values in the
// placeholders. The same rules as socialwork/messaging/sms.py: GSM-7 takes 160 characters
// in one message and 153 per part; anything outside it makes the whole text UCS-2 (70/67).
(function () {
  "use strict";

  function render(text, example) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(example, name) ? example[name] : whole;
    }).trim();
  }

  function count(area) {
    var basic = area.dataset.gsm;
    var extended = area.dataset.gsmExtended;
    var text = render(area.value, JSON.parse(area.dataset.example || "{}"));
    var chars = Array.from(text);
    var outside = chars.filter(function (ch) {
      return basic.indexOf(ch) < 0 && extended.indexOf(ch) < 0;
    });
    var units, single, multi, encoding;
    if (outside.length === 0) {
      units = chars.reduce(function (sum, ch) {
        return sum + (extended.indexOf(ch) >= 0 ? 2 : 1);
      }, 0);
      single = 160; multi = 153; encoding = "GSM-7";
    } else {
      units = text.length; // UTF-16 code units, as the phone counts them
      single = 70; multi = 67; encoding = "UCS-2";
    }
    var parts = units === 0 ? 0 : (units <= single ? 1 : Math.ceil(units / multi));
    var label = parts === 1 ? area.dataset.labelOne : area.dataset.labelMany;
    document.getElementById(area.id + "_count").textContent = label
      .replace("{encoding}", encoding)
      .replace("{characters}", units)
      .replace("{segments}", parts);
    var unique = Array.from(new Set(outside)).join(" ");
    document.getElementById(area.id + "_ucs2").textContent = unique
      ? area.dataset.labelUcs2.replace("{characters}", unique) : "";
  }

  function start() {
    document.querySelectorAll("textarea[data-segments]").forEach(function (area) {
      area.addEventListener("input", function () { count(area); });
      count(area);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
