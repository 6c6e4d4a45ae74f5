// Search as you type, on top of a search form that works without this script: on input
// (debounced), or when a facet, the sort or the library toggle changes, it fetches the same URL
// with `partial=1`, swaps in the results and facets, keeps the address bar in step and
// announces the count to screen readers. Focus stays where it was: a ticked facet is focused
// again after the swap. Any failure leaves the ordinary form in place.
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

  // With the script, facets apply as they change: their own submit button is not needed.
  function hideApply() {
    var apply = results.querySelector('[data-facets-apply]');
    if (apply) {
      apply.hidden = true;
    }
  }

  // The focused control inside the results, by name and value, to focus its successor.
  function focusedInResults() {
    var active = document.activeElement;
    if (!active || !results.contains(active) || !active.name) {
      return null;
    }
    return { name: active.name, value: active.value };
  }

  function refocus(was) {
    if (!was) {
      return;
    }
    var candidates = results.querySelectorAll('input');
    for (var i = 0; i < candidates.length; i++) {
      if (candidates[i].name === was.name && candidates[i].value === was.value) {
        candidates[i].focus();
        return;
      }
    }
  }

  function run() {
    var params = new URLSearchParams(new FormData(form));
    // Empty facets ("any") stay out of the address.
    var keys = [];
    params.forEach(function (value, key) {
      if (value === '' && key !== 'q') {
        keys.push(key);
      }
    });
    keys.forEach(function (key) { params.delete(key); });
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
        var was = focusedInResults();
        results.innerHTML = html;
        hideApply();
        refocus(was);
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

  hideApply();
  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 250);
  });
  form.addEventListener('change', function (event) {
    if (event.target === input) {
      return;
    }
    window.clearTimeout(timer);
    run();
  });
})();
