// Small progressive enhancements; every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // Bring the error summary into view and focus, so screen readers announce it.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
  // A one-time notice shown from a query parameter: drop the parameter, so a reload does not repeat it.
  var notice = document.querySelector("[data-drop-param]");
  if (notice && window.URL && window.history && history.replaceState) {
    var url = new URL(window.location.href);
    url.searchParams.delete(notice.getAttribute("data-drop-param"));
    history.replaceState(history.state, "", url.toString());
  }
});
