// Keep a live region fresh: poll its fragment, replace it only when the server says it changed.
(function () {
  "use strict";
  var region = document.querySelector("[data-live]");
  if (!region || !window.fetch) return;
  var url = region.getAttribute("data-live");
  var etag = region.getAttribute("data-etag");

  function busy() {
    var active = document.activeElement;
    return active && region.contains(active) && /^(INPUT|SELECT|TEXTAREA|SUMMARY|BUTTON)$/.test(active.tagName)
      || region.querySelector("details[open]") !== null;
  }

  function poll() {
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch(url, { headers: headers, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 200 && !busy()) {
          etag = response.headers.get("ETag");
          return response.text().then(function (html) { region.innerHTML = html; });
        }
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 2000);
})();
