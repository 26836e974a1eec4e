/// The copy button beside each calendar address: the page's only script, progressive
/// enhancement. Without script the buttons stay `hidden` and the address is selectable text
/// (one tap selects all of it); the script shows the buttons and copies the address with the
/// Clipboard API, or by selecting it and `execCommand("copy")` where that API is missing or
/// refused.
///
/// The Content-Security-Policy allows this script, and nothing else, by its hash (CSP Level 3
/// §8.4: a `'sha256-…'` source matches an inline script whose content has that digest). The
/// script words nothing itself: the labels are the button's text and its `data-copied`
/// attribute (``PageWords``, in the schedule's language), so a translated page keeps the same hash.
extension SubscribePage {
    static let copyScript: StaticString = """
        document.querySelectorAll("button[data-copy]").forEach(function (b) {
          var address = document.getElementById(b.getAttribute("data-copy")), label = b.textContent, timer;
          function copied() {
            b.textContent = b.getAttribute("data-copied");
            clearTimeout(timer);
            timer = setTimeout(function () { b.textContent = label; }, 2000);
          }
          function fallback() {
            var range = document.createRange(), selection = getSelection();
            range.selectNodeContents(address);
            selection.removeAllRanges();
            selection.addRange(range);
            try { if (document.execCommand("copy")) copied(); } catch (e) {}
          }
          b.addEventListener("click", function () {
            if (navigator.clipboard && navigator.clipboard.writeText) {
              navigator.clipboard.writeText(address.textContent).then(copied, fallback);
            } else {
              fallback();
            }
          });
          b.hidden = false;
        });
        """

    /// The base64 SHA-256 of ``copyScript``'s bytes, as the policy names it; a test computes it
    /// again from the bytes, so the two cannot drift apart.
    static let copyScriptHash: StaticString = "NcoIavo/4FvmfHy11sOR9GadDnqHfx2YYVeBgiam9Mc="
}
