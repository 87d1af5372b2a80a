// The only script: a Print button on the rota (the page prints well without it, via the
// browser's own menu). Served from the app itself; the CSP allows no inline script.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button.print")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
