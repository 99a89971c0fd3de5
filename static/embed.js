/* conflictmap embed loader, for the article page: sizes our embed iframes to their content.
 *
 *   <iframe src="https://MAP-SITE/embed/SLUG/?..." ... data-conflictmap-embed></iframe>
 *   <script src="https://MAP-SITE/static/embed.js" async></script>
 *
 * The embed posts {type: "conflictmap:resize", id, height} to its parent. This accepts a message
 * only from the window of one of the page's iframes, and only when the message's origin is the
 * origin of that iframe's src, so no other frame or window can resize anything. No dependencies,
 * no globals; loading it twice is harmless. Without it an iframe keeps its height attribute.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  if (root.hasAttribute("data-conflictmap-loader")) return;
  root.setAttribute("data-conflictmap-loader", "");

  var MAX_HEIGHT = 20000;

  function frameOrigin(frame) {
    try {
      return new URL(frame.getAttribute("src") || "", document.baseURI).origin;
    } catch (error) {
      return null;
    }
  }

  function isEmbed(frame) {
    try {
      return /\/embed\/[^/]+\/?$/.test(new URL(frame.getAttribute("src") || "", document.baseURI).pathname);
    } catch (error) {
      return false;
    }
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== "conflictmap:resize") return;
    var height = Number(data.height);
    if (!isFinite(height) || height <= 0) return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      if (!isEmbed(frame) || frameOrigin(frame) !== event.origin) return;
      var px = Math.min(Math.ceil(height), MAX_HEIGHT);
      frame.style.height = px + "px";
      frame.setAttribute("height", String(px));
      return;
    }
  });

  // Embeds that loaded before this script posted their height to nobody: ask them again.
  function hello() {
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      var origin = frameOrigin(frame);
      if (origin && origin !== "null" && isEmbed(frame) && frame.contentWindow) {
        frame.contentWindow.postMessage({ type: "conflictmap:hello" }, origin);
      }
    }
  }
  hello();
  if (document.readyState !== "complete") window.addEventListener("load", hello);
})();
