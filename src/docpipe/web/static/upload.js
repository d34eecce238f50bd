// While an upload is checked and rendered (seconds, more with PDFs), say so: show the status line
// with its moving bar and keep the button from being pressed twice. Nothing else runs on the page.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form.upload[enctype]");
  var working = document.getElementById("working");
  if (!form || !working) { return; }
  form.addEventListener("submit", function () {
    working.hidden = false;
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; }
  });
});
