package dev.bitmsg.node.web;

/**
 * A request of a logged-in user as a page sees it: the query, the form fields (empty for a GET) and
 * the session. Immutable.
 */
record WebRequest(String path, Form query, Form form, Sessions.Session session) {

  /** Shows {@code text} as a notice on the next page. */
  void notice(String text) {
    session.flash(text, false);
  }
}
