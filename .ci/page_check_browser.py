#!/usr/bin/env python3
"""The subscribe page in headless Chromium, driven over the DevTools protocol.

Run by .ci/page-check.sh; prints one "ok    ..." or "FAIL  ..." line per check. Talks to
Chromium through --remote-debugging-pipe (file descriptors 3 and 4, NUL-separated JSON), so it
needs nothing beyond Python's standard library.

    page_check_browser.py CHROMIUM PAGE-URL OUT-DIR --brand '#2a6f97' [--profile DIR]

For each of 390 px and 1280 px wide, light and dark: the page loads with no console error and no
Content-Security-Policy violation; the copy buttons are shown (the script ran, so the policy
accepted its hash); a click copies the address and says so; nothing is wider than the window;
each address breaks only at its <wbr>s; no duration wraps; the brand colour is the accent (as
written in the light scheme, a readable shade in the dark one); the logo loads. With JavaScript
off: no copy button, the address still shown whole. Saves a screenshot of each run.
"""

import argparse
import base64
import fcntl
import json
import os
import subprocess
import sys
import time

passed = 0
failed = 0


def check(ok, description, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok    " + description)
    else:
        failed += 1
        print("FAIL  " + description + (": " + detail if detail else ""))
    sys.stdout.flush()


class Browser:
    """One Chromium process and one page (a flat session), commands answered in order."""

    def __init__(self, chromium, profile):
        cmd_read, self.cmd_write = os.pipe()
        self.res_read, res_write = os.pipe()

        def child_fds():
            a = fcntl.fcntl(cmd_read, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(res_write, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--disable-extensions", "--disable-background-networking", "--user-data-dir=" + profile,
             "--host-resolver-rules=MAP * ~NOTFOUND", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=open(os.path.join(profile, "..", "chromium-cdp.log"), "ab"),
            preexec_fn=child_fds, pass_fds=(3, 4), close_fds=True)
        os.close(cmd_read)
        os.close(res_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]

    def read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.time() > deadline:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self.res_read, 1 << 16)
            if not chunk:
                raise EOFError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=True, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self.cmd_write, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            m = self.read_message(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(method + ": " + m["error"].get("message", ""))
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def wait_for(self, method, timeout=30):
        deadline = time.time() + timeout
        for i, e in enumerate(self.events):
            if e["method"] == method:
                del self.events[i]
                return e
        while True:
            m = self.read_message(deadline)
            if m.get("method") == method:
                return m
            if "method" in m:
                self.events.append(m)

    def evaluate(self, expression, await_promise=False):
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": await_promise})
        if "exceptionDetails" in r:
            raise RuntimeError("script failed: " + json.dumps(r["exceptionDetails"])[:300])
        return r["result"].get("value")

    def close(self):
        try:
            self.send("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def rgb(css):
    """'#2a6f97' -> 'rgb(42, 111, 151)', as getComputedStyle writes it."""
    v = int(css[1:], 16)
    return "rgb(%d, %d, %d)" % (v >> 16, (v >> 8) & 255, v & 255)


def contrast(a, b):
    """WCAG 2.2 contrast ratio of two 'rgb(r, g, b)' colours."""
    def luminance(s):
        channels = [int(x) / 255 for x in s[s.index("(") + 1:s.index(")")].split(",")[:3]]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    x, y = luminance(a), luminance(b)
    return (max(x, y) + 0.05) / (min(x, y) + 0.05)


# Each address's text nodes (the parts between its <wbr>s) each on a single line: a break
# anywhere else would give a part two boxes.
ADDRESS_BREAKS = """(() => {
  const bad = [];
  for (const code of document.querySelectorAll('.address code')) {
    if (!code.getClientRects().length) continue;  // in a closed <details>
    for (const node of code.childNodes) {
      if (node.nodeType !== 3) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (tops.size > 1) bad.push(code.id + ': ' + node.data);
    }
  }
  return bad;
})()"""


def run(browser, url, out, width, scheme, brand, javascript=True):
    label = "%d px, %s%s" % (width, scheme, "" if javascript else ", JavaScript off")
    height = 2600 if width < 600 else 1800
    browser.events = []
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    browser.send("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    browser.send("Emulation.setScriptExecutionDisabled", {"value": not javascript})
    browser.send("Page.navigate", {"url": url})
    browser.wait_for("Page.loadEventFired")
    # Runtime.evaluate still works with the page's scripts disabled: it is the protocol's, not
    # the page's. A moment for the copy script and the logo after the load event.
    time.sleep(0.3)

    suffix = ("phone" if width < 600 else "desktop") + ("-dark" if scheme == "dark" else "") + ("" if javascript else "-nojs")
    shot = browser.send("Page.captureScreenshot", {"format": "png"})
    with open(os.path.join(out, "page-branded-%s.png" % suffix), "wb") as f:
        f.write(base64.b64decode(shot["data"]))

    problems = [e for e in browser.events if e["method"] == "Runtime.exceptionThrown"
                or (e["method"] == "Log.entryAdded" and (e["params"]["entry"]["level"] == "error"
                                                         or "Content Security Policy" in e["params"]["entry"].get("text", "")))
                or (e["method"] == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "warning"))]
    check(not problems, "no console error and no Content-Security-Policy violation (%s)" % label,
          "; ".join(json.dumps(p["params"])[:300] for p in problems))

    shown = browser.evaluate("[...document.querySelectorAll('button.copy')].map(b => !b.hidden && b.getClientRects().length > 0)")
    if javascript:
        check(len(shown) > 0 and shown[0], "the copy button is shown: the policy accepted the script's hash (%s)" % label, str(shown))
    else:
        check(len(shown) > 0 and not any(shown), "without JavaScript no copy button is shown (%s)" % label, str(shown))

    overflow = browser.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    check(overflow[0] <= overflow[1], "nothing wider than the window (%s): %s <= %s" % (label, overflow[0], overflow[1]))

    bad = browser.evaluate(ADDRESS_BREAKS)
    check(bad == [], "each address breaks only at / . - (%s)" % label, "; ".join(bad))
    if width < 600:
        lines = browser.evaluate("(() => { const c = document.getElementById('address-all'); "
                                 "return Math.round(c.getBoundingClientRect().height / parseFloat(getComputedStyle(c).lineHeight)); })()")
        check(lines >= 2, "the combined feed's address wraps on a phone (%s lines)" % lines)

    wrapped = browser.evaluate("[...document.querySelectorAll('.duration')].filter(d => d.getClientRects().length > 1).map(d => d.textContent)")
    check(wrapped == [], "no duration wraps (%s)" % label, str(wrapped))

    accent = browser.evaluate("getComputedStyle(document.querySelector('#feed-all .button.primary')).backgroundColor")
    page_bg = browser.evaluate("getComputedStyle(document.body).backgroundColor")
    band = browser.evaluate("getComputedStyle(document.body).borderTopColor")
    check(band == rgb(brand), "the brand colour is the band at the top (%s): %s" % (label, band))
    if scheme == "light":
        check(accent == rgb(brand), "the brand colour is the accent (%s): %s" % (label, accent))
    else:
        check(accent != rgb("#8ab4ff") and contrast(accent, page_bg) >= 4.5,
              "a readable shade of the brand colour is the accent (%s): %s on %s, %.1f:1" % (label, accent, page_bg, contrast(accent, page_bg)))

    logo = browser.evaluate("(() => { const i = document.querySelector('img.logo'); return i ? i.naturalWidth : -1; })()")
    check(logo > 0, "the logo loads from beside the page (%s)" % label, "naturalWidth %s" % logo)

    if javascript:
        expected = browser.evaluate("document.getElementById('address-all').textContent")
        browser.evaluate("document.querySelector('button.copy[data-copy=\"address-all\"]').click()")
        time.sleep(0.5)
        said = browser.evaluate("document.querySelector('button.copy[data-copy=\"address-all\"]').textContent")
        check(said == "Copied", "the copy button says it copied (%s): %r" % (label, said))
        try:
            copied = browser.evaluate("navigator.clipboard.readText()", await_promise=True)
        except RuntimeError as e:
            copied = "(clipboard unreadable: %s)" % e
        check(copied == expected, "the clipboard holds the address (%s): %r" % (label, copied))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("chromium")
    parser.add_argument("url")
    parser.add_argument("out")
    parser.add_argument("--brand", required=True)
    parser.add_argument("--profile", required=True)
    a = parser.parse_args()
    os.makedirs(a.profile, exist_ok=True)
    os.makedirs(a.out, exist_ok=True)
    browser = Browser(a.chromium, a.profile)
    try:
        browser.send("Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]}, session=False)
        for domain in ("Page", "Runtime", "Log"):
            browser.send(domain + ".enable")
        browser.send("Emulation.setFocusEmulationEnabled", {"enabled": True})
        for width in (390, 1280):
            for scheme in ("light", "dark"):
                run(browser, a.url, a.out, width, scheme, a.brand)
        run(browser, a.url, a.out, 390, "light", a.brand, javascript=False)
    except Exception as e:  # the browser died or did not answer: a failure, not a crash
        check(False, "the browser answers over the DevTools protocol", repr(e))
    finally:
        browser.close()
    print("browser checks: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
