// Rows of a Django formset: "Add" clones the empty row, "Remove" ticks the row's delete box and hides it.
// Without JavaScript the page still works: it shows three empty rows and a "remove" checkbox on every row.
(function () {
  "use strict";

  function normalise(text) { return text.trim().replace(/\s+/g, " "); }

  // Step 2: the "Provided by" lists follow the stakeholder names typed above them.
  function stakeholderNames() {
    var names = [];
    document.querySelectorAll("[data-stakeholder-name]").forEach(function (input) {
      var row = input.closest("[data-formset-row]");
      if (row && row.hidden) { return; }
      var name = normalise(input.value);
      if (name && names.indexOf(name) === -1) { names.push(name); }
    });
    return names;
  }

  function refreshChoices(scope, renamedFrom, renamedTo) {
    var names = stakeholderNames();
    scope.querySelectorAll("select[data-stakeholder-choices]").forEach(function (select) {
      var value = select.value;
      // A new name ("" before) is not a rename: rows still on "not specified" must stay there.
      if (renamedFrom && value === renamedFrom) { value = renamedTo; }
      while (select.options.length > 1) { select.remove(1); }  // keep the "not specified" option
      names.forEach(function (name) { select.add(new Option(name, name)); });
      select.value = names.indexOf(value) === -1 ? "" : value;
    });
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.matches("[data-stakeholder-name]")) {
      event.target.dataset.previous = normalise(event.target.value);
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-stakeholder-name]")) {
      refreshChoices(document, event.target.dataset.previous, normalise(event.target.value));
      event.target.dataset.previous = normalise(event.target.value);
    }
  });

  document.querySelectorAll("[data-formset]").forEach(function (box) {
    var prefix = box.dataset.formset;
    var total = box.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
    var max = box.querySelector('input[name="' + prefix + '-MAX_NUM_FORMS"]');
    var rows = box.querySelector("[data-formset-rows]");
    var template = box.querySelector("template[data-formset-template]");
    var addButton = box.querySelector("[data-formset-add]");
    var status = box.querySelector("[data-formset-status]");
    if (!total || !rows || !template || !addButton) { return; }

    function announce(message) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 50);
    }

    function changed(row) {
      if (box.querySelector("[data-stakeholder-name]")) {
        refreshChoices(document);
      } else if (row) {
        refreshChoices(row);
      }
    }

    function enhance(row) {
      var checkbox = row.querySelector("[data-formset-delete]");
      if (!checkbox || row.querySelector("[data-formset-remove]")) { return; }
      if (checkbox.checked) { row.hidden = true; }
      var field = checkbox.closest(".field");
      if (field) { field.hidden = true; }
      var legend = row.querySelector("legend");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button secondary";
      button.setAttribute("data-formset-remove", "");
      button.textContent = box.dataset.removeLabel;
      if (legend) { button.setAttribute("aria-label", box.dataset.removeLabel + ": " + normalise(legend.textContent)); }
      button.addEventListener("click", function () {
        checkbox.checked = true;
        row.hidden = true;
        addButton.focus();
        announce(box.dataset.removedMessage);
        changed(null);
      });
      row.appendChild(button);
    }

    rows.querySelectorAll("[data-formset-row]").forEach(enhance);
    addButton.hidden = false;
    addButton.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      if (max && index >= parseInt(max.value, 10)) { announce(box.dataset.maxMessage); return; }
      var fragment = template.content.cloneNode(true);
      fragment.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(function (element) {
        ["name", "id", "for", "aria-describedby"].forEach(function (attribute) {
          var value = element.getAttribute(attribute);
          if (value) { element.setAttribute(attribute, value.replace(/__prefix__/g, String(index))); }
        });
      });
      var row = fragment.querySelector("[data-formset-row]");
      var number = row.querySelector("[data-formset-number]");
      if (number) { number.textContent = String(index + 1); }
      rows.appendChild(fragment);
      total.value = String(index + 1);
      enhance(row);
      changed(row);
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) { first.focus(); }
      announce(box.dataset.addedMessage);
    });
  });
})();
