// Sends the session's CSRF token with every htmx request (the forms carry it as a field).
document.addEventListener('htmx:configRequest', function (e) {
  var m = document.querySelector('meta[name="csrf-token"]');
  if (m) {
    e.detail.headers['X-CSRF-Token'] = m.content;
  }
});
