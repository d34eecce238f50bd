// The job page's progress, fetched every second and put into its polite live region, so a screen
// reader hears "2 af 3 sager færdige" without the page reloading under it; when the job is done the
// page is loaded again and shows the summary. (Without scripts, the page refreshes itself instead.)
document.addEventListener("DOMContentLoaded", function () {
  var region = document.getElementById("progress");
  if (!region) { return; }
  var address = region.getAttribute("data-progress");
  function poll() {
    fetch(address, { cache: "no-store", credentials: "same-origin" }).then(function (answer) {
      if (answer.headers.get("X-Docpipe-Finished") === "1" || !answer.ok) {
        window.location.reload();
        return null;
      }
      return answer.text();
    }).then(function (html) {
      if (html !== null && html !== undefined && region.innerHTML.trim() !== html.trim()) {
        region.innerHTML = html;
      }
      window.setTimeout(poll, 1000);
    }).catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 1000);
});
