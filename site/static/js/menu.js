// The header's menu button on narrow screens (below 768 px, see site.css).
// Loaded in <head> without defer so the class below is set before the header is drawn: no open-then-closed flash.
// Without JavaScript the class is never set, the button stays hidden and the whole menu is shown.
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("has-menu-script");

  function init() {
    var toggle = document.querySelector("[data-menu-toggle]");
    var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    var header = toggle && toggle.closest("header");
    if (!menu || !header) {
      root.classList.remove("has-menu-script"); // nothing to fold: show everything
      return;
    }

    function isOpen() { return toggle.getAttribute("aria-expanded") === "true"; }

    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
    }

    toggle.addEventListener("click", function () { setOpen(!isOpen()); });

    // Escape closes the menu and puts the focus back on the button, wherever in the menu it was.
    document.addEventListener("keydown", function (event) {
      if ((event.key === "Escape" || event.key === "Esc") && isOpen()) {
        setOpen(false);
        toggle.focus();
      }
    });

    // A click or tap outside the header closes the menu.
    document.addEventListener("click", function (event) {
      if (isOpen() && !header.contains(event.target)) { setOpen(false); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
