package dev.bitmsg.node.web;

/** One page or form action of the web interface. */
@FunctionalInterface
interface Page {
  WebResponse handle(WebRequest request) throws Exception;
}
