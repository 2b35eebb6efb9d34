// The staff pages' only script of their own, kept out of the pages so that the content security
// policy can forbid inline script (StaffWebConfiguration.CONTENT_SECURITY_POLICY).
//
// A page marked data-swap-refusals answers a refused form with 400 and the page saying why: htmx
// would drop an error answer, so it is swapped in like a 200.
document.addEventListener('htmx:beforeSwap', function (event) {
  if (event.detail.xhr.status === 400 && event.target.closest('[data-swap-refusals]')) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// A search or page answered by htmx changes the address but leaves the header as it was: the
// language switch must lead to the page as it now is (criteria and page kept), not as it was first
// rendered (LanguageLinks does the same on the server).
document.addEventListener('htmx:pushedIntoHistory', function () {
  document.querySelectorAll('#lang-zh, #lang-en').forEach(function (link) {
    var url = new URL(window.location.href);
    url.searchParams.set('lang', link.id === 'lang-en' ? 'en' : 'zh');
    link.href = url.pathname + url.search;
  });
});

// A search answered by htmx replaces the results without a page load, so a screen reader says nothing: the count
// of what was found is put in the page's live region (role=status), which a screen reader reads out when it changes.
document.addEventListener('htmx:afterSettle', function () {
  var live = document.getElementById('results-announce');
  var total = document.getElementById('results-total');
  if (live && total) {
    live.textContent = total.textContent;
  }
});
