#!/usr/bin/env python3
"""Runs the README's "Set up your studio" section as written, in a temporary folder.

Every fenced block of that section is preceded by a marker saying what the test does with it:

    <!-- walkthrough: run -->              the commands run, in order, in one bash session
    <!-- walkthrough: skip (why) -->       not run (installing packages, systemctl, certbot)
    <!-- walkthrough: file PATH -->        the block is written to PATH (the edited schedule)
    <!-- walkthrough: nginx site -->       nginx serves the output with this server block
    <!-- walkthrough: cron -->             the crontab line: its times are checked and its
                                           command runs as cron runs it (env -i, PATH=/usr/bin:/bin)

A block without a marker, an unknown marker or more than 15 steps is a failure, so the section
and this test cannot drift apart. The server's folders are mapped into the temporary folder
(/srv/studio, /var/www/feeds, /usr/local, ~), `sudo ` is dropped (the folders belong to this
user), REPOSITORY-URL is this repository, and the clock is fixed with SOURCE_DATE_EPOCH so the
feed's window (and the holiday in it) is the same every run. Then nginx on 127.0.0.1 (python's
http.server where there is no nginx) stands in for the server, and the feed and the page are
fetched over HTTP.

    python3 .ci/setup_walkthrough.py          # clones this repository (its committed state)
    python3 .ci/setup_walkthrough.py --here   # uses this working tree instead of a clone

Prints one line per check and "N passed, M failed"; exits 1 on any failure.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECTION = "## Set up your studio"
MAX_STEPS = 15
# 2026-11-27T09:00:00Z: the window then runs from 26 Oct 2026 to 23 May 2027.
EPOCH = "1795770000"
FEED = "still-point-yoga.ics"

passed = 0
failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok    " + what)
    else:
        failed += 1
        print("FAIL  " + what + (("\n      " + detail.replace("\n", "\n      ")) if detail else ""))
    return ok


def finish():
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(0 if failed == 0 else 1)


def section_blocks(readme):
    """The marked blocks of the section, in order: (kind, argument, text)."""
    text = open(readme, encoding="utf-8").read()
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    body = text[start:end if end >= 0 else len(text)]
    steps = re.findall(r"^\d+\. \*\*", body, flags=re.M)
    check(0 < len(steps) <= MAX_STEPS, "the section has %d steps (at most %d)" % (len(steps), MAX_STEPS))
    blocks = []
    lines = body.split("\n")
    i = 0
    marker = None
    while i < len(lines):
        line = lines[i].strip()
        m = re.match(r"<!-- walkthrough: (\S+)(?: (.*?))? -->$", line)
        if m:
            marker = (m.group(1), m.group(2) or "")
        elif line.startswith("```"):
            indent = len(lines[i]) - len(lines[i].lstrip())
            j = i + 1
            content = []
            while not lines[j].strip().startswith("```"):
                content.append(lines[j][indent:])
                j += 1
            if marker is None:
                check(False, "every block of the section is marked", "unmarked block: " + "\n".join(content[:3]))
            else:
                blocks.append((marker[0], marker[1], "\n".join(content) + "\n"))
            marker = None
            i = j
        i += 1
    return blocks


def main():
    here = "--here" in sys.argv[1:]
    tmp = tempfile.mkdtemp(prefix="classfeed-walkthrough.")
    server = None
    try:
        server = walk(tmp, here)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


def walk(tmp, here):
    root = os.path.join(tmp, "root")
    home = os.path.join(tmp, "home")
    os.makedirs(home)
    mapping = [
        ("/srv/studio", root + "/srv/studio"),
        ("/var/www/feeds", root + "/var/www/feeds"),
        ("/usr/local", root + "/usr/local"),
        ("REPOSITORY-URL", REPO),
    ]

    def mapped(s):
        for a, b in mapping:
            s = s.replace(a, b)
        return s.replace("sudo ", "")

    blocks = section_blocks(os.path.join(REPO, "README.md"))
    kinds = [k for k, _, _ in blocks]
    for kind in ("run", "file", "nginx", "cron"):
        check(kind in kinds, "the section has a '%s' block" % kind)
    unknown = [k for k in kinds if k not in ("run", "skip", "file", "nginx", "cron")]
    check(not unknown, "every marker is known", ", ".join(unknown))

    script = ["set -euo pipefail"]
    paths = set()
    site = None
    cron_command = None
    for kind, arg, text in blocks:
        if kind == "skip":
            continue
        if kind == "run":
            paths.update(re.findall(r"(?<![\w:/.~$-])(/[A-Za-z][\w.-]*(?:/[\w.-]+)*)", text))
            body = mapped(text)
            if here:
                body = re.sub(r"git clone \S+ (\S+)", r"ln -s '%s' \1" % REPO, body)
            script.append("echo '>>> %s'" % body.strip().replace("'", "'\\''").replace("\n", "\n>>> "))
            script.append(body)
        elif kind == "file":
            script.append("cat > '%s' <<'WALKTHROUGH_END'\n%sWALKTHROUGH_END" % (mapped(arg), text))
        elif kind == "nginx":
            site = mapped(text)
        elif kind == "cron":
            fields = text.strip().split(None, 5)
            field = r"(\*|\d+(-\d+)?)(/\d+)?(,(\*|\d+(-\d+)?)(/\d+)?)*"
            ok = len(fields) == 6 and all(re.fullmatch(field, f) for f in fields[:5])
            check(ok, "the crontab line has five time fields and a command", text)
            cron_command = mapped(fields[5]) if ok else None

    unmapped = sorted(p for p in paths if not any(p.startswith(a) for a, _ in mapping))
    check(not unmapped, "the commands name only folders the test maps (%s)" % ", ".join(sorted(paths)),
          "not mapped: " + ", ".join(unmapped))
    env = dict(os.environ)
    env.update(HOME=home, SOURCE_DATE_EPOCH=EPOCH, PATH=root + "/usr/local/bin:" + env.get("PATH", ""))
    env.pop("TZ", None)
    check(subprocess.run(["swift", "--version"], capture_output=True).returncode == 0,
          "a Swift toolchain is installed (step 1)")
    started = time.time()
    r = subprocess.run(["bash", "-c", "\n".join(script)], cwd=home, env=env, capture_output=True, text=True)
    ok = check(r.returncode == 0, "the section's commands run (%d s)" % (time.time() - started), (r.stdout + r.stderr)[-3000:])
    if not ok:
        return None
    studio = root + "/srv/studio"
    www = root + "/var/www/feeds"
    out = r.stdout
    check("wrote schedule.json: \"Still Point Yoga\", feed " + FEED in out, "init wrote the starter schedule")
    check(re.search(r"^schedule\.json: ok: 1 classes, 1 exceptions, \d+ holiday closures, ", out, flags=re.M) is not None,
          "check accepts the edited schedule, with its holiday calendar", out[-1500:])
    names = sorted(os.listdir(www))
    check(FEED in names and "index.html" in names, "build wrote the feed and the page", " ".join(names))
    feed = open(os.path.join(www, FEED), "rb").read()
    check(b"SUMMARY:Slow Flow" in feed, "the feed has the studio's class")
    # Easter Monday 2027 comes from the holiday calendar next to the schedule.
    check(b"20270329T183000" not in feed and b"20270325T183000" in feed,
          "the holiday calendar closes Easter Monday, 29 Mar 2027")

    if cron_command:
        before = {n: os.stat(os.path.join(www, n)).st_mtime_ns for n in names}
        r = subprocess.run(
            ["env", "-i", "HOME=" + home, "PATH=/usr/bin:/bin", "SHELL=/bin/sh", "SOURCE_DATE_EPOCH=" + EPOCH,
             "/bin/sh", "-c", cron_command], capture_output=True, text=True)
        check(r.returncode == 0 and r.stdout == "" and r.stderr == "",
              "the cron line runs as cron would, silently", r.stdout + r.stderr)
        after = {n: os.stat(os.path.join(www, n)).st_mtime_ns for n in names}
        check(before == after, "a cron run with nothing new rewrites no file")

    server, base, kind = serve(tmp, root, site)
    if server is None:
        check(False, "a web server on 127.0.0.1 serves the folder", kind)
        return None
    print("      (%s on %s)" % (kind, base))
    status, headers, body = get(base + "/feeds/" + FEED)
    check(status == 200 and body == feed, "GET /feeds/%s gives the feed" % FEED, str(status))
    ctype = headers.get("Content-Type", "")
    wanted = "text/calendar; charset=utf-8" if kind == "nginx" else "text/calendar"
    check(ctype == wanted, "the feed is served as %s" % wanted, ctype)
    status, headers, page = get(base + "/feeds/")
    check(status == 200 and headers.get("Content-Type", "").startswith("text/html"),
          "GET /feeds/ gives the subscribe page as text/html", "%s %s" % (status, headers.get("Content-Type")))
    check(b"webcal://stillpoint.example/feeds/" + FEED.encode() in page and b"Slow Flow" in page,
          "the page offers webcal://stillpoint.example/feeds/%s (publicURL) and lists the class" % FEED)
    if kind == "nginx":
        etag = headers.get("ETag")
        status, _, _ = get(base + "/feeds/", {"If-None-Match": etag} if etag else {})
        check(status == 304, "an unchanged page is 304 Not Modified", str(status))
        status, _, _ = get(base + "/feeds/.classfeed.lock")
        check(status == 403, "the lock file is not served", str(status))

    clone = os.path.join(home, "classfeed")
    if not here:
        r = subprocess.run(["classfeed"], cwd=clone, env=env, capture_output=True, text=True)
        check(r.returncode == 0, "the quick start's 'classfeed' runs in the clone", r.stderr)
        r = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=clone, capture_output=True, text=True)
        check(r.stdout == "", "the clone stays clean after installing and building", r.stdout)
    return server


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(tmp, root, site):
    """nginx with the README's server block (listening on 127.0.0.1), else python's http.server."""
    port = free_port()
    if site and shutil.which("nginx"):
        work = os.path.join(tmp, "nginx")
        os.makedirs(os.path.join(work, "logs"))
        mime = "include /etc/nginx/mime.types;" if os.path.exists("/etc/nginx/mime.types") else ""
        conf = os.path.join(work, "nginx.conf")
        server_block = re.sub(r"listen\s+80;", "listen 127.0.0.1:%d;" % port, site)
        with open(conf, "w") as f:
            f.write("""worker_processes 1;
%(user)s
pid %(work)s/nginx.pid;
error_log %(work)s/logs/error.log warn;
events { worker_connections 64; }
http {
    %(mime)s
    default_type application/octet-stream;
    access_log %(work)s/logs/access.log;
    client_body_temp_path %(work)s/tmp-body;
    proxy_temp_path %(work)s/tmp-proxy;
    fastcgi_temp_path %(work)s/tmp-fastcgi;
    uwsgi_temp_path %(work)s/tmp-uwsgi;
    scgi_temp_path %(work)s/tmp-scgi;
%(site)s
}
""" % {"work": work, "mime": mime, "site": server_block, "user": "user root;" if os.geteuid() == 0 else ""})
        proc = subprocess.Popen(["nginx", "-p", work, "-c", conf, "-g", "daemon off;"],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        kind = "nginx"
    else:
        proc = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory",
                                 os.path.join(root, "var/www"), str(port)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        kind = "python3 -m http.server"
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc, "http://127.0.0.1:%d" % port, kind
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    output = proc.stdout.read().decode() if kind == "nginx" and proc.stdout else ""
    proc.kill()
    return None, None, "%s did not start: %s" % (kind, output)


def get(url, headers=None):
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


if __name__ == "__main__":
    main()
