/* The site's own script, progressive only: every page reads the same without it.
   - Times marked data-local are shown again in the reader's own zone, naming it.
   - An English page offers (never forces) the Korean site to a browser that prefers Korean. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";

  function localTimes(root) {
    var format;
    try {
      // dateStyle cannot be combined with timeZoneName: the fields one by one.
      format = new Intl.DateTimeFormat(lang, {
        year: "numeric", month: "long", day: "numeric",
        hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short"
      });
    } catch (e) {
      return;
    }
    root.querySelectorAll("time[data-local]").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      if (isNaN(when)) return;
      var shown = format.format(when);
      if (el.textContent !== shown) {
        el.title = el.textContent.trim();
        el.textContent = shown;
      }
    });
  }

  function offerKorean() {
    var offer = document.querySelector(".language-offer");
    if (!offer) return;
    var wanted = (navigator.languages || [navigator.language || ""]).map(function (l) {
      return String(l).toLowerCase();
    });
    var koreanFirst = wanted.length && wanted[0].indexOf("ko") === 0;
    var dismissed = false;
    try { dismissed = localStorage.getItem("language-offer") === "dismissed"; } catch (e) {}
    if (!koreanFirst || dismissed) return;
    offer.hidden = false;
    offer.querySelector("[data-dismiss]").addEventListener("click", function () {
      offer.hidden = true;
      try { localStorage.setItem("language-offer", "dismissed"); } catch (e) {}
    });
  }

  function start() {
    localTimes(document);
    offerKorean();
    document.body.addEventListener("htmx:afterSwap", function (event) {
      localTimes(event.target);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
