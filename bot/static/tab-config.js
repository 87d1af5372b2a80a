// The channel tab's configuration page: the team picks Vagtplan or Tal.
"use strict";
(function () {
  const select = document.getElementById("page");
  const origin = window.location.origin;
  microsoftTeams.app.initialize().then(() => {
    microsoftTeams.pages.config.registerOnSaveHandler((saveEvent) => {
      const page = select.value;
      const name = select.options[select.selectedIndex].text;
      microsoftTeams.pages.config
        .setConfig({
          entityId: page,
          suggestedDisplayName: name,
          // Teams fills in {locale}, as in the manifest's personal tabs: the page's language.
          contentUrl: origin + "/web/tab?page=" + encodeURIComponent(page) + "&lang={locale}",
          websiteUrl: origin + "/web/" + encodeURIComponent(page),
        })
        .then(() => saveEvent.notifySuccess())
        .catch((error) => saveEvent.notifyFailure(String(error)));
    });
    microsoftTeams.pages.config.setValidityState(true);
  });
})();
