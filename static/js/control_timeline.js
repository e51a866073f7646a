// A place's control timeline: opening a point (a link to #observation-N) opens that
// observation's details, also when the page is loaded with the address of one.
(function () {
  "use strict";
  function open() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (id.indexOf("observation-") !== 0) { return; }
    var item = document.getElementById(id);
    var details = item && item.querySelector("details");
    if (details) { details.open = true; item.focus({ preventScroll: true }); }
  }
  window.addEventListener("hashchange", open);
  open();
})();
