// File inputs (fazhi.core.widgets.FileInput): show the chosen file's name beside the site's
// "选择文件" button. Delegated, so forms swapped in by htmx work too.
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.classList || !input.classList.contains("fazhi-file-input")) return;
  var shown = input.parentNode.querySelector(".fazhi-file-name");
  if (!shown) return;
  var names = Array.prototype.map.call(input.files || [], function (file) { return file.name; });
  shown.textContent = names.length ? names.join("、") : shown.getAttribute("data-empty");
  shown.classList.toggle("text-secondary", !names.length);
});

// Citation pickers (fazhi.ledgers.citations): a name chosen from the law catalogue's list is
// added to its field, as 《name》 to a text or to a “、”-separated list; what is only typed (no
// name of the list) is left alone. A pick from the list is an "input" without typing (or a
// plain Event in Firefox); "change" covers browsers that fire only that.
function fazhiCitationPicked(event) {
  var picker = event.target;
  if (!picker.getAttribute || !picker.getAttribute("data-citation-for")) return;
  if (event.type === "input" && event.inputType && event.inputType !== "insertReplacementText") return;
  var name = picker.value.trim();
  var options = picker.list ? Array.prototype.map.call(picker.list.options, function (option) {
    return option.value;
  }) : [];
  var field = document.getElementById(picker.getAttribute("data-citation-for"));
  if (!field || !name || options.indexOf(name) < 0) return;
  var current = field.value.replace(/\s+$/, "");
  if (picker.getAttribute("data-citation-style") === "list") {
    var names = current ? current.split(/[、，,]/).map(function (part) { return part.trim(); }) : [];
    if (names.indexOf(name) < 0) names.push(name);
    field.value = names.filter(Boolean).join("、");
  } else {
    field.value = current + (current ? "\n" : "") + "《" + name + "》";
  }
  picker.value = "";
  field.focus();
}
document.addEventListener("input", fazhiCitationPicked);
document.addEventListener("change", fazhiCitationPicked);
