// The "Join" link of a remote meeting (components/video_meetings.py): shown by the page's own
// clock from 10 minutes before the start to the end. Sets data-join="open" / "wait" / "over"
// on each .video-join box (an attribute React does not manage); styles.css hides the rest.
(function () {
  function tick() {
    var now = Date.now();
    document.querySelectorAll(".video-join[data-join-from]").forEach(function (box) {
      var from = Number(box.getAttribute("data-join-from"));
      var until = Number(box.getAttribute("data-join-until"));
      var state = now < from ? "wait" : now <= until ? "open" : "over";
      if (box.getAttribute("data-join") !== state) box.setAttribute("data-join", state);
    });
  }
  new MutationObserver(tick).observe(document.documentElement, { childList: true, subtree: true });
  setInterval(tick, 10000);
  tick(); // loaded once the document is parsed (components/head_scripts.py)
})();
