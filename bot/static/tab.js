// The Teams tab: sign in with Teams single sign-on, then open the page the tab is for.
// No inline script (the pages' Content-Security-Policy allows only scripts from this server).
"use strict";
(function () {
  const status = document.getElementById("status");
  const page = status.dataset.page;
  function fail(message) {
    status.textContent = message || status.textContent;
    status.setAttribute("role", "alert");
  }
  microsoftTeams.app
    .initialize()
    .then(() => microsoftTeams.app.getContext())
    .then((context) =>
      microsoftTeams.authentication.getAuthToken().then((token) => ({ context, token })),
    )
    .then(({ context, token }) =>
      fetch("/web/sso", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          token: token,
          page: page,
          team: (context.team && context.team.internalId) || "",
          locale: (context.app && context.app.locale) || "",
        }),
      }),
    )
    .then((response) =>
      response.json().then((answer) => {
        if (response.ok && typeof answer.url === "string" && answer.url.startsWith("/")) {
          window.location.assign(answer.url);
        } else {
          fail(answer.message);
        }
      }),
    )
    .catch(() => fail());
})();
