// Search as you type, on top of a search form that works without this script: on input
// (debounced) it fetches the same URL with `partial=1`, swaps in the results, keeps the
// address bar in step and announces the count to screen readers. Any failure leaves the
// ordinary form in place.
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  var results = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  if (!form || !results || !status || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var input = form.querySelector('input[name="q"]');
  if (!input) {
    return;
  }
  var timer = null;
  var controller = null;
  var latest = 0;

  function run() {
    var params = new URLSearchParams(new FormData(form));
    var url = form.getAttribute('action') + '?' + params.toString();
    if (controller) {
      controller.abort();
    }
    controller = window.AbortController ? new AbortController() : null;
    var mine = ++latest;
    params.set('partial', '1');
    fetch(form.getAttribute('action') + '?' + params.toString(), {
      credentials: 'same-origin',
      headers: { 'Accept': 'text/html' },
      signal: controller ? controller.signal : undefined
    })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (mine !== latest) {
          return;
        }
        results.innerHTML = html;
        if (window.history && window.history.replaceState) {
          window.history.replaceState(null, '', url);
        }
        var count = results.querySelector('[data-search-count]');
        var error = results.querySelector('.field-error');
        status.textContent = count ? count.textContent : (error ? error.textContent : '');
        if (error) {
          input.setAttribute('aria-invalid', 'true');
          input.setAttribute('aria-describedby', error.id);
        } else {
          input.removeAttribute('aria-invalid');
          input.removeAttribute('aria-describedby');
        }
      })
      .catch(function () { /* aborted or offline: the form still submits normally */ });
  }

  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 250);
  });
})();
