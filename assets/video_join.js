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
  // Every second rather than on every change of the page (a MutationObserver of the whole
  // document is handed each change React makes while rendering); until its first look a box
  // shows "later", never a Join link.
  setInterval(tick, 1000);
  tick(); // loaded once the document is parsed (components/head_scripts.py)
})();
