// Förderrechner: add participant groups from the formset's empty form.
(function () {
  var button = document.getElementById("add-group");
  var template = document.getElementById("group-template");
  var total = document.getElementById("id_groups-TOTAL_FORMS");
  var target = document.getElementById("groups");
  if (!button || !template || !total || !target) return;
  button.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    target.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var fields = target.querySelectorAll("[data-group]");
    var input = fields[fields.length - 1].querySelector("input[type=text]");
    if (input) input.focus();
  });
})();
