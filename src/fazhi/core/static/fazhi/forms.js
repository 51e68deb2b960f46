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
